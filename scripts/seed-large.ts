/**
 * A large organization for trying the dashboards at scale and for `npm run bench`:
 *
 *   npm run seed-large                       # 10,000 accounts, ~1,000,000 level events, embedded database
 *   npm run seed-large -- --accounts 1000    # smaller
 *   DATABASE_URL=postgres://… npm run seed-large -- --accounts 50000
 *
 * Options: --accounts N (10000), --events-per-account N (100, team events and customer answers together),
 * --years N (5), --seed N (fixed: the same data every run), --email, --password.
 *
 * Writes into the embedded database in PGLITE_DATA_DIR (default .data/pglite; refuses while the
 * app or anything else holds it) or into the PostgreSQL server in DATABASE_URL. Migrations run
 * first. It creates its own organization and owner login (printed at the end) and never touches
 * other organizations. Rows go in as multi-row inserts of a few thousand rows each (one JSON
 * parameter per chunk, unpacked by jsonb_to_recordset, so both drivers take the same path).
 *
 * The data: accounts spread over segments, owners and currencies; each account's team level
 * walks up and down the hierarchy the way the model says (level 2 slips back, 4 and 5 hold),
 * with an assessment every month or so. On most accounts one to three stakeholders (contacts
 * with buying roles, now and then an unnamed respondent) answer confirmation links every three
 * to nine months, each answer a real link and answer (and the customer level event the app
 * appends with it), a notch lower than the team's level on the accounts where the team overrates
 * itself; a few change their mind a few days later, some links go unanswered, and some
 * stakeholders stopped answering long ago, so their answers have aged out. The customer level
 * runs are then built from the answers with the organization's window (rebuildCustomerLevelRuns).
 * Some accounts go stale, and about one account in three has planned actions. Closed assessments
 * exist for the team levels of the last twelve months.
 */
import { randomBytes } from 'node:crypto';
import { inspect, parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openPglite, openPostgres, pgliteDataDir, type Database, type Db } from '@/db/client';
import { COMPANY_NAME_PARTS, seededRandom } from '@/server/demo/portfolio';
import { uuidv7 } from '@/db/ids';
import { memberships, users } from '@/db/schema';
import { enterOrg } from '@/db/tenant';
import { rebuildCustomerLevelRuns } from '@/server/services/customer-level-runs';
import { DEFAULT_FRESHNESS_MONTHS } from '@/server/domain/customer-level';
import { rebuildLevelSpans } from '@/server/services/level-history';
import { createOrganizationWithOwner } from '@/server/services/onboarding';
import { hashPassword } from '@/server/adapters/passwords';

const DAY = 24 * 60 * 60 * 1000;
const CHUNK = 4000;

const SEGMENTS = ['Manufacturing', 'Logistics', 'Energy', 'Healthcare', 'Retail', 'Construction', 'Public sector', 'Finance'];
const PEOPLE_FIRST = [
  'Anna',
  'Erik',
  'Maja',
  'Lars',
  'Sofia',
  'Johan',
  'Elin',
  'Karl',
  'Ida',
  'Nils',
  'Sara',
  'Oskar',
  'Linnea',
  'Per',
  'Klara',
  'Jonas',
];
const PEOPLE_LAST = [
  'Andersson',
  'Berg',
  'Lindqvist',
  'Holm',
  'Nyström',
  'Ek',
  'Sandberg',
  'Lund',
  'Forsberg',
  'Dahl',
  'Hedlund',
  'Wikström',
];
const TITLES = ['CFO', 'Head of Procurement', 'COO', 'Maintenance Manager', 'CTO', 'Category Manager', 'Plant Manager', 'CEO'];
const BUYING_ROLES = ['economic_buyer', 'user', 'technical', 'coach', 'other'] as const;
const ACTION_TITLES = [
  'Map their customer journey with the service team',
  'Run a value chain workshop with procurement',
  'Bring a problem-solving session to their operations review',
  'Introduce our industry expert to their management team',
  'Propose a quarterly business review',
  'Analyse why the last tender went on price',
];

interface Options {
  accounts: number;
  eventsPerAccount: number;
  years: number;
  seed: number;
  email: string;
  password: string;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '10000' },
      'events-per-account': { type: 'string', default: '100' },
      years: { type: 'string', default: '5' },
      seed: { type: 'string', default: '20260101' },
      email: { type: 'string' },
      password: { type: 'string', default: 'rung-large-2026' },
    },
  });
  const positive = (name: string, raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number (got "${raw}")`);
    return n;
  };
  const accounts = positive('accounts', values.accounts);
  return {
    accounts,
    eventsPerAccount: positive('events-per-account', values['events-per-account']),
    years: positive('years', values.years),
    seed: positive('seed', values.seed),
    email: values.email ?? `large-${accounts}-${Date.now().toString(36)}@rung.example`,
    password: values.password,
  };
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

/**
 * The chance of a move at one assessment (about monthly): level 2 slips back to 1 as competitors
 * catch up, 4 and 5 hold, 1 climbs when someone tries. A few levels a year at most.
 */
function nextLevel(rng: () => number, level: number): number {
  const [down, up] = (
    { 1: [0, 0.05], 2: [0.045, 0.04], 3: [0.025, 0.03], 4: [0.015, 0.02], 5: [0.02, 0] } as Record<number, [number, number]>
  )[level]!;
  const r = rng();
  if (r < down) return level - 1;
  if (r > 1 - up) return level + 1;
  return level;
}

function startLevel(rng: () => number): number {
  const r = rng();
  return r < 0.25 ? 1 : r < 0.55 ? 2 : r < 0.82 ? 3 : r < 0.95 ? 4 : 5;
}

const clampLevel = (level: number) => Math.min(5, Math.max(1, level));

interface Row {
  [column: string]: string | number | boolean | null;
}

/** Rows waiting to be written, flushed in chunks with a progress line. */
class Writer {
  private pending: Row[] = [];
  written = 0;
  constructor(
    private readonly db: Db,
    private readonly table: string,
    private readonly columns: Array<[string, string]>,
    private readonly progress: Progress,
    /** Written first whenever this one flushes, so foreign keys always find their row. */
    private readonly parents: Writer[] = [],
  ) {}

  async add(row: Row): Promise<void> {
    this.pending.push(row);
    if (this.pending.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    for (const parent of this.parents) await parent.flush();
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const names = this.columns.map(([name]) => name).join(', ');
    const definition = this.columns.map(([name, type]) => `${name} ${type}`).join(', ');
    await this.db.execute(
      sql`insert into ${sql.identifier(this.table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(definition)})`,
    );
    this.written += rows.length;
    this.progress.report(this.table, rows.length);
  }
}

class Progress {
  private readonly started = Date.now();
  private readonly counts = new Map<string, number>();
  private lastPrint = 0;
  constructor(private readonly expectedEvents: number) {}

  report(table: string, rows: number): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + rows);
    const now = Date.now();
    if (now - this.lastPrint < 1000) return;
    this.lastPrint = now;
    this.print();
  }

  print(): void {
    const events = this.counts.get('level_events') ?? 0;
    const percent = Math.min(100, Math.round((events / this.expectedEvents) * 100));
    const others = [...this.counts]
      .filter(([t]) => t !== 'level_events')
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ');
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0);
    process.stdout.write(
      `  level events ${events.toLocaleString('en')} / ~${this.expectedEvents.toLocaleString('en')} (${percent}%) · ${others} · ${seconds} s\n`,
    );
  }
}

async function createOrganization(db: Db, options: Options, now: Date) {
  const passwordHash = await hashPassword(options.password);
  const tag = options.email.split('@')[0]!;
  const sellerCount = Math.max(4, Math.min(60, Math.round(options.accounts / 200)));
  const viewerEmail = `${tag}-exec@rung.example`;
  return db.transaction(async (tx) => {
    // People first: they exist across tenants, so they are written before the transaction enters the organization.
    const [owner] = await tx.insert(users).values({ email: options.email, name: 'Olivia Owner', passwordHash }).returning({ id: users.id });
    // The sellers who own accounts and run assessments, plus an executive who only reads.
    const sellers = await tx
      .insert(users)
      .values(
        Array.from({ length: sellerCount }, (_, i) => ({
          email: `${tag}-seller${i + 1}@rung.example`,
          name: `${PEOPLE_FIRST[i % PEOPLE_FIRST.length]} ${PEOPLE_LAST[(i * 7) % PEOPLE_LAST.length]}`,
          passwordHash,
        })),
      )
      .returning({ id: users.id });
    const [viewer] = await tx.insert(users).values({ email: viewerEmail, name: 'Edvin Exec', passwordHash }).returning({ id: users.id });
    const org = await createOrganizationWithOwner(tx, `Large portfolio (${options.accounts.toLocaleString('en')} accounts)`, owner!.id);
    await enterOrg(tx, org.id);
    await tx.insert(memberships).values([
      ...sellers.map((s) => ({
        orgId: org.id,
        userId: s.id,
        role: 'member' as const,
        createdAt: new Date(now.getTime() - options.years * 365 * DAY),
      })),
      { orgId: org.id, userId: viewer!.id, role: 'viewer' as const },
    ]);
    return { org, ownerId: owner!.id, viewerId: viewer!.id, sellerIds: sellers.map((s) => s.id), viewerEmail };
  });
}

export async function seedLarge(database: Database, options: Options, now = new Date()) {
  const { db } = database;
  const rng = seededRandom(options.seed);
  const { org, sellerIds, viewerEmail } = await createOrganization(db, options, now);
  const orgId = org.id;
  const spanDays = Math.round(options.years * 365.25);
  const customerShare = 0.8;
  // Team events per account so that team events and customer answers together average about
  // --events-per-account (stakeholders answer every few months, the team assesses every few weeks;
  // accounts that joined later or went stale have fewer).
  const teamEvents = options.eventsPerAccount * 0.9;
  const meanGapDays = spanDays / teamEvents;
  const progress = new Progress(Math.round(options.accounts * options.eventsPerAccount));
  console.log(`Seeding ${options.accounts.toLocaleString('en')} accounts into ${org.name} (${org.slug}) on ${database.kind}…`);

  const accountsOut = new Writer(
    db,
    'accounts',
    [
      ['org_id', 'uuid'],
      ['id', 'uuid'],
      ['name', 'text'],
      ['domain', 'text'],
      ['segment', 'text'],
      ['owner_user_id', 'uuid'],
      ['annual_revenue', 'numeric'],
      ['currency', 'text'],
      ['target_level', 'smallint'],
      ['target_date', 'date'],
      ['team_level', 'smallint'],
      ['team_level_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    progress,
  );
  const contactsOut = new Writer(
    db,
    'contacts',
    [
      ['org_id', 'uuid'],
      ['id', 'uuid'],
      ['account_id', 'uuid'],
      ['name', 'text'],
      ['email', 'text'],
      ['title', 'text'],
      ['buying_role', 'buying_role'],
      ['language', 'text'],
      ['created_at', 'timestamptz'],
    ],
    progress,
    [accountsOut],
  );
  const assessmentsOut = new Writer(
    db,
    'assessments',
    [
      ['org_id', 'uuid'],
      ['id', 'uuid'],
      ['account_id', 'uuid'],
      ['status', 'assessment_status'],
      ['blind', 'boolean'],
      ['started_by_user_id', 'uuid'],
      ['revealed_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
      ['closed_by_user_id', 'uuid'],
      ['team_level', 'smallint'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    progress,
    [accountsOut],
  );
  const eventsOut = new Writer(
    db,
    'level_events',
    [
      ['org_id', 'uuid'],
      ['id', 'uuid'],
      ['account_id', 'uuid'],
      ['source', 'level_source'],
      ['level', 'smallint'],
      ['effective_at', 'timestamptz'],
      ['assessment_id', 'uuid'],
      ['contact_id', 'uuid'],
      ['recorded_by_user_id', 'uuid'],
      ['created_at', 'timestamptz'],
    ],
    progress,
    [accountsOut, contactsOut, assessmentsOut],
  );
  const linksOut = new Writer(
    db,
    'confirmation_links',
    [
      ['org_id', 'uuid'],
      ['id', 'uuid'],
      ['account_id', 'uuid'],
      ['contact_id', 'uuid'],
      ['respondent_link_id', 'uuid'],
      ['token_hash', 'text'],
      ['language', 'text'],
      ['expires_at', 'timestamptz'],
      ['created_by_user_id', 'uuid'],
      ['sent_at', 'timestamptz'],
      ['first_opened_at', 'timestamptz'],
      ['last_answered_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    progress,
    [accountsOut, contactsOut],
  );
  const answersOut = new Writer(
    db,
    'confirmation_answers',
    [
      ['org_id', 'uuid'],
      ['id', 'uuid'],
      ['link_id', 'uuid'],
      ['account_id', 'uuid'],
      ['contact_id', 'uuid'],
      ['level', 'smallint'],
      ['submission_key', 'text'],
      ['created_at', 'timestamptz'],
    ],
    progress,
    [linksOut],
  );
  const actionsOut = new Writer(
    db,
    'actions',
    [
      ['org_id', 'uuid'],
      ['id', 'uuid'],
      ['account_id', 'uuid'],
      ['title', 'text'],
      ['target_level', 'smallint'],
      ['owner_user_id', 'uuid'],
      ['due_date', 'date'],
      ['status', 'action_status'],
      ['created_by_user_id', 'uuid'],
      ['completed_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    progress,
    [accountsOut],
  );

  // A bulk load of rows this script makes consistent itself: skip the per-row foreign-key triggers
  // (several lookups per inserted row, most of the load time). Superusers only, this session only;
  // anyone else loads with the checks, about ten times slower.
  const fastLoad = await db.execute(sql`set session_replication_role = replica`).then(
    () => true,
    () => false,
  );
  if (!fastLoad) console.log('(Not a superuser: loading with foreign-key checks, which is slower.)');
  const start = now.getTime() - spanDays * DAY;
  const assessmentsSince = now.getTime() - 365 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();
  const gap = () => Math.max(3, Math.round(meanGapDays * (0.4 + rng() * 1.2)));

  for (let i = 0; i < options.accounts; i++) {
    // Most accounts have been there all along; some joined the portfolio later.
    const createdMs = start + (rng() < 0.7 ? rng() * 30 : rng() * spanDays * 0.85) * DAY;
    const accountId = uuidv7(Math.floor(createdMs));
    const owner = pick(rng, sellerIds);
    const name = `${pick(rng, COMPANY_NAME_PARTS.first)}${pick(rng, COMPANY_NAME_PARTS.second).toLowerCase()} ${pick(rng, COMPANY_NAME_PARTS.suffix)} ${i + 1}`;
    const stale = rng() < 0.1;
    const neverAssessed = rng() < 0.03;
    const lastTeamMs = stale ? now.getTime() - (190 + rng() * 500) * DAY : now.getTime();
    // How far the team overrates (positive) or underrates itself on this account.
    const bias = ((r) => (r < 0.5 ? 0 : r < 0.82 ? 1 : r < 0.94 ? 2 : -1))(rng());
    const hasCustomer = !neverAssessed && rng() < customerShare;

    const team: Array<{ at: number; level: number }> = [];
    let level = startLevel(rng);
    for (let at = createdMs + rng() * 20 * DAY; !neverAssessed && at < lastTeamMs; at += gap() * DAY) {
      team.push({ at, level });
      level = nextLevel(rng, level);
    }
    const teamLevelAt = (at: number) => [...team].reverse().find((point) => point.at <= at)?.level ?? team[0]!.level;
    // One to three stakeholders answer confirmation links every three to nine months, a while after
    // the team's assessments, and see the relationship a little lower where the team overrates
    // itself. Some stopped answering long ago (their answers have aged out); a few change their
    // mind a few days later; some links go unanswered.
    const stakeholders: Array<{ named: boolean; answers: Array<{ at: number; level: number }>; unanswered: number[] }> = [];
    if (hasCustomer && team.length > 0) {
      const count = 1 + Math.floor(rng() * 3);
      for (let k = 0; k < count; k++) {
        const stopsMs = rng() < 0.2 ? now.getTime() - (380 + rng() * 700) * DAY : now.getTime();
        const own = rng() < 0.15 ? (rng() < 0.5 ? -1 : 1) : 0;
        const stakeholder = { named: rng() < 0.9, answers: [] as Array<{ at: number; level: number }>, unanswered: [] as number[] };
        for (let at = team[0]!.at + (10 + rng() * 120) * DAY; at < stopsMs && at < now.getTime(); at += (90 + rng() * 180) * DAY) {
          if (rng() < 0.2) {
            stakeholder.unanswered.push(at);
            continue;
          }
          const answer = clampLevel(teamLevelAt(at) - bias + own);
          stakeholder.answers.push({ at, level: answer });
          if (rng() < 0.04 && at + 5 * DAY < now.getTime())
            stakeholder.answers.push({ at: at + (1 + rng() * 4) * DAY, level: clampLevel(answer + (rng() < 0.5 ? -1 : 1)) });
        }
        stakeholders.push(stakeholder);
      }
    }
    const lastTeam = team.at(-1);

    const currency = rng() < 0.7 ? 'SEK' : rng() < 0.6 ? 'EUR' : 'NOK';
    const revenue = Math.round((0.2 + rng() * rng() * rng() * 80) * 1_000_000 * (currency === 'SEK' ? 1 : 0.1));
    // Targets were set a while ago, one or two levels above where the account stood then: some are reached by now.
    const setAt = now.getTime() - (120 + rng() * 500) * DAY;
    const levelWhenSet = [...team].reverse().find((point) => point.at <= setAt)?.level;
    const hasTarget = levelWhenSet !== undefined && levelWhenSet < 5 && rng() < 0.6;
    const targetYear = now.getUTCFullYear() + Math.floor(rng() * 3) - 1;
    await accountsOut.add({
      org_id: orgId,
      id: accountId,
      name,
      domain: `${name
        .split(' ')[0]!
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z]/g, '')}${i + 1}.example`,
      segment: rng() < 0.95 ? pick(rng, SEGMENTS) : null,
      owner_user_id: rng() < 0.97 ? owner : null,
      annual_revenue: rng() < 0.96 ? revenue : null,
      currency,
      target_level: hasTarget ? Math.min(5, levelWhenSet + 1 + (rng() < 0.25 ? 1 : 0)) : null,
      target_date: hasTarget ? `${targetYear}-${rng() < 0.5 ? '06-30' : '12-31'}` : null,
      team_level: lastTeam?.level ?? null,
      team_level_at: lastTeam ? iso(lastTeam.at) : null,
      created_at: iso(createdMs),
      updated_at: iso(Math.max(createdMs, lastTeam?.at ?? 0)),
    });

    // The answering stakeholders who are contacts, and now and then a contact who was never asked.
    const contactIds: Array<string | null> = [];
    if (!neverAssessed) {
      const contactCount = Math.max(stakeholders.length, rng() < 0.3 ? 1 : 0);
      for (let c = 0; c < contactCount; c++) {
        const id = uuidv7(Math.floor(createdMs));
        const person = `${pick(rng, PEOPLE_FIRST)} ${pick(rng, PEOPLE_LAST)}`;
        await contactsOut.add({
          org_id: orgId,
          id,
          account_id: accountId,
          name: person,
          email: `${person.toLowerCase().replace(/[^a-z]+/g, '.')}@customer${i + 1}.example`,
          title: pick(rng, TITLES),
          buying_role: c === 0 && rng() < 0.5 ? 'economic_buyer' : pick(rng, BUYING_ROLES),
          language: rng() < 0.6 ? 'sv' : 'en',
          created_at: iso(createdMs),
        });
        contactIds.push(id);
      }
    }
    // Each answer comes through a link of its own, created a few days before, as the app records it
    // (the answer, the link's last answer, and a customer level event with the contact).
    for (const [k, stakeholder] of stakeholders.entries()) {
      const contactId = stakeholder.named ? contactIds[k]! : null;
      let respondentLinkId: string | null = null;
      const asks = [
        ...stakeholder.answers.map((a) => ({ ...a, answered: true })),
        ...stakeholder.unanswered.map((at) => ({ at, level: 0, answered: false })),
      ].sort((a, b) => a.at - b.at);
      for (const ask of asks) {
        const createdAt = ask.at - (0.5 + rng() * 6) * DAY;
        const linkId = uuidv7(Math.floor(createdAt));
        respondentLinkId ??= linkId;
        await linksOut.add({
          org_id: orgId,
          id: linkId,
          account_id: accountId,
          contact_id: contactId,
          respondent_link_id: contactId ? linkId : respondentLinkId,
          token_hash: randomBytes(32).toString('hex'),
          language: rng() < 0.6 ? 'sv' : 'en',
          expires_at: iso(createdAt + 30 * DAY),
          created_by_user_id: owner,
          sent_at: contactId ? iso(createdAt) : null,
          first_opened_at: ask.answered ? iso(ask.at - 600_000) : null,
          last_answered_at: ask.answered ? iso(ask.at) : null,
          created_at: iso(createdAt),
          updated_at: iso(ask.answered ? ask.at : createdAt),
        });
        if (!ask.answered) continue;
        const answerId = uuidv7(Math.floor(ask.at));
        await answersOut.add({
          org_id: orgId,
          id: answerId,
          link_id: linkId,
          account_id: accountId,
          contact_id: contactId,
          level: ask.level,
          submission_key: answerId,
          created_at: iso(ask.at),
        });
        await eventsOut.add({
          org_id: orgId,
          id: uuidv7(Math.floor(ask.at)),
          account_id: accountId,
          source: 'customer',
          level: ask.level,
          effective_at: iso(ask.at),
          assessment_id: null,
          contact_id: contactId,
          recorded_by_user_id: null,
          created_at: iso(ask.at),
        });
      }
    }

    for (const point of team) {
      let assessmentId: string | null = null;
      const assessor = rng() < 0.7 ? owner : pick(rng, sellerIds);
      if (point.at >= assessmentsSince) {
        assessmentId = uuidv7(Math.floor(point.at - 2 * DAY));
        await assessmentsOut.add({
          org_id: orgId,
          id: assessmentId,
          account_id: accountId,
          status: 'closed',
          blind: true,
          started_by_user_id: assessor,
          revealed_at: iso(point.at - DAY),
          closed_at: iso(point.at),
          closed_by_user_id: assessor,
          team_level: point.level,
          created_at: iso(point.at - 2 * DAY),
          updated_at: iso(point.at),
        });
      }
      await eventsOut.add({
        org_id: orgId,
        id: uuidv7(Math.floor(point.at)),
        account_id: accountId,
        source: 'team',
        level: point.level,
        effective_at: iso(point.at),
        assessment_id: assessmentId,
        contact_id: null,
        recorded_by_user_id: assessor,
        created_at: iso(point.at),
      });
    }
    if (lastTeam && lastTeam.level < 5 && rng() < 0.35) {
      const count = 1 + Math.floor(rng() * 3);
      for (let a = 0; a < count; a++) {
        const createdAt = now.getTime() - rng() * 200 * DAY;
        const status = pick(rng, ['open', 'open', 'doing', 'done', 'dropped'] as const);
        await actionsOut.add({
          org_id: orgId,
          id: uuidv7(Math.floor(createdAt)),
          account_id: accountId,
          title: pick(rng, ACTION_TITLES),
          target_level: lastTeam.level + 1,
          owner_user_id: owner,
          due_date: new Date(createdAt + (30 + rng() * 180) * DAY).toISOString().slice(0, 10),
          status,
          created_by_user_id: owner,
          completed_at: status === 'done' ? iso(Math.min(now.getTime(), createdAt + rng() * 60 * DAY)) : null,
          created_at: iso(createdAt),
          updated_at: iso(createdAt),
        });
      }
    }
  }
  // Parents before children: accounts, then contacts and assessments, then the events that point at them, then actions.
  await accountsOut.flush();
  await contactsOut.flush();
  await assessmentsOut.flush();
  await linksOut.flush();
  await answersOut.flush();
  await eventsOut.flush();
  await actionsOut.flush();
  progress.print();
  if (fastLoad) await db.execute(sql`set session_replication_role = origin`);
  // The bulk load went around appendLevelEvent, so the runs the period views read are derived here, in one go.
  console.log('Deriving the level runs (level_spans) from the history…');
  await rebuildLevelSpans(db, orgId);
  // Likewise the customer level runs, from the answers, with the organization's window (12 months unless changed).
  console.log('Deriving the customer level runs from the answers…');
  await rebuildCustomerLevelRuns(db, orgId, DEFAULT_FRESHNESS_MONTHS);
  console.log('Updating planner statistics (vacuum analyze)…');
  for (const table of [
    'accounts',
    'contacts',
    'assessments',
    'level_events',
    'level_spans',
    'confirmation_links',
    'confirmation_answers',
    'customer_level_runs',
    'actions',
  ]) {
    await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  }
  return { org, events: eventsOut.written, links: linksOut.written, answers: answersOut.written, viewerEmail };
}

async function main() {
  const options = readOptions();
  const url = process.env.DATABASE_URL;
  // openPglite refuses while another process (the app) holds the folder.
  // A bulk load: no statement or lock timeout cuts it short.
  const database = url ? openPostgres(url, { max: 1, timeouts: false }) : await openPglite({ dataDir: pgliteDataDir() });
  const started = Date.now();
  try {
    console.log(url ? `PostgreSQL server: ${new URL(url).host}${new URL(url).pathname}` : `Embedded database: ${pgliteDataDir()}`);
    await migrateDatabase(database, url);
    const result = await seedLarge(database, options);
    console.log(
      `\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s: ${options.accounts.toLocaleString('en')} accounts, ${result.events.toLocaleString('en')} level events, ${result.links.toLocaleString('en')} confirmation links, ${result.answers.toLocaleString('en')} answers.`,
    );
    console.log(`Organization: ${result.org.name}  →  /${result.org.slug}/dashboard`);
    console.log(`Sign in as the owner:     ${options.email}  /  ${options.password}`);
    console.log(`or as a viewer (executive): ${result.viewerEmail}  /  ${options.password}`);
  } finally {
    await database.close();
  }
}

/** An error's cause as text: an Error as its own toString gives it, anything else inspected rather than "[object Object]". */
const describe = (cause: unknown) => (cause instanceof Error ? String(cause) : inspect(cause));

// Run as a script (npm run seed-large); the benchmark imports seedLarge instead.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.message}${error.cause ? `\n${describe(error.cause)}` : ''}` : error);
    process.exit(1);
  });
}
