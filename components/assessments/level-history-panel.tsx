'use client';

import { useQuery } from '@tanstack/react-query';
import { LineChart as LineChartIcon } from 'lucide-react';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import { useMemo, useSyncExternalStore } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LevelBadge } from '@/components/levels/level-badge';
import type { Level } from '@/components/levels/levels';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

/** Line colours for the two sources; told apart by dash pattern too, never by colour alone. */
const TEAM_COLOUR = '#4f46e5';
const CUSTOMER_COLOUR = '#be185d';

interface HistoryEvent {
  id: string;
  source: 'team' | 'customer';
  level: number;
  effectiveAt: Date;
  assessmentId: string | null;
  contactName: string | null;
  recordedByName: string | null;
  note: string | null;
}

interface Point {
  t: number;
  team: number | null;
  customer: number | null;
  /** Which source changed at this point (the carried-forward value of the other draws no dot). */
  changed: Array<'team' | 'customer'>;
}

/**
 * Turns the events into one series per source, each level held until the next event of the
 * same source (a step line), extended to today so the current level reads as "still true".
 */
function toPoints(events: HistoryEvent[], now: number): Point[] {
  const points: Point[] = [];
  let team: number | null = null;
  let customer: number | null = null;
  for (const event of events) {
    if (event.source === 'team') team = event.level;
    else customer = event.level;
    const t = event.effectiveAt.getTime();
    const last = points.at(-1);
    if (last && last.t === t) {
      Object.assign(last, { team, customer, changed: [...last.changed, event.source] });
    } else {
      points.push({ t, team, customer, changed: [event.source] });
    }
  }
  const last = points.at(-1);
  if (last && now > last.t) points.push({ t: now, team, customer, changed: [] });
  return points;
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

/** The account's levels over time: team and customer as step lines on the 1–5 scale, and the same facts as a table. */
export function LevelHistoryPanel({ accountId }: { accountId: string }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const history = useQuery(trpc.assessment.history.queryOptions({ orgSlug: org.slug, accountId }));

  return (
    <Card>
      <CardHeader title={t('history.title')} description={t('history.subtitle')} />
      <div className="px-4 py-5 sm:px-6">
        {history.isPending ? (
          <div aria-busy="true" aria-label={t('common.loading')}>
            <Skeleton className="h-64 w-full" />
          </div>
        ) : history.data === undefined ? (
          <Alert tone="error">
            {errorMessageOf(history.error, t('errors.network'))}{' '}
            <button type="button" className="font-medium underline" onClick={() => history.refetch()}>
              {t('common.retry')}
            </button>
          </Alert>
        ) : history.data.events.length === 0 ? (
          <div className="flex flex-col items-center px-4 py-8 text-center">
            <LineChartIcon className="mb-3 size-8 text-slate-400" aria-hidden />
            <p className="text-sm font-medium text-slate-900">{t('history.emptyTitle')}</p>
            <p className="mt-1 max-w-prose text-sm text-slate-600">{t('history.emptyBody')}</p>
          </div>
        ) : (
          <HistoryView events={history.data.events} hasEarlier={history.data.hasEarlier} />
        )}
      </div>
    </Card>
  );
}

function HistoryView({ events, hasEarlier }: { events: HistoryEvent[]; hasEarlier: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const now = useNow({ updateInterval: 60 * 60_000 }).getTime();
  const wide = useWide();
  const points = useMemo(() => toPoints(events, now), [events, now]);
  const latest = points.at(-1);
  const levelName = (level: number) => t(`hierarchy.levels.${level as Level}.name`);
  const describe = (level: number | null | undefined) => (level ? `${level} ${levelName(level)}` : t('hierarchy.noLevel'));
  const hasCustomer = events.some((e) => e.source === 'customer');
  const hasTeam = events.some((e) => e.source === 'team');

  const dot = (source: 'team' | 'customer', colour: string) =>
    function EventDot(props: { cx?: number; cy?: number; payload?: Point; index?: number }) {
      const show = props.payload?.changed.includes(source) && props.cx !== undefined && props.cy !== undefined;
      return <circle key={`${source}-${props.index}`} cx={props.cx} cy={props.cy} r={show ? 4 : 0} fill="white" stroke={colour} strokeWidth={2} />;
    };

  return (
    <div className="space-y-4">
      <ul className="flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden>
        {hasTeam ? (
          <li className="inline-flex items-center gap-2">
            <svg width="24" height="8">
              <line x1="0" y1="4" x2="24" y2="4" stroke={TEAM_COLOUR} strokeWidth="2.5" />
            </svg>
            {t('history.team')}
          </li>
        ) : null}
        {hasCustomer ? (
          <li className="inline-flex items-center gap-2">
            <svg width="24" height="8">
              <line x1="0" y1="4" x2="24" y2="4" stroke={CUSTOMER_COLOUR} strokeWidth="2.5" strokeDasharray="5 3" />
            </svg>
            {t('history.customer')}
          </li>
        ) : null}
      </ul>
      <div role="img" aria-label={t('history.chartLabel', { count: events.length, team: describe(latest?.team), customer: describe(latest?.customer) })} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(value: number) => format.dateTime(new Date(value), { month: 'short', year: '2-digit' })}
              tick={{ fontSize: 11, fill: '#475569' }}
              tickLine={false}
              axisLine={{ stroke: '#cbd5e1' }}
              minTickGap={24}
            />
            <YAxis
              type="number"
              domain={[0.5, 5.5]}
              ticks={[1, 2, 3, 4, 5]}
              tickFormatter={(value: number) => (wide ? `${value} ${levelName(value)}` : String(value))}
              width={wide ? 172 : 24}
              tick={{ fontSize: 11, fill: '#475569' }}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip content={(props) => <ChartTooltip active={props.active} point={props.payload?.[0]?.payload as Point | undefined} describe={describe} />} />
            {hasTeam ? (
              <Line dataKey="team" name={t('history.team')} type="stepAfter" stroke={TEAM_COLOUR} strokeWidth={2.5} dot={dot('team', TEAM_COLOUR)} activeDot={false} isAnimationActive={false} />
            ) : null}
            {hasCustomer ? (
              <Line
                dataKey="customer"
                name={t('history.customer')}
                type="stepAfter"
                stroke={CUSTOMER_COLOUR}
                strokeWidth={2.5}
                strokeDasharray="6 4"
                dot={dot('customer', CUSTOMER_COLOUR)}
                activeDot={false}
                isAnimationActive={false}
              />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {hasEarlier ? <p className="text-xs text-slate-600">{t('history.hasEarlier', { count: events.length })}</p> : null}
      <HistoryTable events={events} />
    </div>
  );
}

function ChartTooltip({ active, point, describe }: { active?: boolean; point: Point | undefined; describe: (level: number | null | undefined) => string }) {
  const t = useTranslations('history');
  const format = useFormatter();
  if (!active || !point) return null;
  return (
    <div className="rounded-md bg-white px-3 py-2 text-xs shadow-lg ring-1 ring-slate-200">
      <p className="font-medium text-slate-900">{format.dateTime(new Date(point.t), { dateStyle: 'medium' })}</p>
      {point.team !== null ? (
        <p className="text-slate-700">
          {t('team')}: {describe(point.team)}
        </p>
      ) : null}
      {point.customer !== null ? (
        <p className="text-slate-700">
          {t('customer')}: {describe(point.customer)}
        </p>
      ) : null}
    </div>
  );
}

/** The chart's facts as a table, newest first: for screen readers, and for anyone who wants the exact dates. */
function HistoryTable({ events }: { events: HistoryEvent[] }) {
  const t = useTranslations();
  const format = useFormatter();
  const rows = [...events].reverse();
  return (
    <details className="group">
      <summary className="inline-flex cursor-pointer items-center rounded-md text-sm font-medium text-brand-700 hover:underline">
        <span className="group-open:hidden">{t('history.showTable')}</span>
        <span className="hidden group-open:inline">{t('history.hideTable')}</span>
      </summary>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full min-w-[32rem] text-left text-sm">
          <caption className="sr-only">{t('history.tableCaption')}</caption>
          <thead className="bg-slate-50 text-xs font-medium text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">{t('history.colDate')}</th>
              <th scope="col" className="px-3 py-2">{t('history.colSource')}</th>
              <th scope="col" className="px-3 py-2">{t('history.colLevel')}</th>
              <th scope="col" className="px-3 py-2">{t('history.colCause')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((event) => (
              <tr key={event.id}>
                <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                  <time dateTime={event.effectiveAt.toISOString()}>{format.dateTime(event.effectiveAt, { dateStyle: 'medium' })}</time>
                </td>
                <td className="px-3 py-2 text-slate-700">{event.source === 'team' ? t('history.team') : t('history.customer')}</td>
                <td className="px-3 py-2">
                  <LevelBadge level={event.level} />
                </td>
                <td className="px-3 py-2 text-slate-700">
                  {event.source === 'team'
                    ? event.recordedByName
                      ? t('history.causeAssessment', { name: event.recordedByName })
                      : t('history.causeAssessmentUnknown')
                    : event.contactName
                      ? t('history.causeCustomer', { name: event.contactName })
                      : t('history.causeCustomerUnknown')}
                  {event.note ? <span className="block text-xs text-slate-600">{event.note}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
