/**
 * Rules for actions (planned steps on one account, aimed at a target level), shared by the
 * router, the account page and the "My actions" view. Pure: no I/O, no clock of its own.
 */

export const ACTION_STATUSES = ['open', 'doing', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_TITLE_MAX = 200;

/** Open and doing are still to be done; done and dropped are finished either way. */
export function isActive(status: ActionStatus): boolean {
  return status === 'open' || status === 'doing';
}

/**
 * An action is overdue when it is still to be done and its due date lies before today. Due on
 * today is not overdue yet: the owner still has the day. `today` and `dueDate` are ISO dates
 * (YYYY-MM-DD), which compare correctly as strings.
 */
export function isOverdue(action: { status: ActionStatus; dueDate: string | null }, today: string): boolean {
  return isActive(action.status) && action.dueDate !== null && action.dueDate < today;
}

/**
 * Today's date as YYYY-MM-DD in a time zone (the process's own when none is given). The server
 * decides what "today" is, so everyone in an organization sees the same actions as overdue.
 */
export function isoDateIn(now: Date, timeZone?: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The completion time after a status change: set when an action becomes done, kept while it
 * stays done, cleared when it is reopened or dropped.
 */
export function completedAtAfter(previous: { status: ActionStatus; completedAt: Date | null }, next: ActionStatus, now: Date): Date | null {
  if (next !== 'done') return null;
  return previous.status === 'done' ? previous.completedAt : now;
}

/** A transition of the hierarchy, e.g. 2 → 3: the playbook's methods are filed under one. */
export interface Transition {
  fromLevel: 1 | 2 | 3 | 4;
  toLevel: 2 | 3 | 4 | 5;
}

export const TRANSITIONS: readonly Transition[] = [
  { fromLevel: 1, toLevel: 2 },
  { fromLevel: 2, toLevel: 3 },
  { fromLevel: 3, toLevel: 4 },
  { fromLevel: 4, toLevel: 5 },
];

/**
 * The next step up from an account's effective level (the customer level where there is one,
 * else the team level). An account with neither is treated as level 1 (every relationship
 * starts there); an account at level 5 has no next step.
 */
export function nextTransition(level: number | null): Transition | null {
  const from = level ?? 1;
  return TRANSITIONS.find((t) => t.fromLevel === from) ?? null;
}

/** The order the account page shows statuses in: work in progress first, finished last. */
export const STATUS_ORDER: readonly ActionStatus[] = ['doing', 'open', 'done', 'dropped'];

/**
 * Order for lists of actions still to be done: overdue first, then by due date (none last),
 * then oldest first so the order is stable.
 */
export function compareByUrgency(
  a: { status: ActionStatus; dueDate: string | null; id: string },
  b: { status: ActionStatus; dueDate: string | null; id: string },
  today: string,
): number {
  const overdue = Number(isOverdue(b, today)) - Number(isOverdue(a, today));
  if (overdue !== 0) return overdue;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * What an action planned from a playbook method is about: the method (its name and, when the
 * playbook gives one, its action phrase in the reader's language), the account and, when known,
 * its economic buyer.
 */
export interface MethodActionSubject {
  method: string;
  actionPhrase: string | null;
  account: string;
  economicBuyer: { name: string; title: string | null } | null;
}

/** The sentence shapes of such a title, written per language in messages (actions.fromMethod). */
export type MethodActionPhrase = 'plain' | 'withBuyer' | 'withBuyerTitled';

/**
 * The title an action planned from a method starts with: what to do (the method's action phrase,
 * "Run a USP analysis", or its name when it has none) with the economic buyer (and their title)
 * at this account, so a list of actions says what to do where, not only which method. When long
 * names would make the title too long to save, the next shorter shape is used, down to the
 * phrase alone.
 */
export function titleForMethodAction(
  subject: MethodActionSubject,
  phrase: (shape: MethodActionPhrase, values: Record<string, string>) => string,
): string {
  const action = subject.actionPhrase?.trim() || subject.method.trim();
  const account = subject.account.trim();
  const buyer = subject.economicBuyer?.name.trim() ?? '';
  const buyerTitle = subject.economicBuyer?.title?.trim() ?? '';
  const shapes: string[] = [];
  if (account) {
    if (buyer && buyerTitle) shapes.push(phrase('withBuyerTitled', { action, account, buyer, buyerTitle }));
    if (buyer) shapes.push(phrase('withBuyer', { action, account, buyer }));
    shapes.push(phrase('plain', { action, account }));
  }
  return shapes.find((title) => title.length <= ACTION_TITLE_MAX) ?? action.slice(0, ACTION_TITLE_MAX);
}
