import 'server-only';
import { z } from 'zod';
import { MAX_PERIODS, defaultPeriod, isIsoDay, periodsBetween, toIsoDay, type IsoDay } from '../domain/calendar';
import { userError } from '../api/errors';
import { idSchema, levelSchema, safeText } from '../inputs/common';

const daySchema = safeText({ error: 'validation.dateInvalid' }).refine(isIsoDay, { error: 'validation.dateInvalid' });
export const sourceSchema = z.enum(['effective', 'team', 'customer']);
export { daySchema };

/** The filters every dashboard view shares; the page keeps them in its URL. */
export const dashboardFiltersSchema = z.object({
  /** First day of the period (default: the first of the month eleven months ago). */
  from: daySchema.optional(),
  /** Last day of the period, the "as of" day of the summary (default: today, UTC). */
  to: daySchema.optional(),
  granularity: z.enum(['month', 'quarter']).default('month'),
  /** A member's user id, or "none" for accounts nobody owns. */
  owner: z.union([idSchema, z.literal('none')]).optional(),
  /** A segment, or "none" for accounts without one. */
  segment: safeText().trim().min(1).max(200).optional(),
  /** Accounts aiming at this level, or "none" for accounts without a target. */
  targetLevel: z.union([levelSchema, z.literal('none')]).optional(),
  /** Only accounts where no economic buyer has an answer that is fresh at the end of `to`. */
  noEconomicBuyer: z.boolean().optional(),
  /**
   * The lens the movement views, the movers and the targets follow: the effective level (the
   * customer's where there is one, else the team's), the team's assessments, or the customer's answers.
   */
  source: sourceSchema.default('effective'),
});
export type DashboardFilters = z.input<typeof dashboardFiltersSchema>;
export type Filters = z.output<typeof dashboardFiltersSchema>;

/** The period with its defaults applied; refuses an end before the start and periods of more than MAX_PERIODS months. */
export function resolvePeriod(filters: Pick<Filters, 'from' | 'to'>, now: Date = new Date()): { from: IsoDay; to: IsoDay } {
  const to = filters.to ?? toIsoDay(now);
  const from = filters.from ?? defaultPeriod(to).from;
  if (from > to || periodsBetween(from, to, 'month').length > MAX_PERIODS) throw userError('BAD_REQUEST', 'errors.dashboardPeriodInvalid');
  return { from, to };
}
