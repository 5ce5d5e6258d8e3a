/**
 * The customer level's runs against its definition, for any answers: the runs are what the
 * database stores and every page reads, customerLevelAt is the definition itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerExpiresAt,
  customerLevelAt,
  customerLevelOnDay,
  customerLevelRuns,
  type CustomerAnswer,
} from '@/server/domain/customer-level';

const BASE = Date.UTC(2023, 0, 1);
const DAY = 86_400_000;

/** Answers over four years from up to five stakeholders, on coarse instants so that they collide. */
const answersArb = fc
  .array(
    fc.record({
      respondentKey: fc.constantFrom('buyer', 'user', 'coach', 'tech', 'link:x'),
      level: fc.integer({ min: 1, max: 5 }),
      at: fc.integer({ min: 0, max: 4 * 365 * 4 }).map((quarterDays) => BASE + quarterDays * (DAY / 4)),
    }),
    { maxLength: 25 },
  )
  .map((rows) =>
    rows
      .map((r): CustomerAnswer => ({ respondentKey: r.respondentKey, level: r.level, answeredAt: new Date(r.at) }))
      .sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime()),
  );

const monthsArb = fc.integer({ min: 1, max: 36 });
const instantArb = fc.integer({ min: -30 * DAY, max: 8 * 365 * DAY }).map((offset) => new Date(BASE + offset));

function runAt(runs: ReturnType<typeof customerLevelRuns>, at: Date) {
  return runs.findLast((run) => run.startsAt.getTime() <= at.getTime()) ?? null;
}

describe('customer level runs', () => {
  it('give the level of the definition at any instant', () => {
    fc.assert(
      fc.property(answersArb, monthsArb, fc.array(instantArb, { minLength: 1, maxLength: 20 }), (answers, months, instants) => {
        const runs = customerLevelRuns(answers, months);
        for (const at of instants) {
          const run = runAt(runs, at);
          expect(run?.level ?? null).toBe(customerLevelAt(answers, at, months).level);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('are contiguous from the first answer, change level at every boundary and end open with no level', () => {
    fc.assert(
      fc.property(answersArb, monthsArb, (answers, months) => {
        const runs = customerLevelRuns(answers, months);
        if (answers.length === 0) {
          expect(runs).toEqual([]);
          return;
        }
        expect(runs[0]!.startsAt).toEqual(answers[0]!.answeredAt);
        runs.forEach((run, i) => {
          const next = runs[i + 1];
          if (!next) return;
          expect(run.endsAt).toEqual(next.startsAt);
          expect(run.startsAt.getTime()).toBeLessThan(next.startsAt.getTime());
          expect(next.level).not.toBe(run.level);
        });
        expect(runs.at(-1)).toMatchObject({ endsAt: null, level: null });
      }),
      { numRuns: 300 },
    );
  });

  it('only change where an answer is given or stops counting', () => {
    fc.assert(
      fc.property(answersArb, monthsArb, (answers, months) => {
        const instants = new Set(answers.flatMap((a) => [a.answeredAt.getTime(), answerExpiresAt(a.answeredAt, months).getTime()]));
        for (const run of customerLevelRuns(answers, months)) expect(instants.has(run.startsAt.getTime())).toBe(true);
      }),
    );
  });

  it('a longer window never leaves a day without a level that a shorter one has', () => {
    fc.assert(
      fc.property(answersArb, monthsArb, monthsArb, instantArb, (answers, a, b, at) => {
        const [shorter, longer] = a < b ? [a, b] : [b, a];
        const day = at.toISOString().slice(0, 10);
        if (customerLevelOnDay(answers, day, shorter) !== null) expect(customerLevelOnDay(answers, day, longer)).not.toBeNull();
      }),
    );
  });
});

describe('the examples a sales leader checks', () => {
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it('team 3; stakeholders answer 4, 4 and then 2: the customer says 4', () => {
    const answers: CustomerAnswer[] = [
      { respondentKey: 'buyer', level: 4, answeredAt: day('2026-09-01') },
      { respondentKey: 'user', level: 4, answeredAt: day('2026-09-10') },
      { respondentKey: 'coach', level: 2, answeredAt: day('2026-09-20') },
    ];
    expect(customerLevelOnDay(answers, '2026-11-30', 12)).toBe(4);
    // Before the third answer, two say 4.
    expect(customerLevelOnDay(answers, '2026-09-15', 12)).toBe(4);
    // When the first two have aged out, only the 2 is left.
    expect(customerLevelOnDay(answers, '2027-09-15', 12)).toBe(2);
    expect(customerLevelOnDay(answers, '2027-09-20', 12)).toBeNull();
    expect(customerLevelRuns(answers, 12).map((r) => r.level)).toEqual([4, 3, 2, null]);
  });

  it('a lone 5 from three years ago counts on its own days, not today', () => {
    const answers: CustomerAnswer[] = [{ respondentKey: 'buyer', level: 5, answeredAt: day('2023-11-15') }];
    expect(customerLevelOnDay(answers, '2023-12-01', 12)).toBe(5);
    expect(customerLevelOnDay(answers, '2024-11-14', 12)).toBe(5);
    expect(customerLevelOnDay(answers, '2024-11-15', 12)).toBeNull();
    expect(customerLevelOnDay(answers, '2026-11-30', 12)).toBeNull();
    expect(customerLevelOnDay(answers, '2026-11-14', 36)).toBe(5);
  });
});
