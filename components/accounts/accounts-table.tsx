'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { EffectiveLevelBadge, LevelBadge, LevelPair } from '@/components/levels/level-badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { cn } from '@/lib/cn';
import { STALE_AFTER_DAYS } from '@/server/domain/accounts';
import { EconomicBuyerBadge } from './economic-buyer-badge';
import { useAccountFormat } from './format';
import type { AccountListRow } from './types';

const STALE_MS = STALE_AFTER_DAYS * 86_400_000;

/**
 * Assessed, but longer ago than 180 days ("Never" already says enough for the others).
 * `now` is when the list was fetched, so rendering stays pure.
 */
function isStale(row: AccountListRow, now: number): boolean {
  return row.teamLevelAt !== null && now - new Date(row.teamLevelAt).getTime() > STALE_MS;
}

function Badge({ children, tone, title }: { children: string; tone: 'slate' | 'amber'; title?: string }) {
  return (
    <span
      title={title}
      className={cn(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        tone === 'amber' ? 'bg-amber-50 text-amber-900 ring-amber-200' : 'bg-slate-100 text-slate-700 ring-slate-200',
      )}
    >
      {children}
    </span>
  );
}

function Target({ row }: { row: AccountListRow }) {
  const t = useTranslations('accounts');
  const { calendarDate } = useAccountFormat();
  if (row.targetLevel === null) return <span className="text-slate-500">{t('noTarget')}</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <LevelBadge level={row.targetLevel} compact />
      {row.targetDate ? (
        <span className="text-xs text-slate-600">{t('targetBy', { date: calendarDate(row.targetDate) ?? '' })}</span>
      ) : null}
    </span>
  );
}

function LastAssessed({ row, now }: { row: AccountListRow; now: number }) {
  const t = useTranslations('accounts');
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {row.teamLevelAt ? <RelativeTime date={row.teamLevelAt} /> : <span className="text-slate-500">{t('never')}</span>}
      {isStale(row, now) && !row.archivedAt ? (
        <Badge tone="amber" title={t('staleTitle')}>
          {t('staleBadge')}
        </Badge>
      ) : null}
    </span>
  );
}

/** `cover`: the link's click area spans the whole (relatively positioned) card. */
function NameCell({ row, href, cover = false }: { row: AccountListRow; href: string; cover?: boolean }) {
  const t = useTranslations('accounts');
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={href}
          className={cn(
            'font-medium text-slate-900 hover:text-brand-700',
            cover && 'after:absolute after:inset-0 focus-visible:outline-none',
          )}
        >
          {row.name}
        </Link>
        {row.archivedAt ? <Badge tone="slate">{t('archivedBadge')}</Badge> : null}
        {row.sample ? (
          <Badge tone="amber" title={t('sampleTitle')}>
            {t('sampleBadge')}
          </Badge>
        ) : null}
      </div>
      {row.domain ? <p className="truncate text-xs text-slate-600">{row.domain}</p> : null}
    </div>
  );
}

/** Rows a member ticked, e.g. to ask exactly those accounts' contacts in a campaign. */
export interface AccountSelection {
  selected: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  onTogglePage: (on: boolean) => void;
}

function SelectBox({
  checked,
  label,
  onChange,
  className,
}: {
  checked: boolean | 'mixed';
  label: string;
  onChange: (on: boolean) => void;
  className?: string;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked === true}
      ref={(el) => {
        if (el) el.indeterminate = checked === 'mixed';
      }}
      onChange={(e) => onChange(e.target.checked)}
      className={cn('size-4 accent-brand-600', className)}
    />
  );
}

/** The accounts as a table on wider screens and as cards on a phone; every row opens the account. */
export function AccountsTable({
  rows,
  orgSlug,
  caption,
  now,
  selection,
}: {
  rows: AccountListRow[];
  orgSlug: string;
  caption: string;
  now: number;
  selection?: AccountSelection;
}) {
  const t = useTranslations('accounts');
  const tc = useTranslations('campaigns');
  const pageSelected = rows.filter((row) => selection?.selected.has(row.id)).length;
  const pageState = pageSelected === 0 ? false : pageSelected === rows.length ? true : ('mixed' as const);
  const { money } = useAccountFormat();
  const router = useRouter();
  const href = (row: AccountListRow) => `/${orgSlug}/accounts/${row.id}`;
  const cardFocus =
    'relative has-[a:focus-visible]:outline-2 has-[a:focus-visible]:-outline-offset-2 has-[a:focus-visible]:outline-brand-600';

  return (
    <>
      <ul className="divide-y divide-slate-200 md:hidden" aria-label={caption}>
        {rows.map((row) => (
          <li key={row.id} className={cn(cardFocus, 'space-y-2 px-4 py-3 hover:bg-slate-50', selection && 'pr-12')}>
            {selection ? (
              <SelectBox
                checked={selection.selected.has(row.id)}
                label={tc('selectAccount', { name: row.name })}
                onChange={(on) => selection.onToggle(row.id, on)}
                className="absolute top-3.5 right-4 z-10"
              />
            ) : null}
            <NameCell row={row} href={href(row)} cover />
            <LevelPair teamLevel={row.teamLevel} customerLevel={row.customerLevel} compact />
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="text-xs text-slate-600">{t('columns.effective')}</span>
              <EffectiveLevelBadge level={row.effectiveLevel} source={row.effectiveSource} compact />
              {row.economicBuyerDissent ? <EconomicBuyerBadge /> : null}
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs">
              <div>
                <dt className="text-slate-500">{t('columns.owner')}</dt>
                <dd className="truncate text-slate-800">{row.ownerName ?? t('noOwner')}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t('columns.lastAssessed')}</dt>
                <dd className="text-slate-800">
                  <LastAssessed row={row} now={now} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t('columns.target')}</dt>
                <dd>
                  <Target row={row} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t('columns.revenue')}</dt>
                <dd className="text-slate-800">{money(row.annualRevenue, row.currency, { compact: true }) ?? '–'}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>

      {/* Scrolls sideways rather than clipping when a long language or a narrow window leaves it short of room. */}
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
            <tr>
              {selection ? (
                <th scope="col" className="w-10 py-2.5 pl-6">
                  <SelectBox checked={pageState} label={tc('selectPage')} onChange={selection.onTogglePage} />
                </th>
              ) : null}
              <th scope="col" className={cn('py-2.5 pr-3', selection ? 'pl-3' : 'pl-6')}>
                {t('columns.account')}
              </th>
              <th scope="col" className="hidden px-3 py-2.5 2xl:table-cell">
                {t('columns.segment')}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t('columns.owner')}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t('columns.levels')}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t('columns.effective')}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t('columns.target')}
              </th>
              <th scope="col" className="px-3 py-2.5">
                {t('columns.lastAssessed')}
              </th>
              <th scope="col" className="py-2.5 pr-6 pl-3 text-right">
                {t('columns.revenue')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {rows.map((row) => (
              <tr
                key={row.id}
                // A mouse click anywhere on the row opens the account; keyboard users reach the same page through the name's link.
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a, button, input') || window.getSelection()?.toString()) return;
                  router.push(href(row));
                }}
                className={cn('cursor-pointer hover:bg-slate-50', row.archivedAt && 'text-slate-500')}
              >
                {selection ? (
                  <td className="w-10 py-3 pl-6">
                    <SelectBox
                      checked={selection.selected.has(row.id)}
                      label={tc('selectAccount', { name: row.name })}
                      onChange={(on) => selection.onToggle(row.id, on)}
                    />
                  </td>
                ) : null}
                <td className={cn('max-w-72 py-3 pr-3', selection ? 'pl-3' : 'pl-6')}>
                  <NameCell row={row} href={href(row)} />
                </td>
                <td className="hidden px-3 py-3 text-slate-700 2xl:table-cell">{row.segment ?? '–'}</td>
                <td className="px-3 py-3 text-slate-700">{row.ownerName ?? <span className="text-slate-500">{t('noOwner')}</span>}</td>
                <td className="px-3 py-3">
                  <LevelPair teamLevel={row.teamLevel} customerLevel={row.customerLevel} compact nowrap />
                  {row.economicBuyerDissent ? <EconomicBuyerBadge className="mt-1.5" /> : null}
                </td>
                <td className="px-3 py-3">
                  <EffectiveLevelBadge level={row.effectiveLevel} source={row.effectiveSource} compact />
                </td>
                <td className="px-3 py-3">
                  <Target row={row} />
                </td>
                <td className="px-3 py-3 text-slate-700">
                  <LastAssessed row={row} now={now} />
                </td>
                <td className="py-3 pr-6 pl-3 text-right whitespace-nowrap text-slate-800 tabular-nums">
                  <span title={money(row.annualRevenue, row.currency) ?? undefined}>
                    {money(row.annualRevenue, row.currency, { compact: true }) ?? '–'}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
