import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { messages } from '@/i18n/messages';
import {
  ACTION_TITLE_MAX,
  compareByUrgency,
  completedAtAfter,
  daysBetween,
  isActive,
  isoDateIn,
  isOverdue,
  nextTransition,
  titleForMethodAction,
  type ActionStatus,
  type MethodActionPhrase,
} from '@/server/domain/actions';

const today = '2026-05-14';

describe('isOverdue', () => {
  it('an open or doing action due before today is overdue', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-05-13' }, today)).toBe(true);
    expect(isOverdue({ status: 'doing', dueDate: '2025-12-31' }, today)).toBe(true);
  });

  it('due today or later is not overdue yet', () => {
    expect(isOverdue({ status: 'open', dueDate: today }, today)).toBe(false);
    expect(isOverdue({ status: 'doing', dueDate: '2026-05-15' }, today)).toBe(false);
  });

  it('finished actions and actions without a due date are never overdue', () => {
    for (const status of ['done', 'dropped'] as const) expect(isOverdue({ status, dueDate: '2020-01-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: null }, today)).toBe(false);
  });

  it('compares across month and year boundaries', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-04-30' }, '2026-05-01')).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2026-12-31' }, '2027-01-01')).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2027-01-01' }, '2026-12-31')).toBe(false);
  });
});

describe('isoDateIn', () => {
  it('gives the calendar date in the time zone asked for', () => {
    // 23:30 UTC on 14 May is already 15 May in Stockholm (UTC+2 in summer).
    const lateEvening = new Date('2026-05-14T23:30:00Z');
    expect(isoDateIn(lateEvening, 'UTC')).toBe('2026-05-14');
    expect(isoDateIn(lateEvening, 'Europe/Stockholm')).toBe('2026-05-15');
  });

  it('always has the YYYY-MM-DD shape', () => {
    expect(isoDateIn(new Date())).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('daysBetween', () => {
  it('counts whole days either way', () => {
    expect(daysBetween('2026-05-10', '2026-05-14')).toBe(4);
    expect(daysBetween('2026-05-14', '2026-05-10')).toBe(-4);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});

describe('completedAtAfter', () => {
  const now = new Date('2026-05-14T10:00:00Z');
  const earlier = new Date('2026-05-01T10:00:00Z');

  it('records the moment an action becomes done', () => {
    expect(completedAtAfter({ status: 'doing', completedAt: null }, 'done', now)).toEqual(now);
  });

  it('keeps the original moment while it stays done', () => {
    expect(completedAtAfter({ status: 'done', completedAt: earlier }, 'done', now)).toEqual(earlier);
  });

  it('clears it when the action is reopened or dropped', () => {
    for (const next of ['open', 'doing', 'dropped'] as const)
      expect(completedAtAfter({ status: 'done', completedAt: earlier }, next, now)).toBeNull();
  });
});

describe('nextTransition', () => {
  it('is the step from the current team level to the next', () => {
    expect(nextTransition(1)).toEqual({ fromLevel: 1, toLevel: 2 });
    expect(nextTransition(3)).toEqual({ fromLevel: 3, toLevel: 4 });
    expect(nextTransition(4)).toEqual({ fromLevel: 4, toLevel: 5 });
  });

  it('starts at 1 → 2 for an account nobody has assessed yet', () => {
    expect(nextTransition(null)).toEqual({ fromLevel: 1, toLevel: 2 });
  });

  it('has no next step at level 5', () => {
    expect(nextTransition(5)).toBeNull();
  });
});

describe('isActive', () => {
  it('open and doing are still to be done', () => {
    expect((['open', 'doing', 'done', 'dropped'] as ActionStatus[]).filter(isActive)).toEqual(['open', 'doing']);
  });
});

describe('compareByUrgency', () => {
  it('puts overdue first, then by due date, undated last, id as tie-breaker', () => {
    const list = [
      { id: 'e', status: 'open' as const, dueDate: null },
      { id: 'd', status: 'open' as const, dueDate: '2026-06-01' },
      { id: 'c', status: 'doing' as const, dueDate: '2026-05-20' },
      { id: 'b', status: 'open' as const, dueDate: '2026-05-01' },
      { id: 'a', status: 'done' as const, dueDate: '2026-04-01' },
      { id: 'f', status: 'open' as const, dueDate: '2026-05-20' },
    ];
    expect([...list].sort((x, y) => compareByUrgency(x, y, today)).map((x) => x.id)).toEqual(['b', 'a', 'c', 'f', 'd', 'e']);
  });
});

describe('titleForMethodAction', () => {
  /** The real phrases of each language, as the account page uses them. */
  const phrases = (locale: 'en' | 'sv') => {
    const t = createTranslator({ locale, messages: messages[locale], namespace: 'actions.fromMethod' });
    return (shape: MethodActionPhrase, values: Record<string, string>) => t(shape, values);
  };
  const buyer = { name: 'Anna Berg', title: 'CFO' };

  it('says what to do with the economic buyer and their title at the account, in either language', () => {
    expect(
      titleForMethodAction(
        { method: 'Consultative selling', actionPhrase: 'Hold a consultative needs meeting', account: 'Kylhus AB', economicBuyer: buyer },
        phrases('en'),
      ),
    ).toBe('Hold a consultative needs meeting with Anna Berg (CFO) at Kylhus AB');
    expect(
      titleForMethodAction(
        { method: 'Rådgivande försäljning', actionPhrase: 'Håll ett rådgivande behovsmöte', account: 'Kylhus AB', economicBuyer: buyer },
        phrases('sv'),
      ),
    ).toBe('Håll ett rådgivande behovsmöte med Anna Berg (CFO) hos Kylhus AB');
  });

  it('starts with the method’s name when it has no action phrase, or a blank one', () => {
    expect(titleForMethodAction({ method: 'Kaizen', actionPhrase: null, account: 'Kylhus AB', economicBuyer: buyer }, phrases('en'))).toBe(
      'Kaizen with Anna Berg (CFO) at Kylhus AB',
    );
    expect(titleForMethodAction({ method: 'Kaizen', actionPhrase: '   ', account: 'Kylhus AB', economicBuyer: null }, phrases('sv'))).toBe(
      'Kaizen för Kylhus AB',
    );
  });

  it('leaves out what is not known: the buyer’s title, then the buyer', () => {
    const noTitle = { name: 'Anna Berg', title: '  ' };
    const subject = { method: 'Kaizen', actionPhrase: 'Start a Kaizen improvement round', account: 'Kylhus AB' };
    expect(titleForMethodAction({ ...subject, economicBuyer: noTitle }, phrases('en'))).toBe(
      'Start a Kaizen improvement round with Anna Berg at Kylhus AB',
    );
    expect(
      titleForMethodAction({ ...subject, actionPhrase: 'Starta en förbättringsrunda enligt Kaizen', economicBuyer: null }, phrases('sv')),
    ).toBe('Starta en förbättringsrunda enligt Kaizen för Kylhus AB');
  });

  it('falls back to shorter shapes when a long name would make the title too long to save', () => {
    const longAccount = 'A'.repeat(ACTION_TITLE_MAX - 20);
    const title = titleForMethodAction({ method: 'Kaizen', actionPhrase: null, account: longAccount, economicBuyer: buyer }, phrases('en'));
    expect(title).toBe(`Kaizen for ${longAccount}`);
    const longest = titleForMethodAction(
      { method: 'Kaizen', actionPhrase: null, account: 'B'.repeat(ACTION_TITLE_MAX), economicBuyer: null },
      phrases('en'),
    );
    expect(longest).toBe('Kaizen');
    const hugeMethod = titleForMethodAction(
      { method: 'Kaizen', actionPhrase: 'M'.repeat(ACTION_TITLE_MAX + 10), account: 'Kylhus AB', economicBuyer: null },
      phrases('en'),
    );
    expect(hugeMethod).toHaveLength(ACTION_TITLE_MAX);
  });
});
