/** The five levels of the Buy-Sell Hierarchy (defined once, in server/domain/levels.ts). Names and texts live in messages under hierarchy.levels. */
import { LEVELS, type Level } from '@/server/domain/levels';

/*
 * Levels reach components as plain integers: the database columns and query results are typed
 * `number` (check constraints keep them 1–5). Where a component needs a level's name or style it
 * narrows with `level as Level`, which is what makes keys like `levels.${level}.name` type-check.
 */
export { LEVELS, type Level };

/** Tailwind classes per level, from the --color-level-N theme colours in globals.css. */
export const levelStyles: Record<Level, { solid: string; soft: string }> = {
  1: { solid: 'bg-level-1 text-white', soft: 'bg-level-1/10 text-slate-800 ring-level-1/40' },
  2: { solid: 'bg-level-2 text-white', soft: 'bg-level-2/10 text-sky-900 ring-level-2/40' },
  3: { solid: 'bg-level-3 text-white', soft: 'bg-level-3/10 text-teal-900 ring-level-3/40' },
  4: { solid: 'bg-level-4 text-white', soft: 'bg-level-4/10 text-amber-900 ring-level-4/40' },
  5: { solid: 'bg-level-5 text-white', soft: 'bg-level-5/10 text-violet-900 ring-level-5/40' },
};
