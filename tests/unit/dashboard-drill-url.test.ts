/** The drill-down as part of the dashboard's URL: every kind survives the round trip, and nonsense is no drill-down. */
import { describe, expect, it } from 'vitest';
import { decodeDrill, encodeDrill, type DrillSpec } from '@/components/dashboard/drill-url';

describe('drill-downs in the URL', () => {
  const specs: DrillSpec[] = [
    { kind: 'level', source: 'customer', level: 4 },
    { kind: 'level', source: 'team', level: null },
    { kind: 'transition', fromLevel: null, toLevel: 2 },
    { kind: 'transition', fromLevel: 3, toLevel: null },
    { kind: 'gap', teamLevel: 4, customerLevel: 3 },
    { kind: 'overrated' },
    { kind: 'stale' },
    { kind: 'unconfirmed' },
    { kind: 'noEconomicBuyer' },
    { kind: 'target', status: 'onTrack' },
  ];

  it.each(specs)('reads back what it wrote: %o', (spec) => {
    expect(decodeDrill(encodeDrill(spec))).toEqual(spec);
  });

  it('writes short, readable values', () => {
    expect(encodeDrill({ kind: 'level', source: 'effective', level: 3 })).toBe('level-effective-3');
    expect(encodeDrill({ kind: 'transition', fromLevel: null, toLevel: 5 })).toBe('transition-none-5');
  });

  it.each(['', 'level', 'level-effective', 'level-boss-3', 'level-team-6', 'gap-none-3', 'gap-1-2-3', 'stale-1', 'target-late', 'drop'])(
    'ignores %j',
    (text) => {
      expect(decodeDrill(text)).toBeNull();
    },
  );
});
