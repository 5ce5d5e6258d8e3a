import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_FRESHNESS_MONTHS } from '../domain/customer-level';
import { addDays } from '../domain/calendar';
import type { DrillDown } from '../domain/dashboard';
import { drillDownIdsQuery, drillDownQuery } from '../dashboard/drill-down';
import { daySchema, dashboardFiltersSchema, resolvePeriod, sourceSchema } from '../dashboard/filters';
import { levelSchema } from '../inputs/common';
import { gapQuery, gapTrendQuery } from '../dashboard/gap';
import { headlineQuery } from '../dashboard/headline';
import { topMoversQuery } from '../dashboard/movers';
import { query, type DashboardDb } from '../dashboard/sql';
import { responseRateQuery, summaryQuery } from '../dashboard/summary';
import { transitionsQuery } from '../dashboard/transitions';
import { trendQuery } from '../dashboard/trend';
import { orgProcedure, router } from '../api/trpc';

/*
 * The portfolio dashboards: one query per file in server/dashboard/ (the rules they share are in
 * server/dashboard/sql.ts, the pure definitions they are tested against in
 * server/domain/portfolio-oracle.ts). All read-only, open to every member including viewers (executives).
 */

export type { DashboardFilters } from '../dashboard/filters';

const transitionInput = dashboardFiltersSchema.extend({ dayA: daySchema.optional(), dayB: daySchema.optional() });

/** Day A defaults to the day before the period starts and day B to its last day: the whole period's movement. */
function transitionDays(input: z.output<typeof transitionInput>) {
  const { from, to } = resolvePeriod(input);
  return { dayA: input.dayA ?? addDays(from, -1), dayB: input.dayB ?? to };
}

const drillDownSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level'), source: sourceSchema, level: levelSchema.nullable() }),
  z.object({ kind: z.literal('transition'), fromLevel: levelSchema.nullable(), toLevel: levelSchema.nullable() }),
  z.object({ kind: z.literal('gap'), teamLevel: levelSchema, customerLevel: levelSchema }),
  z.object({ kind: z.literal('overrated') }),
  z.object({ kind: z.literal('stale') }),
  z.object({ kind: z.literal('unconfirmed') }),
  z.object({ kind: z.literal('noEconomicBuyer') }),
  z.object({ kind: z.literal('target'), status: z.enum(['reached', 'onTrack', 'behind']) }),
]);

const drillDownInput = transitionInput.extend({ spec: drillDownSpecSchema });

/** The number a drill-down asks about, on the days of the period. */
function drillDownOf(input: z.output<typeof drillDownInput>): DrillDown {
  const { to } = resolvePeriod(input);
  const { dayA, dayB } = transitionDays(input);
  return input.spec.kind === 'transition'
    ? { ...input.spec, source: input.source, dayA, dayB }
    : input.spec.kind === 'target'
      ? { ...input.spec, source: input.source, day: to }
      : { ...input.spec, day: to };
}

/**
 * Read-only, open to every member including viewers (executives). One round trip before the
 * query: PostgreSQL's JIT compiler off for this transaction (it starts on the estimated cost of
 * walks over 10,000 accounts and compiling costs more, 20–400 ms measured, than it saves on
 * queries of tens of milliseconds), and the organization's freshness window.
 */
const dashboardProcedure = orgProcedure('viewer').use(async ({ ctx, next }) => {
  const [row] = await query<{ months: number | null }>(
    ctx.tx,
    sql`select set_config('jit', 'off', true) as jit, (select o.customer_answer_freshness_months from organizations o where o.id = ${ctx.org.id}::uuid) as months`,
  );
  const dashboard: DashboardDb = { tx: ctx.tx, orgId: ctx.org.id, months: row?.months ?? DEFAULT_FRESHNESS_MONTHS };
  return next({ ctx: { dashboard } });
});

export const dashboardRouter = router({
  /** Where the portfolio stands at the end of the period ("now" by default): levels through every lens, gap, confirmation, economic buyers, stale, targets. */
  summary: dashboardProcedure.input(dashboardFiltersSchema).query(({ ctx, input }) => summaryQuery(ctx.dashboard, input)),

  /**
   * The headline strip: accounts that moved up and down over the period, the share at level 4 or
   * higher, the average perception gap and confirmation coverage at its end, each also for the
   * period of the same length before it.
   */
  headline: dashboardProcedure.input(dashboardFiltersSchema).query(({ ctx, input }) => headlineQuery(ctx.dashboard, input)),

  /** Confirmation links created in the period for the accounts in view, and how many were answered, per buying role. */
  responseRate: dashboardProcedure.input(dashboardFiltersSchema).query(({ ctx, input }) => responseRateQuery(ctx.dashboard, input)),

  /** Per month or quarter: the level distribution at its end, and the accounts that moved up, down, got or lost a level. */
  distributionOverTime: dashboardProcedure.input(dashboardFiltersSchema).query(({ ctx, input }) => trendQuery(ctx.dashboard, input)),

  /** The transition matrix between two days (default: the whole period). */
  transitions: dashboardProcedure.input(transitionInput).query(({ ctx, input }) => {
    const { dayA, dayB } = transitionDays(input);
    return transitionsQuery(ctx.dashboard, input, dayA, dayB);
  }),

  /** The accounts that moved most up and down over the period, with the change behind it. */
  topMovers: dashboardProcedure.input(dashboardFiltersSchema).query(({ ctx, input }) => topMoversQuery(ctx.dashboard, input)),

  /** Team × customer levels at the end of the period, the average gap, and the biggest accounts the team overrates. */
  gap: dashboardProcedure.input(dashboardFiltersSchema).query(({ ctx, input }) => gapQuery(ctx.dashboard, input)),

  /** The average perception gap at the end of each month or quarter. */
  gapTrend: dashboardProcedure.input(dashboardFiltersSchema).query(({ ctx, input }) => gapTrendQuery(ctx.dashboard, input)),

  /** The accounts behind a number on the dashboard, a page at a time. */
  drillDown: dashboardProcedure
    .input(
      drillDownInput.extend({
        offset: z.int().min(0).max(1_000_000).default(0),
      }),
    )
    .query(({ ctx, input }) => drillDownQuery(ctx.dashboard, input, drillDownOf(input), input.offset)),

  /** The ids of all the accounts behind a number (up to 10,000, biggest revenue first), to ask them in a campaign. */
  drillDownIds: dashboardProcedure
    .input(drillDownInput)
    .query(({ ctx, input }) => drillDownIdsQuery(ctx.dashboard, input, drillDownOf(input))),
});
