'use client';

import { useQuery } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import { LevelBadge } from '@/components/levels/level-badge';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { cn } from '@/lib/cn';

type Outputs = RouterOutputs;
type Stakeholder = Outputs['confirmation']['overview']['stakeholders'][number];
type BuyingRole = Outputs['contact']['list'][number]['buyingRole'];

const ROLES: readonly BuyingRole[] = ['economic_buyer', 'user', 'technical', 'coach', 'other'];

interface RoleCoverage {
  role: BuyingRole;
  contacts: number;
  asked: number;
  answered: number;
  /** The newest answer of this role's current contacts, with whether it still counts. */
  latest: Stakeholder | null;
}

/** Team level minus one stakeholder's answer, with its sign: "+2" means the team rates higher. */
function signed(gap: number): string {
  return gap > 0 ? `+${gap}` : String(gap);
}

/**
 * Who has spoken at the account, per buying role: the contacts in that role, how many were asked
 * and answered, and how fresh the newest answer is; then each stakeholder's latest answer against
 * the team level. Reads the queries the account page already holds (contacts, the customer
 * overview, the account), so it costs no extra request.
 */
export function BuyingRoleCoverage({ accountId }: { accountId: string }) {
  const t = useTranslations('coverage');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const format = useFormatter();
  const now = useNow({ updateInterval: 60 * 60_000 }).getTime();
  const contacts = useQuery(trpc.contact.list.queryOptions({ orgSlug: org.slug, accountId }));
  const overview = useQuery(trpc.confirmation.overview.queryOptions({ orgSlug: org.slug, accountId }));
  const account = useQuery(trpc.account.get.queryOptions({ orgSlug: org.slug, accountId }));
  if (!contacts.data || !overview.data || !account.data) return null;

  const day = (date: Date) => format.dateTime(date, { dateStyle: 'medium' });
  const roleName = (role: BuyingRole) => tAll(`contacts.buyingRoles.${role}.name`);
  const teamLevel = account.data.teamLevel;
  const { stakeholders, links } = overview.data;
  const answerOf = new Map(stakeholders.filter((s) => s.contactId).map((s) => [s.contactId!, s]));
  // Asked: a link went to the contact and was not withdrawn unanswered.
  const askedIds = new Set(links.filter((l) => l.contactId && (l.status !== 'revoked' || l.lastAnsweredAt)).map((l) => l.contactId!));

  const coverage: RoleCoverage[] = ROLES.map((role) => {
    const people = contacts.data.filter((c) => c.buyingRole === role && !c.id.startsWith('pending-'));
    const answers = people.map((c) => answerOf.get(c.id)).filter((a): a is Stakeholder => a !== undefined);
    const latest = answers.reduce<Stakeholder | null>((acc, a) => (!acc || a.answeredAt > acc.answeredAt ? a : acc), null);
    return {
      role,
      contacts: people.length,
      asked: people.filter((c) => askedIds.has(c.id) || answerOf.has(c.id)).length,
      answered: answers.length,
      latest,
    };
  });
  const economicBuyer = coverage[0]!;
  const nameOf = (s: Stakeholder) => s.contactName ?? s.respondentName ?? tAll('levelHistory.unnamed');

  const latestText = (latest: Stakeholder | null) => {
    if (!latest) return <span className="text-slate-500">{t('none')}</span>;
    const fresh = latest.fresh && latest.countsUntil.getTime() > now;
    return (
      <span className="inline-flex flex-wrap items-center gap-1.5">
        <LevelBadge level={latest.level} compact />
        <span className={cn('text-xs', fresh ? 'text-slate-700' : 'text-amber-800')}>
          {fresh ? tAll('levelHistory.countsUntil', { date: day(latest.countsUntil) }) : `${t('stale')} ${day(latest.countsUntil)}`}
        </span>
      </span>
    );
  };

  return (
    <section aria-labelledby={`${accountId}-coverage`} className="space-y-3">
      <div>
        <h3 id={`${accountId}-coverage`} className="text-sm font-semibold text-slate-900">
          {t('title')}
        </h3>
        <p className="mt-0.5 text-sm text-slate-600">{t('subtitle')}</p>
      </div>

      {economicBuyer.contacts === 0 || economicBuyer.answered === 0 ? (
        <p className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          {economicBuyer.contacts === 0 ? t('ebMissing') : t('ebNotAsked')}
        </p>
      ) : null}

      {/* Phones: one card per role. */}
      <ul className="grid gap-2 sm:hidden" aria-label={t('caption')}>
        {coverage
          .filter((row) => row.contacts > 0)
          .map((row) => (
            <li key={row.role} className="rounded-lg p-3 ring-1 ring-slate-200">
              <p className="text-sm font-medium text-slate-900">{roleName(row.role)}</p>
              <dl className="mt-1 flex gap-4 text-xs text-slate-700">
                <div className="flex gap-1">
                  <dt>{t('colContacts')}</dt>
                  <dd className="font-semibold tabular-nums">{row.contacts}</dd>
                </div>
                <div className="flex gap-1">
                  <dt>{t('colAsked')}</dt>
                  <dd className="font-semibold tabular-nums">{row.asked}</dd>
                </div>
                <div className="flex gap-1">
                  <dt>{t('colAnswered')}</dt>
                  <dd className="font-semibold tabular-nums">{row.answered}</dd>
                </div>
              </dl>
              <div className="mt-1.5">{latestText(row.latest)}</div>
            </li>
          ))}
        {coverage.some((row) => row.contacts === 0) ? (
          <li className="px-1 text-xs text-slate-600">
            {t('noContactsIn', {
              roles: format.list(
                coverage.filter((row) => row.contacts === 0).map((row) => roleName(row.role)),
                { type: 'conjunction' },
              ),
            })}
          </li>
        ) : null}
      </ul>

      {/* Wider screens: the same as a table. */}
      <div className="hidden overflow-x-auto rounded-lg ring-1 ring-slate-200 sm:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="bg-slate-50 text-xs font-medium text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t('colRole')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t('colContacts')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t('colAsked')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t('colAnswered')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('colLatest')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {coverage.map((row) => (
              <tr key={row.role}>
                <th scope="row" className="px-3 py-2 font-medium text-slate-900">
                  {roleName(row.role)}
                </th>
                {row.contacts === 0 ? (
                  <td colSpan={4} className="px-3 py-2 text-slate-500">
                    {t('noContacts')}
                  </td>
                ) : (
                  <>
                    <td className="px-3 py-2 text-right text-slate-700 tabular-nums">{row.contacts}</td>
                    <td className="px-3 py-2 text-right text-slate-700 tabular-nums">{row.asked}</td>
                    <td className="px-3 py-2 text-right text-slate-700 tabular-nums">{row.answered}</td>
                    <td className="px-3 py-2">{latestText(row.latest)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {stakeholders.length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold text-slate-700">{t('stakeholders')}</h4>
          <p className="mt-0.5 text-xs text-slate-600">{teamLevel === null ? t('noTeamLevel') : t('gapHint')}</p>
          <ul className="mt-2 divide-y divide-slate-100" aria-label={t('stakeholdersCaption')}>
            {stakeholders.map((s) => {
              const gap = teamLevel === null ? null : teamLevel - s.level;
              const stale = !s.fresh || s.countsUntil.getTime() <= now;
              return (
                <li key={s.id} className={cn('flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm', stale && 'text-slate-500')}>
                  <span className="min-w-0 font-medium text-slate-900">{nameOf(s)}</span>
                  <span className="text-xs text-slate-600">{s.buyingRole ? roleName(s.buyingRole) : t('unnamed')}</span>
                  <LevelBadge level={s.level} compact />
                  {gap !== null ? (
                    <span
                      className={cn(
                        'rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ring-1 ring-inset',
                        gap > 0
                          ? 'bg-red-50 text-red-800 ring-red-200'
                          : gap < 0
                            ? 'bg-emerald-50 text-emerald-800 ring-emerald-200'
                            : 'bg-slate-100 text-slate-700 ring-slate-200',
                      )}
                      title={t('colGap')}
                    >
                      <span className="sr-only">{t('colGap')}: </span>
                      {signed(gap)}
                    </span>
                  ) : null}
                  {s.contactArchived ? (
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t('removed')}</span>
                  ) : stale ? (
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t('stale')}</span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
