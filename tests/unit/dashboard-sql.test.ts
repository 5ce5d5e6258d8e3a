import { describe, expect, it } from 'vitest';
import { freshSince } from '@/server/dashboard/sql';
import { endOfDay } from '@/server/domain/calendar';
import { answerExpiresAt } from '@/server/domain/customer-level';

describe('the first day whose answers still count (the economic-buyer query’s range)', () => {
  it('is exactly where answerExpiresAt reaches the cutoff, month ends and leap days included', () => {
    for (const months of [1, 3, 12, 13, 36]) {
      for (const day of ['2025-03-31', '2025-02-28', '2024-02-29', '2026-01-31', '2025-12-31', '2025-06-15']) {
        const before = endOfDay(day);
        const since = freshSince(before, months);
        expect(answerExpiresAt(since, months).getTime()).toBeGreaterThanOrEqual(before.getTime());
        expect(answerExpiresAt(new Date(since.getTime() - 86_400_000), months).getTime()).toBeLessThan(before.getTime());
      }
    }
  });
});
