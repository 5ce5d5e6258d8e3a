/**
 * The job queue behind campaign emails: idempotent enqueueing, workers racing for the same jobs
 * (two connections on a server database), a worker that dies holding claims, a worker too slow
 * for its lease, retries with backoff on a failing mail server and giving up, and a job that
 * only ever works inside its own organization.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { openPostgres, type Db } from '@/db/client';
import { campaignMessages, jobs } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import type { Mailer } from '@/server/services/campaigns';
import { backoffMs, claimJobs, enqueueJobs, JOB_LEASE_MS } from '@/server/services/jobs';
import { sendEmailNow } from '@/server/adapters/mail';
import { runClaimed, runDueJobs, startJobWorker } from '@/server/runtime/worker';
import { campaignTeam, jobsOf, messagesOf, outboxOf } from '../helpers/campaigns';
import { useOwnDatabase } from '../helpers/db';

// The queue is shared by the whole database: workers here must not meet other files' jobs.
const { db, url } = await useOwnDatabase();

/** An organization with a campaign of `people` contacts, started and not yet sent. */
async function startedCampaign(people: number, options: { reminders?: number } = {}) {
  const t = await campaignTeam(db);
  const a = await t.account(
    'Kö',
    Array.from({ length: people }, (_, i) => ({ name: `Person ${String(i).padStart(2, '0')}` })),
  );
  const started = await t.member.caller.campaign.start({
    orgSlug: t.slug,
    selection: { kind: 'accounts', accountIds: [a.id] },
    reminders: options.reminders ?? 0,
  });
  return { ...t, account: a, campaignId: started.campaignId };
}

/** Each contact's number of emails: the proof that nothing was lost and nothing sent twice. */
async function emailsPerContact(orgId: string) {
  const counts: Record<string, number> = {};
  for (const message of await outboxOf(db, orgId)) counts[message.toEmail] = (counts[message.toEmail] ?? 0) + 1;
  return counts;
}
const once = (emails: Array<string | null>) => Object.fromEntries(emails.map((e) => [e!, 1]));

/** Runs `worker` rounds until a round claims nothing. */
async function untilIdle(run: () => Promise<{ claimed: number }>) {
  while ((await run()).claimed > 0);
}

describe('enqueueing', () => {
  it('is idempotent by key within an organization', async () => {
    const t = await campaignTeam(db);
    const job = { orgId: t.orgId, kind: 'noop', payload: {}, idempotencyKey: 'same-key' };
    const created = await withOrg(db, t.orgId, async (tx) => (await enqueueJobs(tx, [job])) + (await enqueueJobs(tx, [job, job])));
    expect(created).toBe(1);
    expect(await jobsOf(db, t.orgId)).toHaveLength(1);
  });

  it('a job exists exactly when the change that caused it commits', async () => {
    const t = await campaignTeam(db);
    const rollback = new Error('rollback');
    await expect(
      withOrg(db, t.orgId, async (tx) => {
        await enqueueJobs(tx, [{ orgId: t.orgId, kind: 'noop', payload: {}, idempotencyKey: 'rolled-back' }]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await jobsOf(db, t.orgId)).toEqual([]);
  });
});

describe('workers racing', () => {
  it('two workers on their own connections never send one message twice, and together send every one', async () => {
    const c = await startedCampaign(12);
    // On a server: two pools of two connections each, as two app processes would have.
    const pools = url ? [openPostgres(url, { max: 2 }), openPostgres(url, { max: 2 })] : null;
    try {
      const [dbA, dbB]: Db[] = pools ? pools.map((p) => p.db) : [db, db];
      const done = { a: 0, b: 0 };
      const worker = (name: 'a' | 'b', handle: Db) =>
        untilIdle(async () => {
          const result = await runDueJobs(handle, { workerId: `worker-${name}`, limit: 3, concurrency: 2 });
          done[name] += result.done;
          return result;
        });
      await Promise.all([worker('a', dbA!), worker('b', dbB!)]);
      expect(await emailsPerContact(c.orgId)).toEqual(once(c.account.contacts.map((p) => p.email)));
      expect((await messagesOf(db, c.campaignId)).map((m) => m.status)).toEqual(Array(12).fill('sent'));
      // Every job was finished by exactly one of them (other tests' jobs may have been run too).
      expect(done.a + done.b).toBeGreaterThanOrEqual(12);
      expect((await jobsOf(db, c.orgId)).every((j) => j.doneAt && j.attempts === 1)).toBe(true);
    } finally {
      await Promise.all((pools ?? []).map((p) => p.close()));
    }
  });

  it('a claim being made is skipped by the other worker, not waited for or taken twice', async () => {
    const c = await startedCampaign(4);
    const [a, b] = await Promise.all([
      claimJobs(db, { workerId: 'claim-a', limit: 100 }),
      claimJobs(db, { workerId: 'claim-b', limit: 100 }),
    ]);
    const mine = (claimed: typeof a) => claimed.filter((j) => j.orgId === c.orgId).map((j) => j.id);
    const ids = [...mine(a), ...mine(b)];
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    // Nobody else can claim them while the claims hold.
    expect((await claimJobs(db, { workerId: 'claim-c', limit: 100 })).filter((j) => j.orgId === c.orgId)).toEqual([]);
    await runClaimed(db, a, { workerId: 'claim-a' });
    await runClaimed(db, b, { workerId: 'claim-b' });
    expect(await emailsPerContact(c.orgId)).toEqual(once(c.account.contacts.map((p) => p.email)));
  });
});

describe('a worker that dies or stalls', () => {
  it('dies mid-campaign holding claims: another worker takes them over when the lease ends; nothing is lost, nothing repeated', async () => {
    const c = await startedCampaign(6);
    const now = Date.now();
    // Worker A sends two emails, then claims two more and dies before sending them.
    await runDueJobs(db, { workerId: 'doomed', limit: 2 });
    const abandoned = (await claimJobs(db, { workerId: 'doomed', limit: 100 })).filter((j) => j.orgId === c.orgId);
    expect(abandoned.length).toBeGreaterThan(0);

    // Worker B, while A's lease still holds: sends whatever A had not claimed, leaves A's claims alone.
    await untilIdle(() => runDueJobs(db, { workerId: 'survivor', limit: 10, now: new Date(now + 1000) }));
    const beforeLease = await messagesOf(db, c.campaignId);
    expect(beforeLease.filter((m) => m.status === 'queued')).toHaveLength(abandoned.length);

    // After the lease: B takes the abandoned jobs over.
    await untilIdle(() => runDueJobs(db, { workerId: 'survivor', limit: 10, now: new Date(now + JOB_LEASE_MS + 1000) }));
    expect(await emailsPerContact(c.orgId)).toEqual(once(c.account.contacts.map((p) => p.email)));

    // A "comes back" and runs what it had claimed: the claims are no longer its own, nothing is sent again.
    const late = await runClaimed(db, abandoned, { workerId: 'doomed', now: new Date(now + JOB_LEASE_MS + 2000) });
    expect(late.done).toBe(0);
    expect(await emailsPerContact(c.orgId)).toEqual(once(c.account.contacts.map((p) => p.email)));
    const taken = (await jobsOf(db, c.orgId)).filter((j) => abandoned.some((a) => a.id === j.id));
    expect(taken.every((j) => j.doneAt && j.lockedBy === 'survivor' && j.attempts === 2)).toBe(true);
  });
});

describe('a failing mail server', () => {
  /** Refuses the first `failures` emails, then delivers through the real outbox. */
  function flakyMailer(failures: number): Mailer & { calls: number } {
    const mailer = Object.assign(
      async (...args: Parameters<Mailer>) => {
        mailer.calls += 1;
        if (mailer.calls <= failures) throw new Error('451 4.3.0 Mail server temporarily unavailable');
        return sendEmailNow(...args);
      },
      { calls: 0 },
    );
    return mailer;
  }

  it('is retried with exponential backoff, and the email goes out once when it recovers', async () => {
    const c = await startedCampaign(1);
    const [job] = await jobsOf(db, c.orgId);
    const t0 = Date.now();
    const mailer = flakyMailer(2);
    const run = (at: number) => runDueJobs(db, { workerId: 'retry', limit: 100, now: new Date(at), mailer });
    const state = async () =>
      (
        await db
          .select()
          .from(jobs)
          .where(and(eq(jobs.orgId, c.orgId), eq(jobs.id, job!.id)))
      )[0]!;
    const message = async () => (await messagesOf(db, c.campaignId))[0]!;

    await run(t0);
    expect(await state()).toMatchObject({
      attempts: 1,
      doneAt: null,
      failedAt: null,
      lockedBy: null,
      lastError: expect.stringMatching(/^451/),
    });
    expect((await state()).runAt.getTime()).toBe(t0 + backoffMs(1));
    expect(await message()).toMatchObject({ status: 'queued', reason: expect.stringMatching(/^451/) });
    expect(await outboxOf(db, c.orgId)).toEqual([]); // the failed attempt left no outbox row

    await run(t0 + backoffMs(1) - 1000); // not due yet
    expect((await state()).attempts).toBe(1);
    await run(t0 + backoffMs(1));
    expect((await state()).attempts).toBe(2);
    expect((await state()).runAt.getTime()).toBe(t0 + backoffMs(1) + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    await run(t0 + backoffMs(1) + backoffMs(2));
    expect(await state()).toMatchObject({ attempts: 3, doneAt: expect.any(Date), lastError: null });
    expect(await message()).toMatchObject({ status: 'sent', reason: null });
    expect(await outboxOf(db, c.orgId)).toHaveLength(1);
    expect(mailer.calls).toBe(3);
  });

  it('gives up after the last attempt and records the failure with its reason on the message', async () => {
    const c = await startedCampaign(1);
    const mailer = flakyMailer(Infinity);
    let at = Date.now();
    for (let attempt = 1; attempt <= 8; attempt++) {
      await runDueJobs(db, { workerId: 'give-up', limit: 100, now: new Date(at), mailer });
      at += backoffMs(attempt);
    }
    const [job] = await jobsOf(db, c.orgId);
    expect(job).toMatchObject({ attempts: 8, failedAt: expect.any(Date), doneAt: null });
    expect((await messagesOf(db, c.campaignId))[0]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^451/) });
    // A failed job is never claimed again.
    expect(
      (await claimJobs(db, { workerId: 'give-up', limit: 100, now: new Date(at + 86_400_000) })).filter((j) => j.orgId === c.orgId),
    ).toEqual([]);
    const page = await c.viewer.caller.campaign.get({ orgSlug: c.slug, campaignId: c.campaignId });
    expect(page.total).toMatchObject({ asked: 1, sent: 0, failed: 1 });
    expect(page.contacts[0]).toMatchObject({ status: 'failed', firstMessage: { status: 'failed', reason: expect.stringMatching(/^451/) } });
  });
});

describe('the polling loop', () => {
  it('sends what is due while it runs, and nothing after it was stopped', async () => {
    const c = await startedCampaign(2);
    const worker = startJobWorker(db, { intervalMs: 20 });
    try {
      await vi.waitFor(async () => expect(await outboxOf(db, c.orgId)).toHaveLength(2), { timeout: 15_000, interval: 50 });
    } finally {
      await worker.stop();
    }
    const after = await startedCampaign(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await outboxOf(db, after.orgId)).toEqual([]);
    expect((await messagesOf(db, after.campaignId)).map((m) => m.status)).toEqual(['queued']);
  });
});

describe('the polling loop while the database is down', () => {
  it('logs the first failure in full, then a short line a minute, and one line when it works again', async () => {
    let down = true;
    let clock = 0;
    // The same database, except that every query fails while `down`, as when the server is unreachable.
    const flaky = new Proxy(db, {
      get(target, property, receiver) {
        if (down && (property === 'execute' || property === 'transaction' || property === 'select'))
          return () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const lines: Array<[string, string]> = [];
    const log = {
      error: (message: string) => lines.push(['error', message]),
      warn: (message: string) => lines.push(['warn', message]),
      info: (message: string) => lines.push(['info', message]),
    };
    const worker = startJobWorker(flaky, { intervalMs: 5, log, now: () => clock });
    try {
      await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0), { timeout: 5_000, interval: 10 });
      // Many more rounds fail within the same minute: nothing more is logged.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(lines.map(([level]) => level)).toEqual(['error']);
      clock = 61_000;
      await vi.waitFor(() => expect(lines.map(([level]) => level)).toEqual(['error', 'warn']), { timeout: 5_000, interval: 10 });
      expect(lines[1]![1]).toMatch(/^job worker still failing: \d+ failures in 61 s \(connect ECONNREFUSED 127\.0\.0\.1:5432\)$/);
      down = false;
      await vi.waitFor(() => expect(lines.at(-1)![0]).toBe('info'), { timeout: 5_000, interval: 10 });
      expect(lines.at(-1)![1]).toMatch(/^job worker works again after \d+ failures in 61 s$/);
    } finally {
      await worker.stop();
    }
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);
  });
});

describe('tenancy', () => {
  it('a job works inside its own organization only: one pointing at another organization’s message finds nothing to send', async () => {
    const victim = await startedCampaign(1);
    const [message] = await messagesOf(db, victim.campaignId);
    const attacker = await campaignTeam(db);
    await withOrg(db, attacker.orgId, (tx) =>
      enqueueJobs(tx, [{ orgId: attacker.orgId, kind: 'campaign.message', payload: { messageId: message!.id }, idempotencyKey: 'forged' }]),
    );
    // The forged job runs (and finishes) without touching the victim's message.
    await untilIdle(() => runDueJobs(db, { workerId: 'forged', limit: 100 }));
    const [forged] = await jobsOf(db, attacker.orgId);
    expect(forged!.doneAt).not.toBeNull();
    expect(await outboxOf(db, attacker.orgId)).toEqual([]);
    // An organization cannot enqueue into another one either (row-level security).
    await expect(
      withOrg(db, attacker.orgId, (tx) => enqueueJobs(tx, [{ orgId: victim.orgId, kind: 'noop', payload: {}, idempotencyKey: 'cross' }])),
    ).rejects.toThrow();
    // And it cannot see the other organization's jobs or messages.
    const seen = await withOrg(db, attacker.orgId, async (tx) => ({
      jobs: await tx.select().from(jobs).where(eq(jobs.orgId, victim.orgId)),
      messages: await tx.select().from(campaignMessages).where(eq(campaignMessages.orgId, victim.orgId)),
    }));
    expect(seen).toEqual({ jobs: [], messages: [] });
  });
});
