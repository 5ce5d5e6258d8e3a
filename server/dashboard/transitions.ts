import 'server-only';
import { sql } from 'drizzle-orm';
import { endOfDay, type IsoDay } from '../domain/calendar';
import type { Tally } from '../domain/dashboard';
import type { Filters } from './filters';
import {
  add,
  lensLevel,
  needs,
  probesAt,
  query,
  reportingCurrencyOf,
  scopeCtes,
  tallyColumns,
  tallyOf,
  zero,
  zeros,
  type DashboardDb,
} from './sql';

export interface TransitionsResult {
  dayA: IsoDay;
  dayB: IsoDay;
  currency: string;
  cells: Tally[][];
  fromNone: Tally[];
  toNone: Tally[];
  neither: Tally;
}

/** Accounts from level i on day A to level j on day B, through the lens: up to two probes per account and day. */
export async function transitionsQuery(db: DashboardDb, filters: Filters, dayA: IsoDay, dayB: IsoDay): Promise<TransitionsResult> {
  const kinds = needs(filters.source);
  const rows = await query<{ currency: string; a: number | null; b: number | null; n: number; revenue: number }>(
    db.tx,
    sql`with ${scopeCtes(db, filters)}
      select (select code from reporting) as currency, ${lensLevel(filters.source, 'a_t', 'a_c')} as a, ${lensLevel(filters.source, 'b_t', 'b_c')} as b, ${tallyColumns}
      from scope s
      ${probesAt(db, endOfDay(dayA), 'a_', kinds)}
      ${probesAt(db, endOfDay(dayB), 'b_', kinds)}
      group by 1, 2, 3`,
  );
  const result: TransitionsResult = {
    dayA,
    dayB,
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(db)),
    cells: [0, 1, 2, 3, 4].map(() => zeros(5)),
    fromNone: zeros(5),
    toNone: zeros(5),
    neither: zero(),
  };
  for (const row of rows) {
    const target =
      row.a === null
        ? row.b === null
          ? result.neither
          : result.fromNone[row.b - 1]!
        : row.b === null
          ? result.toNone[row.a - 1]!
          : result.cells[row.a - 1]![row.b - 1]!;
    add(target, tallyOf(row));
  }
  return result;
}
