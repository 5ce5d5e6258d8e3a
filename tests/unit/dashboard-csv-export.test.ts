import { describe, expect, it } from 'vitest';
import { csvGap, csvMoney, csvWeighted, exportFileName, weightedHeader } from '@/components/dashboard/csv-export';
import { parseCsv, toCsv } from '@/server/domain/csv';

const noFilters = { source: 'effective', weight: 'count' as const, owner: '', segment: '', target: '', eb: '' };

/** One CSV line as the file holds it, without the line break. */
const line = (...cells: Parameters<typeof toCsv>[0][number]) => toCsv([cells]).trimEnd();

describe('dashboard CSV numbers', () => {
  it('writes money to the cent without float noise', () => {
    expect(line(csvMoney(192391393.79999998), csvMoney(0.1 + 0.2), csvMoney(1200), csvMoney(-45.5))).toBe(
      '192391393.80,0.30,1200.00,-45.50',
    );
  });

  it('never writes a negative zero', () => {
    expect(line(csvMoney(-0.0000039), csvMoney(-0), csvGap(-0.001), -0)).toBe('0.00,0.00,0.00,0');
  });

  it('keeps a negative amount negative and a number, not text guarded against formulas', () => {
    const written = line(csvMoney(-1234.567));
    expect(written).toBe('-1234.57');
    expect(parseCsv(`h\r\n${written}\r\n`).rows[0]!.cells).toEqual(['-1234.57']);
  });

  it('writes gaps with two decimals', () => {
    expect(line(csvGap(1.23456), csvGap(-0.5), csvGap(2))).toBe('1.23,-0.50,2.00');
  });

  it('leaves a missing value empty', () => {
    expect(line('a', csvMoney(null), csvGap(undefined), csvMoney(Number.NaN), 'b')).toBe('a,,,,b');
  });

  it('keeps counts whole and rounds revenue to cents under the weight switch', () => {
    expect(line(csvWeighted(12, 'count'), csvWeighted(1000.005000001, 'revenue'))).toBe('12,1000.01');
  });

  it('names the currency in revenue headers only', () => {
    expect(weightedHeader('Team', 'revenue', 'SEK')).toBe('Team (SEK)');
    expect(weightedHeader('Team', 'count', 'SEK')).toBe('Team');
    expect(weightedHeader('Team', 'revenue', undefined)).toBe('Team');
  });
});

describe('exportFileName', () => {
  it('records the period, the lens and the weight', () => {
    expect(exportFileName('level-distribution', ['2025-12-01', '2026-11-30'], noFilters)).toBe(
      'level-distribution_2025-12-01_2026-11-30_effective_count.csv',
    );
  });

  it('adds only the filters that are set', () => {
    expect(
      exportFileName('level-distribution', ['2025-12-01', '2026-11-30'], {
        ...noFilters,
        source: 'customer',
        weight: 'revenue',
        segment: 'Enterprise',
      }),
    ).toBe('level-distribution_2025-12-01_2026-11-30_customer_revenue_segment-enterprise.csv');
    expect(
      exportFileName('perception-gap', ['2026-11-30'], {
        ...noFilters,
        owner: '0b5c7d2e-1111-4222-8333-444455556666',
        target: '4',
        eb: 'unanswered',
      }),
    ).toBe('perception-gap_2026-11-30_effective_count_owner-0b5c7d2e_target-4_eb-unanswered.csv');
    expect(exportFileName('top-movers', ['2026-01-01', '2026-11-30'], { ...noFilters, owner: 'none', segment: 'none' })).toBe(
      'top-movers_2026-01-01_2026-11-30_effective_count_owner-none_segment-none.csv',
    );
  });

  it('makes a segment safe for any file system and keeps it short', () => {
    const name = exportFileName('levels', ['2026-11-30'], {
      ...noFilters,
      segment: 'Offentlig sektor / Kommuner & Regioner: Stockholm, Göteborg, Malmö',
    });
    expect(name).toMatch(/^levels_2026-11-30_effective_count_segment-[a-z0-9-]+\.csv$/);
    expect(name).toContain('segment-offentlig-sektor-kommuner-regioner');
    expect(name.length).toBeLessThanOrEqual(90);
    expect(exportFileName('levels', ['2026-11-30'], { ...noFilters, segment: '../../' })).toBe(
      'levels_2026-11-30_effective_count_segment-other.csv',
    );
  });
});
