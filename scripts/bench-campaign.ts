/**
 * How a confirmation campaign behaves at portfolio scale: the preview and the start of one
 * campaign over N accounts with 3 contacts each, and how fast the job worker sends the emails.
 * Runs on a fresh in-memory embedded database, or on a PostgreSQL server with
 * BENCH_DATABASE_URL (a scratch database: the script creates its own tables there).
 *
 *   npx tsx --conditions=react-server scripts/bench-campaign.ts [--accounts 5000]
 */
import { sql } from 'drizzle-orm';
import { migrateDatabase, openPglite, openPostgres } from '@/db/client';
import { withOrg } from '@/db/tenant';
import { findOrganizationBySlug, findUserByEmail } from '@/server/services/identity';
import { createCaller } from '@/server/api/root';
import { runDueJobs } from '@/server/runtime/worker';

const accountsArg = process.argv.indexOf('--accounts');
const ACCOUNTS = accountsArg > 0 ? Number(process.argv[accountsArg + 1]) : 5000;

async function timed<T>(label: string, rows: Array<[string, string]>, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  rows.push([label, `${Math.round(performance.now() - start)} ms`]);
  return result;
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url ? openPostgres(url) : await openPglite();
  await migrateDatabase(database, url);
  const { db } = database;
  const email = `bench-${Date.now()}@example.test`;
  const anonymous = createCaller({ db, userId: null, locale: 'en', appUrl: 'http://rung.test', clientAddress: 'bench' });
  const { orgSlug } = await anonymous.auth.signUp({
    name: 'Bench Owner',
    email,
    password: 'bench password 1',
    organizationName: `Bench ${Date.now()}`,
  });
  const user = (await findUserByEmail(db, email))!;
  const org = (await findOrganizationBySlug(db, orgSlug))!;
  const caller = createCaller({ db, userId: user.id, locale: 'en', appUrl: 'http://rung.test', clientAddress: 'bench' });

  await withOrg(db, org.id, async (tx) => {
    await tx.execute(
      sql`insert into accounts (org_id, id, name) select ${org.id}::uuid, gen_random_uuid(), 'Account ' || i from generate_series(1, ${ACCOUNTS}) i`,
    );
    await tx.execute(sql`
      insert into contacts (org_id, id, account_id, name, email, buying_role)
      select a.org_id, gen_random_uuid(), a.id, 'Contact ' || i, a.id || '-' || i || '@customer.example',
             (array['economic_buyer', 'user', 'technical'])[i]::buying_role
        from accounts a, generate_series(1, 3) i`);
  });

  const rows: Array<[string, string]> = [];
  const input = { orgSlug, selection: { kind: 'filters' as const, filters: {} } };
  const preview = await timed(`preview (${ACCOUNTS} accounts, ${ACCOUNTS * 3} contacts)`, rows, () => caller.campaign.preview(input));
  const started = await timed(`start: ${preview.asked} links, messages and jobs in one transaction`, rows, () =>
    caller.campaign.start(input),
  );
  await timed('campaign page (totals, by role, first 100 contacts)', rows, () =>
    caller.campaign.get({ orgSlug, campaignId: started.campaignId }),
  );
  let sent = 0;
  const drainStart = performance.now();
  for (;;) {
    const round = await runDueJobs(db, { workerId: 'bench', limit: 200, concurrency: 4 });
    sent += round.done;
    if (round.claimed === 0) break;
  }
  const seconds = (performance.now() - drainStart) / 1000;
  rows.push([`worker: ${sent} emails sent, one job each`, `${seconds.toFixed(1)} s (${Math.round(sent / seconds)} per second)`]);
  await timed('campaign page after sending', rows, () => caller.campaign.get({ orgSlug, campaignId: started.campaignId }));

  console.log(`\n| ${url ? 'PostgreSQL' : 'PGlite (in memory)'} | time |\n|---|---|`);
  for (const [label, value] of rows) console.log(`| ${label} | ${value} |`);
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
