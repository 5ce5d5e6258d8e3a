'use client';

import { useFormatter, useNow, useTranslations } from 'next-intl';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { LevelBadge } from '@/components/levels/level-badge';
import type { Level } from '@/components/levels/levels';
import type { RouterOutputs } from '@/components/trpc';

type History = RouterOutputs['account']['levelHistory'];
type Answer = History['answers'][number];
type TeamEvent = History['team'][number];

/** Colours for the two sources; told apart by line style and marker shape too, never by colour alone. */
const TEAM_COLOUR = '#4f46e5';
const CUSTOMER_COLOUR = '#be185d';

interface TeamPoint {
  t: number;
  y: number;
  event: TeamEvent | null;
}
interface CustomerPoint {
  t: number;
  y: number | null;
}
interface AnswerPoint {
  t: number;
  y: number;
  answer: Answer;
  /** How many earlier answers share this day and level: the marker moves right so each stays visible. */
  stack: number;
}

/** The team level as a step line: each level held until the next, the latest until now. */
function teamPoints(team: TeamEvent[], now: number): TeamPoint[] {
  const points: TeamPoint[] = team.map((event) => ({ t: event.at.getTime(), y: event.level, event }));
  const last = points.at(-1);
  if (last && now > last.t) points.push({ t: now, y: last.y, event: null });
  return points;
}

/**
 * The customer level from its runs: each run with a level is drawn from its start to its end
 * (or now), and a run without one (no fresh answer) is a gap. Runs that start after now (an
 * answer ageing out later) are not drawn yet.
 */
function customerPoints(runs: History['runs'], now: number): CustomerPoint[] {
  const points: CustomerPoint[] = [];
  for (const run of runs) {
    const start = run.startsAt.getTime();
    if (start > now) break;
    if (run.level === null) {
      points.push({ t: start, y: null });
      continue;
    }
    const end = Math.min(run.endsAt?.getTime() ?? now, now);
    points.push({ t: start, y: run.level }, { t: end, y: run.level });
  }
  return points;
}

function answerPoints(answers: Answer[]): AnswerPoint[] {
  const seen = new Map<string, number>();
  return answers.map((answer) => {
    const key = `${answer.at.toISOString().slice(0, 10)}:${answer.level}`;
    const stack = seen.get(key) ?? 0;
    seen.set(key, stack + 1);
    return { t: answer.at.getTime(), y: answer.level, answer, stack };
  });
}

function subscribeWide(onChange: () => void) {
  const query = window.matchMedia('(min-width: 640px)');
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether there is room for level names on the axis (phones get numbers only). */
function useWide(): boolean {
  return useSyncExternalStore(
    subscribeWide,
    () => window.matchMedia('(min-width: 640px)').matches,
    () => true,
  );
}

interface Focused {
  x: number;
  y: number;
  title: string;
  lines: string[];
}

/**
 * The marker under the pointer or keyboard focus, kept outside React state of the chart: showing
 * its label re-renders only the label, so the chart never redraws (and a focused marker keeps focus).
 */
function createFocusStore() {
  let value: Focused | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next: Focused | null) => {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
type FocusStore = ReturnType<typeof createFocusStore>;

function MarkerLabel({ store }: { store: FocusStore }) {
  const focused = useSyncExternalStore(store.subscribe, store.get, () => null);
  if (!focused) return null;
  return (
    <div
      className="pointer-events-none absolute z-10 w-max max-w-64 -translate-x-1/2 rounded-md bg-white px-3 py-2 text-xs shadow-lg ring-1 ring-slate-200"
      // Centred under the marker, but never past the chart's edges (a phone would scroll sideways).
      style={{ left: `clamp(8rem, ${focused.x}px, calc(100% - 8rem))`, top: focused.y + 12 }}
    >
      <p className="font-medium text-slate-900">{focused.title}</p>
      {focused.lines.map((line) => (
        <p key={line} className="text-slate-700">
          {line}
        </p>
      ))}
    </div>
  );
}

/**
 * The account's levels over time: the team level as a step line, the customer level as a step
 * line from its runs (with gaps where no answer was fresh), and each customer answer as a marker
 * that names who gave it on hover and on keyboard focus; the same facts as a table. Recharts is
 * about 100 kB gzip, so the panel loads this after the page has rendered.
 */
export function HistoryView({ history }: { history: History }) {
  const t = useTranslations();
  const format = useFormatter();
  const now = useNow({ updateInterval: 60 * 60_000 }).getTime();
  const wide = useWide();
  const [store] = useState(createFocusStore);
  const setFocused = store.set;
  const team = useMemo(() => teamPoints(history.team, now), [history.team, now]);
  const customer = useMemo(() => customerPoints(history.runs, now), [history.runs, now]);
  const answers = useMemo(() => answerPoints(history.answers), [history.answers]);
  const levelName = (level: number) => t(`hierarchy.levels.${level as Level}.name`);
  const describe = (level: number | null | undefined) => (level ? `${level} ${levelName(level)}` : t('hierarchy.noLevel'));
  const day = (date: Date) => format.dateTime(date, { dateStyle: 'medium' });
  const roleName = (role: Answer['buyingRole']) => (role ? t(`contacts.buyingRoles.${role}.name`) : null);
  const nameOf = (answer: Answer) => answer.name ?? t('levelHistory.unnamed');
  const currentRun = [...history.runs].reverse().find((run) => run.startsAt.getTime() <= now);
  const start = Math.min(...[team[0]?.t, customer[0]?.t, answers[0]?.t].filter((v): v is number => v !== undefined));
  const domain: [number, number] = [start, Math.max(now, start + 86_400_000)];

  const answerLabel = (answer: Answer) =>
    t('levelHistory.answerLabel', {
      name: nameOf(answer),
      role: roleName(answer.buyingRole) ?? 'none',
      level: describe(answer.level),
      date: day(answer.at),
    });
  const answerStatus = (answer: Answer) =>
    answer.contactArchived
      ? t('levelHistory.contactRemoved')
      : answer.countsUntil.getTime() > now
        ? t('levelHistory.countsUntil', { date: day(answer.countsUntil) })
        : t('levelHistory.countedUntil', { date: day(answer.countsUntil) });

  const teamDot = (props: { cx?: number; cy?: number; payload?: TeamPoint; index?: number }) => {
    const event = props.payload?.event;
    if (!event || props.cx === undefined || props.cy === undefined) return <g key={`team-${props.index}`} />;
    const { cx, cy } = props;
    const show = () =>
      setFocused({
        x: cx,
        y: cy,
        title: `${t('levelHistory.team')}: ${describe(event.level)}`,
        lines: [
          day(event.at),
          event.recordedByName ? t('levelHistory.cause.team', { name: event.recordedByName }) : t('levelHistory.cause.teamUnknown'),
        ],
      });
    return (
      <circle
        key={`team-${event.id}`}
        cx={cx}
        cy={cy}
        r={5}
        fill="white"
        stroke={TEAM_COLOUR}
        strokeWidth={2.5}
        tabIndex={0}
        role="img"
        aria-label={`${t('levelHistory.team')}: ${describe(event.level)}, ${day(event.at)}`}
        className="cursor-pointer outline-none focus-visible:stroke-[4]"
        onMouseEnter={show}
        onFocus={show}
        onMouseLeave={() => setFocused(null)}
        onBlur={() => setFocused(null)}
      />
    );
  };

  const answerDot = (props: { cx?: number; cy?: number; payload?: AnswerPoint; index?: number }) => {
    const point = props.payload;
    if (!point || props.cx === undefined || props.cy === undefined) return <g key={`answer-${props.index}`} />;
    const cx = props.cx + point.stack * 9;
    const cy = props.cy;
    const { answer } = point;
    const role = roleName(answer.buyingRole);
    const show = () =>
      setFocused({
        x: cx,
        y: cy,
        title: `${nameOf(answer)}${role ? ` · ${role}` : ''}`,
        lines: [`${t('levelHistory.answer')}: ${describe(answer.level)}`, day(answer.at), answerStatus(answer)],
      });
    const size = 5.5;
    return (
      <path
        key={`answer-${answer.id}`}
        d={`M ${cx} ${cy - size} L ${cx + size} ${cy} L ${cx} ${cy + size} L ${cx - size} ${cy} Z`}
        fill={answer.contactArchived || answer.countsUntil.getTime() <= now ? 'white' : CUSTOMER_COLOUR}
        stroke={CUSTOMER_COLOUR}
        strokeWidth={1.5}
        tabIndex={0}
        role="img"
        aria-label={`${answerLabel(answer)}. ${answerStatus(answer)}`}
        className="cursor-pointer outline-none focus-visible:stroke-[3.5]"
        onMouseEnter={show}
        onFocus={show}
        onMouseLeave={() => setFocused(null)}
        onBlur={() => setFocused(null)}
      />
    );
  };

  return (
    <div className="space-y-4">
      <ul className="flex flex-wrap gap-x-5 gap-y-2 text-xs text-slate-700" aria-hidden>
        <li className="inline-flex items-center gap-2">
          <svg width="24" height="10">
            <line x1="0" y1="5" x2="24" y2="5" stroke={TEAM_COLOUR} strokeWidth="2.5" />
            <circle cx="12" cy="5" r="3.5" fill="white" stroke={TEAM_COLOUR} strokeWidth="2" />
          </svg>
          {t('levelHistory.team')}
        </li>
        <li className="inline-flex items-center gap-2">
          <svg width="24" height="10">
            <line x1="0" y1="5" x2="24" y2="5" stroke={CUSTOMER_COLOUR} strokeWidth="2.5" strokeDasharray="5 3" />
          </svg>
          {t('levelHistory.customer')}
        </li>
        <li className="inline-flex items-center gap-2">
          <svg width="12" height="12">
            <path d="M 6 1 L 11 6 L 6 11 L 1 6 Z" fill={CUSTOMER_COLOUR} />
          </svg>
          {t('levelHistory.answer')}
        </li>
      </ul>
      <div
        role="group"
        aria-label={t('levelHistory.chartLabel', {
          count: history.answers.length,
          team: describe(team.at(-1)?.y),
          customer: currentRun?.level ? describe(currentRun.level) : t('levelHistory.noFresh'),
        })}
        className="relative h-64 w-full"
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart margin={{ top: 10, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              allowDuplicatedCategory={false}
              tickFormatter={(value: number) => format.dateTime(new Date(value), { month: 'short', year: '2-digit' })}
              tick={{ fontSize: 11, fill: '#475569' }}
              tickLine={false}
              axisLine={{ stroke: '#cbd5e1' }}
              minTickGap={24}
            />
            <YAxis
              dataKey="y"
              type="number"
              domain={[0.5, 5.5]}
              ticks={[1, 2, 3, 4, 5]}
              width={wide ? 172 : 24}
              // One line per level: Recharts would wrap a long name at its own guess of the text's width.
              tick={(props: { x?: number | string; y?: number | string; payload?: { value: number } }) => (
                <text x={props.x} y={props.y} dy={4} textAnchor="end" fontSize={11} fill="#475569">
                  {props.payload ? (wide ? `${props.payload.value} ${levelName(props.payload.value)}` : String(props.payload.value)) : null}
                </text>
              )}
              tickLine={false}
              axisLine={false}
            />
            {customer.length > 0 ? (
              <Line
                data={customer}
                dataKey="y"
                name={t('levelHistory.customer')}
                type="stepAfter"
                stroke={CUSTOMER_COLOUR}
                strokeWidth={2.5}
                strokeDasharray="6 4"
                dot={false}
                activeDot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ) : null}
            {team.length > 0 ? (
              <Line
                data={team}
                dataKey="y"
                name={t('levelHistory.team')}
                type="stepAfter"
                stroke={TEAM_COLOUR}
                strokeWidth={2.5}
                dot={teamDot}
                activeDot={false}
                isAnimationActive={false}
              />
            ) : null}
            {answers.length > 0 ? (
              <Line
                data={answers}
                dataKey="y"
                name={t('levelHistory.answer')}
                stroke="none"
                dot={answerDot}
                activeDot={false}
                legendType="none"
                isAnimationActive={false}
              />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
        <MarkerLabel store={store} />
      </div>
      {history.hasEarlier ? (
        <p className="text-xs text-slate-600">{t('levelHistory.hasEarlier', { count: history.team.length + history.answers.length })}</p>
      ) : null}
      <HistoryTable history={history} now={now} answerStatus={answerStatus} />
    </div>
  );
}

type Row =
  | { kind: 'team'; key: string; at: Date; event: TeamEvent }
  | { kind: 'customer' | 'agedOut'; key: string; at: Date; level: number | null }
  | { kind: 'answer'; key: string; at: Date; answer: Answer };

/** The chart's facts as a table, newest first: team levels, customer level changes (including "no fresh answer") and answers. */
function HistoryTable({ history, now, answerStatus }: { history: History; now: number; answerStatus: (answer: Answer) => string }) {
  const t = useTranslations();
  const format = useFormatter();
  const rows: Row[] = [
    ...history.team.map((event) => ({ kind: 'team' as const, key: `team-${event.id}`, at: event.at, event })),
    ...history.runs
      .filter((run) => run.startsAt.getTime() <= now)
      .map((run) => ({
        kind: run.level === null ? ('agedOut' as const) : ('customer' as const),
        key: `run-${run.startsAt.toISOString()}`,
        at: run.startsAt,
        level: run.level,
      })),
    ...history.answers.map((answer) => ({ kind: 'answer' as const, key: `answer-${answer.id}`, at: answer.at, answer })),
  ];
  // Newest first; at the same instant an answer is listed before the level it moved.
  const order = { team: 0, customer: 1, agedOut: 1, answer: 2 };
  rows.sort((a, b) => b.at.getTime() - a.at.getTime() || order[a.kind] - order[b.kind]);
  const level = (row: Row) =>
    row.kind === 'team' ? (
      <LevelBadge level={row.event.level} />
    ) : row.kind === 'answer' ? (
      <LevelBadge level={row.answer.level} />
    ) : row.level === null ? (
      <span className="inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-300 ring-inset">
        {t('levelHistory.noFresh')}
      </span>
    ) : (
      <LevelBadge level={row.level} />
    );
  const cause = (row: Row) =>
    row.kind === 'team' ? (
      <>
        {row.event.recordedByName ? t('levelHistory.cause.team', { name: row.event.recordedByName }) : t('levelHistory.cause.teamUnknown')}
        {row.event.note ? <span className="block text-xs text-slate-600">{row.event.note}</span> : null}
      </>
    ) : row.kind === 'answer' ? (
      <>
        {row.answer.name ?? t('levelHistory.unnamed')}
        {row.answer.buyingRole ? (
          <span className="text-slate-600"> · {t(`contacts.buyingRoles.${row.answer.buyingRole}.name`)}</span>
        ) : null}
        <span className="block text-xs text-slate-600">{answerStatus(row.answer)}</span>
      </>
    ) : row.kind === 'agedOut' ? (
      t('levelHistory.cause.agedOut', { months: history.freshnessMonths })
    ) : (
      t('levelHistory.cause.customer')
    );
  const date = (row: Row) => <time dateTime={row.at.toISOString()}>{format.dateTime(row.at, { dateStyle: 'medium' })}</time>;

  return (
    <details className="group">
      <summary className="inline-flex cursor-pointer items-center rounded-md text-sm font-medium text-brand-700 hover:underline">
        <span className="group-open:hidden">{t('history.showTable')}</span>
        <span className="hidden group-open:inline">{t('history.hideTable')}</span>
      </summary>
      {/* Phones: one entry per line of the table, nothing to scroll sideways. */}
      <ul className="mt-3 divide-y divide-slate-200 sm:hidden" aria-label={t('history.tableCaption')}>
        {rows.map((row) => (
          <li key={row.key} className="space-y-1 py-2.5 text-sm">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="text-slate-600">{date(row)}</span>
              <span className="font-medium text-slate-800">{t(`levelHistory.kind.${row.kind}`)}</span>
              {level(row)}
            </div>
            <div className="text-slate-700">{cause(row)}</div>
          </li>
        ))}
      </ul>
      <div className="mt-3 hidden overflow-x-auto sm:block">
        <table className="w-full min-w-[32rem] text-left text-sm">
          <caption className="sr-only">{t('history.tableCaption')}</caption>
          <thead className="bg-slate-50 text-xs font-medium text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t('history.colDate')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('history.colSource')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('history.colLevel')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('history.colCause')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((row) => (
              <tr key={row.key} className={row.kind === 'answer' ? 'bg-slate-50/60' : undefined}>
                <td className="px-3 py-2 whitespace-nowrap text-slate-700">{date(row)}</td>
                <td className="px-3 py-2 text-slate-700">{t(`levelHistory.kind.${row.kind}`)}</td>
                <td className="px-3 py-2">{level(row)}</td>
                <td className="px-3 py-2 text-slate-700">{cause(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
