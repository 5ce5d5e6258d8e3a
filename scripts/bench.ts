/**
 * The dashboard benchmark: every dashboard endpoint through the tRPC caller (membership check,
 * withOrg transaction, row-level security, JavaScript folding included), next to the best
 * hand-written SQL for the same numbers run directly on the same data (one statement, no
 * transaction, no row-level security), on a PostgreSQL server and on embedded PGlite.
 *
 *   npm run bench                                   # 1k and 10k accounts, both databases, with and without the 0008 indexes
 *   npm run bench -- --sizes 1000,10000,50000 --databases postgres --indexes with
 *
 * Options:
 *   --sizes       accounts per organization (default 1000,10000)
 *   --databases   postgres,pglite (default both)
 *   --indexes     with,without: measure with the per-source history indexes of migration 0008
 *                 (as migrated), and without them (dropped for the run, to show what they do;
 *                 recreated afterwards). Default both.
 *   --runs        timed runs per endpoint (default 15; 5 without the indexes)
 *   --pg-url      the server (default postgres://postgres@127.0.0.1:5432); databases are
 *                 rung_bench_<size>, created and seeded (npm run seed-large) when missing
 *   --pglite-root folder for the embedded databases (default /tmp/rung-bench), one per size
 *   --pglite-max  largest size measured on PGlite (default 10000; seeding 50,000 takes a while)
 *   --no-write    print only; by default the table also goes into docs/performance.md
 *
 * Benchmark databases are separate from the app's: never .data/.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { migrateDatabase, openPglite, openPostgres, type Database } from '@/db/client';
import { DEFAULT_FRESHNESS_MONTHS } from '@/server/domain/customer-level';
import { addDays, defaultPeriod, endOfDay, periodsBetween, startOfDay, toIsoDay } from '@/server/domain/calendar';
import { RATES_PER_EUR } from '@/server/domain/currency';
import { staleCutoff } from '@/server/domain/dashboard';
import { freshSince } from '@/server/dashboard/sql';
import { createCaller } from '@/server/api/root';
import { seedLarge } from './seed-large';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    databases: { type: 'string', default: 'postgres,pglite' },
    indexes: { type: 'string', default: 'without,with' },
    runs: { type: 'string' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    'pglite-root': { type: 'string', default: '/tmp/rung-bench' },
    'pglite-max': { type: 'string', default: '10000' },
    'no-write': { type: 'boolean', default: false },
  },
});

const sizes = args.sizes.split(',').map(Number);
const kinds = args.databases.split(',') as Array<'postgres' | 'pglite'>;
type IndexSet = 'with' | 'without';
const indexSets = args.indexes.split(',') as IndexSet[];

/** Migration 0008: the per-source history indexes (docs/performance.md says why). */
const HISTORY_INDEXES = [
  `create index if not exists level_events_team_history_idx on level_events (org_id, account_id, effective_at, id) include (level) where source = 'team'`,
  `create index if not exists level_events_customer_history_idx on level_events (org_id, account_id, effective_at, id) include (level) where source = 'customer'`,
];
const DROP_HISTORY_INDEXES = [
  `drop index if exists level_events_team_history_idx`,
  `drop index if exists level_events_customer_history_idx`,
];

type Raw = (text: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

interface Target {
  kind: 'postgres' | 'pglite';
  size: number;
  database: Database;
  /** Hand-written SQL runs through this: the root connection, no transaction, no row-level security. */
  raw: Raw;
  close: () => Promise<void>;
}

const label = (size: number) => (size % 1000 === 0 ? `${size / 1000}k` : String(size));

async function openTarget(kind: 'postgres' | 'pglite', size: number): Promise<Target> {
  if (kind === 'postgres') {
    const name = `rung_bench_${label(size)}`;
    const admin = postgres(`${args['pg-url']}/postgres`, { max: 1, onnotice: () => {} });
    const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
    if (!exists) await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = `${args['pg-url']}/${name}`;
    const database = openPostgres(url, { max: 4 });
    await migrateDatabase(database, url);
    const direct = postgres(url, { max: 1, onnotice: () => {} });
    await direct`set jit = off`;
    return {
      kind,
      size,
      database,
      raw: async (text, params = []) => [...(await direct.unsafe(text, params as never[]))],
      close: async () => {
        await direct.end();
        await database.close();
      },
    };
  }
  const dataDir = path.join(args['pglite-root'], `pglite-${size}`);
  const database = await openPglite({ dataDir });
  await migrateDatabase(database);
  const client = (
    database.db as unknown as {
      $client: { query: (text: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }> };
    }
  ).$client;
  return { kind, size, database, raw: async (text, params = []) => (await client.query(text, params)).rows, close: () => database.close() };
}

async function ensureSeeded(target: Target): Promise<{ orgId: string; slug: string; viewerId: string }> {
  const find = async () =>
    target.raw(
      `select o.id, o.slug, m.user_id from organizations o join memberships m on m.org_id = o.id and m.role = 'viewer'
       where o.name like 'Large portfolio%' order by o.created_at desc limit 1`,
    );
  let [row] = await find();
  if (!row) {
    console.log(`Seeding ${target.size.toLocaleString('en')} accounts on ${target.kind}…`);
    // On a server, seed through one connection: the bulk load's session settings must hold for every chunk.
    const seeding =
      target.kind === 'postgres' ? openPostgres(`${args['pg-url']}/rung_bench_${label(target.size)}`, { max: 1 }) : target.database;
    try {
      await seedLarge(seeding, {
        accounts: target.size,
        eventsPerAccount: 100,
        years: 5,
        seed: 20260101,
        email: `bench-${target.size}-${Date.now().toString(36)}@rung.example`,
        password: 'rung-large-2026',
      });
    } finally {
      if (seeding !== target.database) await seeding.close();
    }
    [row] = await find();
  }
  return { orgId: String(row!.id), slug: String(row!.slug), viewerId: String(row!.user_id) };
}

async function useIndexes(target: Target, set: IndexSet) {
  for (const statement of set === 'with' ? HISTORY_INDEXES : DROP_HISTORY_INDEXES) await target.raw(statement);
  await target.raw('vacuum (analyze) level_events');
}

// ---------------------------------------------------------------------------------------------
// The hand-written SQL: what a person would write to get the same numbers in one statement.

const TODAY = toIsoDay(new Date());
const { from: FROM, to: TO } = defaultPeriod(TODAY);
const PERIODS = periodsBetween(FROM, TO, 'month');
const START = startOfDay(FROM).toISOString();
const END = endOfDay(TO).toISOString();
const CUTS = `array[${[START, ...PERIODS.map((p) => endOfDay(p.end).toISOString())].map((c) => `'${c}'::timestamptz`).join(', ')}]`;
const DAY_A_END = endOfDay(addDays(FROM, -1)).toISOString();

const KNOWN_CURRENCIES = Object.keys(RATES_PER_EUR)
  .map((c) => `'${c}'`)
  .join(', ');
/** The organization's reporting currency (the one most of its accounts use), worked out in the statement like the endpoints do. */
const REPORTING = `(select currency from accounts where org_id = $1 and archived_at is null and currency in (${KNOWN_CURRENCIES})
  group by currency order by count(*) desc, currency limit 1)`;
/** Revenue in the reporting currency, as a column expression. */
const REVENUE = `a.annual_revenue::float8 * ((select per_eur from (values ${Object.entries(RATES_PER_EUR)
  .map(([c, r]) => `('${c}', ${r}::float8)`)
  .join(', ')}) fx(code, per_eur) where code = ${REPORTING}) / case a.currency ${Object.entries(RATES_PER_EUR)
  .map(([c, r]) => `when '${c}' then ${r}::float8`)
  .join(' ')} end)`;

/** The team level before a cutoff, for account a: its current level when older than the cutoff, else the latest team event before it. */
const team = (cutoff: string) => `(select a.team_level as level, a.team_level_at as effective_at where a.team_level_at < '${cutoff}'
  union all (select e.level, e.effective_at from level_events e where e.org_id = $1 and e.account_id = a.id and e.source = 'team' and e.effective_at < '${cutoff}' order by e.effective_at desc, e.id desc limit 1) limit 1)`;
/** Every account's team level before a cutoff: the team run (level_spans) that covers it, one range scan. */
const teamRuns = (cutoff: string) =>
  `(select p.account_id, p.level from level_spans p where p.org_id = $1 and p.source = 'team' and p.ends_at >= '${cutoff}' and p.starts_at < '${cutoff}')`;
/** Every account's customer level before a cutoff: the customer level run that covers it, one range scan. */
const customerRuns = (cutoff: string) =>
  `(select r.account_id, r.level from customer_level_runs r where r.org_id = $1 and r.ends_at >= '${cutoff}' and r.starts_at < '${cutoff}')`;
/** Both, joined to account a as `${p}t` and `${p}c`; the effective level is coalesce(c, t). */
const both = (cutoff: string, p: string) =>
  `left join ${teamRuns(cutoff)} ${p}t on ${p}t.account_id = a.id left join ${customerRuns(cutoff)} ${p}c on ${p}c.account_id = a.id`;

/** An economic buyer's answer is fresh at the cutoff (the organization's window: 12 months in the seeded data). */
const EB_FRESH = `exists (select 1 from confirmation_answers ea join contacts ec on ec.org_id = ea.org_id and ec.id = ea.contact_id
  where ea.org_id = $1 and ea.account_id = a.id and ea.created_at >= '${freshSince(new Date(END), DEFAULT_FRESHNESS_MONTHS).toISOString()}' and ea.created_at < '${END}'
    and ec.buying_role = 'economic_buyer' and ec.archived_at is null)`;

/** Both sources at each cut where either changes, each carried forward (one window pass over the runs of both, by start). */
const code = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint * 8`;
const BOTH_AT_CUTS = `
  select x.account_id, x.revenue, x.k, (x.tcode % 8)::int as team, nullif(x.ccode % 8, 6)::int as customer from (
    select u.account_id, u.revenue, width_bucket(u.starts_at, ${CUTS}) as k, lead(width_bucket(u.starts_at, ${CUTS})) over w as next_k,
      max(case when u.src = 0 then u.code end) over w as tcode, max(case when u.src = 1 then u.code end) over w as ccode
    from (
      select p.account_id, ${REVENUE} as revenue, p.starts_at, 0 as src, ${code('p.starts_at')} + p.level as code
      from level_spans p join accounts a on a.org_id = $1 and a.id = p.account_id and a.archived_at is null
      where p.org_id = $1 and p.source = 'team' and p.ends_at >= '${START}' and p.starts_at < '${END}' and p.starts_at < p.ends_at
      union all
      select r.account_id, ${REVENUE}, r.starts_at, 1, ${code('r.starts_at')} + coalesce(r.level, 6)
      from customer_level_runs r join accounts a on a.org_id = $1 and a.id = r.account_id and a.archived_at is null
      where r.org_id = $1 and r.ends_at >= '${START}' and r.starts_at < '${END}'
    ) u
    window w as (partition by u.account_id order by u.starts_at, u.src rows between unbounded preceding and current row)
  ) x where x.next_k is distinct from x.k`;

const ACCOUNTS = `accounts a where a.org_id = $1 and a.archived_at is null`;

/** The statements of each endpoint (one each). */
const HAND_WRITTEN: Record<string, string[]> = {
  summary: [
    `
    select t.level, c.level, (t.effective_at is null or t.effective_at < '${staleCutoff(TO).toISOString()}'), ${EB_FRESH},
      case when a.target_level is null then null when coalesce(c.level, t.level) >= a.target_level then 'reached'
           when a.target_date < '${TO}' then 'behind' else 'onTrack' end,
      count(*)::int as n, sum(${REVENUE}) as revenue
    from ${ACCOUNTS.replace('accounts a where', `accounts a left join lateral ${team(END)} t on true left join ${customerRuns(END)} c on c.account_id = a.id where`)}
    group by 1, 2, 3, 4, 5`,
  ],
  responseRate: [
    `
    select ct.buying_role, count(*)::int, count(*) filter (where l.last_answered_at is not null)
    from accounts a
    join confirmation_links l on l.org_id = $1 and l.account_id = a.id and l.created_at >= '${START}' and l.created_at < '${END}'
    left join contacts ct on ct.org_id = $1 and ct.id = l.contact_id
    where a.org_id = $1 and a.archived_at is null
    group by 1`,
  ],
  distributionOverTime: [
    `
    select c.k, c.from_level, c.to_level, count(*)::int as n, sum(c.revenue) as revenue
    from (
      select y.* from (
        select b.account_id, b.revenue, b.k, lag(coalesce(b.customer, b.team)) over (partition by b.account_id order by b.k) as from_level, coalesce(b.customer, b.team) as to_level
        from (${BOTH_AT_CUTS}) b
      ) y where y.k = 0 or y.from_level is distinct from y.to_level
    ) c
    group by 1, 2, 3
    union all
    select -1, null, null, count(*)::int, sum(${REVENUE}) from ${ACCOUNTS}`,
  ],
  transitions: [
    `
    select coalesce(a_c.level, a_t.level), coalesce(bc.level, bt.level), count(*)::int as n, sum(${REVENUE}) as revenue
    from accounts a
    ${both(DAY_A_END, 'a_')}
    ${both(END, 'b')}
    where a.org_id = $1 and a.archived_at is null
    group by 1, 2`,
  ],
  topMovers: [
    `
    with moved as materialized (
      select a.id, a.name, ${REVENUE} as revenue, coalesce(sc.level, st.level) as from_level, coalesce(ec.level, et.level) as to_level
      from accounts a
      ${both(START, 's')}
      ${both(END, 'e')}
      where a.org_id = $1 and a.archived_at is null
    ), shown as (
      (select m.* from moved m where to_level > from_level order by to_level - from_level desc, revenue desc nulls last, id limit 10)
      union all
      (select m.* from moved m where to_level < from_level order by from_level - to_level desc, revenue desc nulls last, id limit 10)
    )
    select sh.*, ch.t, ch.run, te.assessment_id, u.name, an.level, coalesce(ct.name, an.respondent_name) from shown sh
    cross join lateral (
      select q.t, bool_or(q.run) as run from (
        select r.starts_at as t, true as run from customer_level_runs r where r.org_id = $1 and r.account_id = sh.id and r.starts_at >= '${START}' and r.starts_at < '${END}'
        union all
        select e.effective_at, false from level_events e where e.org_id = $1 and e.account_id = sh.id and e.source = 'team' and e.effective_at >= '${START}' and e.effective_at < '${END}'
      ) q
      group by q.t
      having coalesce((select r.level from customer_level_runs r where r.org_id = $1 and r.account_id = sh.id and r.starts_at <= q.t order by r.starts_at desc limit 1),
                      (select e.level from level_events e where e.org_id = $1 and e.account_id = sh.id and e.source = 'team' and e.effective_at <= q.t order by e.effective_at desc, e.id desc limit 1))
        is distinct from coalesce((select r.level from customer_level_runs r where r.org_id = $1 and r.account_id = sh.id and r.starts_at < q.t order by r.starts_at desc limit 1),
                      (select e.level from level_events e where e.org_id = $1 and e.account_id = sh.id and e.source = 'team' and e.effective_at < q.t order by e.effective_at desc, e.id desc limit 1))
      order by q.t desc limit 1
    ) ch
    left join lateral (select e.assessment_id, e.recorded_by_user_id from level_events e
      where not ch.run and e.org_id = $1 and e.account_id = sh.id and e.source = 'team' and e.effective_at = ch.t order by e.id desc limit 1) te on true
    left join users u on u.id = te.recorded_by_user_id
    left join lateral (select x.level, x.contact_id, x.respondent_name from confirmation_answers x left join contacts xc on xc.org_id = x.org_id and xc.id = x.contact_id
      where ch.run and x.org_id = $1 and x.account_id = sh.id and x.created_at = ch.t and (x.contact_id is null or xc.archived_at is null) order by x.id desc limit 1) an on true
    left join contacts ct on ct.org_id = $1 and ct.id = an.contact_id`,
  ],
  gap: [
    `
    with facts as materialized (
      select a.id, a.name, a.owner_user_id, ${REVENUE} as revenue, t.level as team, c.level as customer
      from accounts a
      join ${customerRuns(END)} c on c.account_id = a.id and c.level is not null
      join ${teamRuns(END)} t on t.account_id = a.id
      where a.org_id = $1 and a.archived_at is null
    )
    select team, customer, count(*)::int, sum(revenue), null::uuid, null::text from facts group by 1, 2
    union all
    (select p.team, p.customer, 0, 0, p.id, u.name from facts p left join users u on u.id = p.owner_user_id
     where p.team > p.customer order by p.revenue desc nulls last, p.team - p.customer desc, p.id limit 10)`,
  ],
  gapTrend: [
    `
    select g.k, g.before, g.after, count(*)::int, sum(g.revenue)
    from (
      select b.account_id, b.revenue, b.k, lag(b.team - b.customer) over (partition by b.account_id order by b.k) as before, b.team - b.customer as after
      from (${BOTH_AT_CUTS}) b
    ) g
    where g.before is distinct from g.after
    group by 1, 2, 3`,
  ],
  drillDown: [
    `
    select count(*) over ()::int, a.id, a.name, u.name, ${REVENUE} as revenue, t.level, c.level, coalesce(a_c.level, a_t.level)
    from accounts a
    ${both(END, '')}
    ${both(DAY_A_END, 'a_')}
    left join users u on u.id = a.owner_user_id
    where a.org_id = $1 and a.archived_at is null and coalesce(a_c.level, a_t.level) = 2 and coalesce(c.level, t.level) = 3
    order by revenue desc nulls last, a.id limit 25`,
  ],
};

// ---------------------------------------------------------------------------------------------
// Measuring

interface Row {
  database: string;
  accounts: number;
  events: number;
  answers: number;
  indexes: string;
  endpoint: string;
  median: number;
  p95: number;
  sqlMedian: number;
  sqlP95: number;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function measure(target: Target, set: IndexSet): Promise<Row[]> {
  const { orgId, slug, viewerId } = await ensureSeeded(target);
  await useIndexes(target, set);
  const [{ events, answers } = { events: 0, answers: 0 }] = (await target.raw(
    `select (select count(*)::int from level_events where org_id = $1) as events, (select count(*)::int from confirmation_answers where org_id = $1) as answers`,
    [orgId],
  )) as Array<{ events: number; answers: number }>;
  const caller = createCaller({
    db: target.database.db,
    userId: viewerId,
    locale: 'en',
    appUrl: 'http://bench.invalid',
    clientAddress: 'bench',
  });
  const input = { orgSlug: slug, from: FROM, to: TO };
  const endpoints: Record<string, () => Promise<unknown>> = {
    summary: () => caller.dashboard.summary(input),
    responseRate: () => caller.dashboard.responseRate(input),
    distributionOverTime: () => caller.dashboard.distributionOverTime(input),
    transitions: () => caller.dashboard.transitions(input),
    topMovers: () => caller.dashboard.topMovers(input),
    gap: () => caller.dashboard.gap(input),
    gapTrend: () => caller.dashboard.gapTrend(input),
    drillDown: () => caller.dashboard.drillDown({ ...input, spec: { kind: 'transition', fromLevel: 2, toLevel: 3 } }),
  };
  const runs = Number(args.runs ?? (set === 'without' ? 5 : 15));
  const rows: Row[] = [];
  for (const [name, call] of Object.entries(endpoints)) {
    const handWritten = async () => {
      for (const statement of HAND_WRITTEN[name]!) await target.raw(statement, [orgId]);
    };
    for (let i = 0; i < 2; i++) {
      await call();
      await handWritten();
    }
    const viaCaller: number[] = [];
    const direct: number[] = [];
    // Interleaved, so that both see the same machine load.
    for (let i = 0; i < runs; i++) {
      viaCaller.push(await time(call));
      direct.push(await time(handWritten));
    }
    const row: Row = {
      database: target.kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite',
      accounts: target.size,
      events,
      answers,
      indexes: set,
      endpoint: name,
      median: quantile(viaCaller, 0.5),
      p95: quantile(viaCaller, 0.95),
      sqlMedian: quantile(direct, 0.5),
      sqlP95: quantile(direct, 0.95),
    };
    rows.push(row);
    console.log(format([row], false).split('\n').at(-1));
  }
  return rows;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function format(rows: Row[], header = true): string {
  const lines = header
    ? [
        '| database | accounts | level events | answers | 0008 indexes | endpoint | median ms | p95 ms | hand-written SQL median ms | p95 ms | ratio |',
        '|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|',
      ]
    : [];
  for (const r of rows) {
    lines.push(
      `| ${r.database} | ${r.accounts.toLocaleString('en')} | ${r.events.toLocaleString('en')} | ${r.answers.toLocaleString('en')} | ${r.indexes} | ${r.endpoint} | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.sqlMedian)} | ${ms(r.sqlP95)} | ${(r.median / r.sqlMedian).toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

/** PGlite against the server, per endpoint, size and index set: the "within 3×" target. */
function formatPgliteRatio(rows: Row[]): string {
  const lines = [
    '| accounts | 0008 indexes | endpoint | PostgreSQL median ms | PGlite median ms | PGlite ÷ PostgreSQL |',
    '|---:|---|---|---:|---:|---:|',
  ];
  for (const pg of rows.filter((r) => r.database === 'PostgreSQL 15')) {
    const lite = rows.find(
      (r) => r.database === 'PGlite' && r.accounts === pg.accounts && r.indexes === pg.indexes && r.endpoint === pg.endpoint,
    );
    if (lite)
      lines.push(
        `| ${pg.accounts.toLocaleString('en')} | ${pg.indexes} | ${pg.endpoint} | ${ms(pg.median)} | ${ms(lite.median)} | ${(lite.median / pg.median).toFixed(2)} |`,
      );
  }
  return lines.length > 2 ? lines.join('\n') : '';
}

async function main() {
  const rows: Row[] = [];
  for (const size of sizes) {
    for (const kind of kinds) {
      if (kind === 'pglite' && size > Number(args['pglite-max'])) continue;
      const target = await openTarget(kind, size);
      try {
        for (const set of indexSets) {
          console.log(`\n${kind}, ${size.toLocaleString('en')} accounts, ${set} the history indexes`);
          rows.push(...(await measure(target, set)));
        }
      } finally {
        // Leave the database as migrated.
        await useIndexes(target, 'with');
        await target.close();
      }
    }
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, load average at the end ${load}`;
  const table = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}.`,
    `Period ${FROM} to ${TO} by month (12 periods), no filters, effective lens (the default); medians and p95 over the timed runs (after two warm-up runs).`,
    '',
    format(rows),
    '',
    formatPgliteRatio(rows),
  ].join('\n');
  console.log(`\n${table}`);
  if (!args['no-write']) {
    const file = path.join(process.cwd(), 'docs', 'performance.md');
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Dashboard performance\n\n${begin}\n${end}\n`;
    const next = current.includes(begin)
      ? current.replace(new RegExp(`${begin}[\\s\\S]*${end}`), `${begin}\n${table}\n${end}`)
      : `${current}\n${begin}\n${table}\n${end}\n`;
    writeFileSync(file, next);
    console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
