'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { LevelBadge } from '@/components/levels/level-badge';
import { LEVELS, levelStyles, type Level } from '@/components/levels/levels';
import { RelativeTime } from '@/components/ui/relative-time';
import type { VoteSummary } from '@/server/domain/consensus';
import { Avatar, usePersonName, useSignalLabel, type Signal } from './shared';

export interface VoteView {
  id: string;
  voterUserId: string;
  voterName: string | null;
  level: number;
  rationale: string;
  evidence: string[];
  createdAt: Date;
}

/** Median, spread and how the votes spread over the five levels (a bar per level, with the count in text). */
export function VoteSummaryView({ summary }: { summary: VoteSummary }) {
  const t = useTranslations('assessments');
  const th = useTranslations('hierarchy');
  const format = useFormatter();
  const max = Math.max(1, ...LEVELS.map((level) => summary.distribution[level]));
  return (
    <div className="grid gap-4 rounded-lg bg-slate-50 p-4 sm:grid-cols-[auto_minmax(0,1fr)] sm:gap-8">
      <dl className="flex gap-6 sm:flex-col sm:gap-3">
        <div>
          <dt className="text-xs font-medium text-slate-600 uppercase">{t('median')}</dt>
          <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
            {summary.median === null ? '–' : format.number(summary.median, { maximumFractionDigits: 1 })}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-600 uppercase">{t('spread')}</dt>
          <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
            {summary.spread ?? '–'}
            {summary.spread !== null ? (
              <span className="ml-1.5 text-xs font-normal text-slate-600">
                {summary.spread === 0 ? t('spreadNone') : summary.spread >= 2 ? t('spreadWide') : t('spreadSome')}
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
      <div>
        <p className="mb-2 text-xs font-medium text-slate-600 uppercase">{t('distribution')}</p>
        <ul className="space-y-1.5">
          {LEVELS.map((level) => {
            const count = summary.distribution[level];
            return (
              <li key={level} className="grid grid-cols-[1.5rem_minmax(0,1fr)_2rem] items-center gap-2 text-xs">
                <span
                  className={`inline-flex size-5 items-center justify-center rounded text-[11px] font-semibold ${levelStyles[level].solid}`}
                  aria-hidden
                >
                  {level}
                </span>
                <span className="h-3 overflow-hidden rounded bg-white ring-1 ring-slate-200 ring-inset">
                  <span className={`block h-full ${levelStyles[level].solid}`} style={{ width: `${(count / max) * 100}%` }} />
                </span>
                <span className="text-right text-slate-700 tabular-nums">
                  {count}
                  <span className="sr-only"> {t('votesFor', { count, level: `${level} ${th(`levels.${level}.name`)}` })}</span>
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

/** Every vote after reveal: who, which level, why, and the evidence they ticked. */
export function VotesList({ votes, signalsById }: { votes: VoteView[]; signalsById: Map<string, Signal> }) {
  const t = useTranslations('assessments');
  const personName = usePersonName();
  const label = useSignalLabel();
  if (votes.length === 0) return <p className="text-sm text-slate-600">{t('noVotesYet')}</p>;
  return (
    <ul className="divide-y divide-slate-200">
      {votes.map((vote) => {
        const evidence = vote.evidence.map((id) => signalsById.get(id)).filter((s): s is Signal => Boolean(s));
        return (
          <li key={vote.id} className="flex gap-3 py-3 first:pt-0 last:pb-0">
            <Avatar name={personName(vote.voterName)} />
            <div className="min-w-0 flex-1 space-y-1.5">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="text-sm font-medium text-slate-900">{personName(vote.voterName)}</span>
                <LevelBadge level={vote.level} />
                <span className="text-xs text-slate-500">
                  <RelativeTime date={vote.createdAt} />
                </span>
              </div>
              <p className="text-sm whitespace-pre-line text-slate-700">{vote.rationale}</p>
              {evidence.length > 0 ? (
                <ul className="flex flex-wrap gap-1.5" aria-label={t('evidenceTickedBy', { name: personName(vote.voterName) })}>
                  {evidence.map((signal) => (
                    <li
                      key={signal.id}
                      className="inline-flex items-center gap-1 rounded-full bg-white px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200"
                    >
                      <span
                        className={`inline-flex size-3.5 items-center justify-center rounded-full text-[9px] font-semibold ${levelStyles[signal.level as Level].solid}`}
                        aria-hidden
                      >
                        {signal.level}
                      </span>
                      <span className="sr-only">{t('levelN', { level: signal.level })}: </span>
                      {label(signal)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
