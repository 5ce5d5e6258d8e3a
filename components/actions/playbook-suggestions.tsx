'use client';

import { useQuery } from '@tanstack/react-query';
import { ChevronDown, Lightbulb, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { LevelBadge } from '@/components/levels/level-badge';
import { useMethodText } from '@/components/playbook/localized';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import type { ActionPrefill } from './action-dialog';
import { useMethodActionTitle } from './method-action-title';

/**
 * The next step up from the account's effective level and the playbook's methods for it, each
 * one click from an action whose title says what to do on this account (editable before saving).
 */
export function PlaybookSuggestions({
  accountId,
  canEdit,
  onPlan,
}: {
  accountId: string;
  canEdit: boolean;
  onPlan: (prefill: ActionPrefill) => void;
}) {
  const t = useTranslations('actions');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const methodText = useMethodText();
  const titleFor = useMethodActionTitle(accountId);
  const suggestions = useQuery(trpc.playbook.suggestions.queryOptions({ orgSlug: org.slug, accountId }));
  // A phone lists the first method; the others open in place, so the level history stays within the first screen.
  const [allShown, setAllShown] = useState(false);
  const playbookLink = (
    <Link href={`/${org.slug}/settings/playbook`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
      {org.can('admin') ? t('editPlaybook') : t('seePlaybook')}
    </Link>
  );

  if (suggestions.isPending) {
    return (
      <div className="space-y-2" aria-busy="true" aria-label={tAll('common.loading')}>
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-10 w-full" />
      </div>
    );
  }
  if (suggestions.isError) {
    return <Alert tone="error">{errorMessageOf(suggestions.error, tAll('errors.network'))}</Alert>;
  }
  const { transition, methods, level, source } = suggestions.data;
  const headingId = `suggestions-${accountId}`;
  if (!transition) {
    return (
      <section aria-labelledby={headingId}>
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          {tAll('accounts.summary.nextStep')}
        </h3>
        <p className="mt-1 text-sm text-slate-700">{t('topLevel')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
          <Lightbulb className="hidden size-4 text-amber-600 sm:block" aria-hidden />
          {tAll('accounts.summary.nextStep')}
          <span className="inline-flex items-center gap-1">
            <LevelBadge level={transition.fromLevel} compact />
            <span aria-hidden>→</span>
            <span className="sr-only">{t('to')}</span>
            <LevelBadge level={transition.toLevel} />
          </span>
        </h3>
        <p className="hidden text-xs text-slate-600 sm:block">{playbookLink}</p>
      </div>
      <p className="mt-1 hidden text-xs text-slate-600 sm:block">
        {/* Coached from the effective level: the customer's where there is one, else the team's (marked). */}
        {level === null
          ? t('suggestedNotAssessed')
          : source === 'customer'
            ? tAll('coaching.fromCustomer', { from: transition.fromLevel, to: transition.toLevel })
            : tAll('coaching.fromTeam', { from: transition.fromLevel, to: transition.toLevel })}
      </p>
      {methods.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t('noSuggestions')}</p>
      ) : (
        <>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 sm:mt-3">
            {methods.map((method, index) => {
              const name = methodText.name(method);
              return (
                <li
                  key={method.id}
                  className={cn(
                    'items-center gap-3 px-3 py-2 sm:flex sm:items-start sm:py-2.5',
                    index === 0 || allShown ? 'flex' : 'hidden',
                  )}
                >
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-slate-900">{name}</p>
                    {/* Phones get the names only: the step up and the history stay within a screen. */}
                    <p className="mt-0.5 line-clamp-2 hidden text-xs text-slate-600 sm:block">{methodText.description(method)}</p>
                    {method.plannedCount > 0 ? (
                      <p className="mt-0.5 text-xs font-medium text-emerald-800">{t('plannedCount', { count: method.plannedCount })}</p>
                    ) : null}
                  </div>
                  {canEdit ? (
                    <Button
                      variant="secondary"
                      size="sm"
                      className="shrink-0"
                      aria-label={t('planThisNamed', { name })}
                      onClick={() => onPlan({ title: titleFor(method), methodId: method.id, targetLevel: transition.toLevel })}
                    >
                      <Plus className="size-4" aria-hidden />
                      {t('planThis')}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {methods.length > 1 ? (
            <button
              type="button"
              aria-expanded={allShown}
              onClick={() => setAllShown((shown) => !shown)}
              className="-mx-1 mt-1 inline-flex items-center gap-1 rounded-md px-1 py-0.5 text-xs font-medium text-brand-700 hover:text-brand-800 sm:hidden"
            >
              {allShown ? tAll('accounts.summary.fewerMethods') : tAll('accounts.summary.allMethods', { count: methods.length })}
              <ChevronDown className={cn('size-4 transition-transform', allShown && 'rotate-180')} aria-hidden />
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
