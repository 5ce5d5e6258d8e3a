'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, Circle, FlaskConical, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { cn } from '@/lib/cn';

type Checklist = RouterOutputs['onboarding']['checklist'];
type StepKey = keyof Checklist['steps'];

const STEP_ORDER: readonly StepKey[] = ['accounts', 'team', 'assessment', 'confirmation'];

/**
 * The first steps of a new organization, at the top of its accounts page: each ticked from what
 * the organization has really done, each linking to where to do it. It goes away when all four
 * are done or when the person puts it away. Admins can load sample accounts to look around
 * first, and remove them again after confirming (the banner for that stays while they are there).
 */
export function NewcomerChecklist() {
  const t = useTranslations('onboarding');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const input = { orgSlug: org.slug };
  const checklistKey = trpc.onboarding.checklist.queryKey(input);
  const checklist = useQuery(trpc.onboarding.checklist.queryOptions(input));

  const dismiss = useMutation(
    trpc.onboarding.dismissChecklist.mutationOptions({
      onMutate: async () => {
        await queryClient.cancelQueries({ queryKey: checklistKey });
        const previous = queryClient.getQueryData(checklistKey);
        queryClient.setQueryData(checklistKey, (data) => (data ? { ...data, dismissed: true } : data));
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(checklistKey, context.previous);
        toast.error(errorMessageOf(error, tAll('errors.network')));
      },
    }),
  );
  // Samples change the accounts list, its filters, the dashboard: everything shown is refetched.
  const loadSamples = useMutation(
    trpc.onboarding.loadSampleAccounts.mutationOptions({
      onSuccess: ({ added }) => {
        toast.success(t('samples.loaded', { count: added }));
        void queryClient.invalidateQueries();
      },
      onError: (error) => toast.error(errorMessageOf(error, tAll('errors.network'))),
    }),
  );
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  // A refusal shows in the confirmation dialog, which stays open so the admin can try again.
  const removeSamples = useMutation(
    trpc.onboarding.removeSampleAccounts.mutationOptions({
      onSuccess: ({ removed }) => {
        toast.success(t('samples.removed', { count: removed }));
        setConfirmingRemoval(false);
        void queryClient.invalidateQueries();
      },
    }),
  );

  // Viewers cannot take these steps; while loading, the list below shows its own skeleton.
  if (!org.can('member') || !checklist.data) return null;
  const { steps, dismissed, sampleAccounts, firstAccountId } = checklist.data;
  const doneCount = STEP_ORDER.filter((key) => steps[key]).length;
  const isAdmin = org.can('admin');
  const busy = loadSamples.isPending || removeSamples.isPending;

  const sampleBanner =
    isAdmin && sampleAccounts > 0 ? (
      <div className="flex flex-col gap-3 rounded-lg bg-amber-50 px-4 py-3 ring-1 ring-amber-200 sm:flex-row sm:items-center sm:justify-between">
        <p className="flex items-start gap-2 text-sm text-amber-900">
          <FlaskConical className="mt-0.5 size-4 shrink-0" aria-hidden />
          {t('samples.present', { count: sampleAccounts })}
        </p>
        <Dialog
          open={confirmingRemoval}
          onOpenChange={(next) => {
            removeSamples.reset();
            setConfirmingRemoval(next);
          }}
          title={t('samples.confirmTitle', { count: sampleAccounts })}
          description={t('samples.confirmBody', { count: sampleAccounts })}
          trigger={
            <Button variant="secondary" size="sm" disabled={busy}>
              {removeSamples.isPending ? t('samples.removing') : t('samples.remove')}
            </Button>
          }
        >
          {removeSamples.error ? (
            <Alert tone="error" className="mb-4">
              {errorMessageOf(removeSamples.error, tAll('errors.network'))}
            </Alert>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button variant="secondary">{tAll('common.cancel')}</Button>
            </DialogClose>
            <Button variant="danger" disabled={removeSamples.isPending} onClick={() => removeSamples.mutate(input)}>
              {removeSamples.isPending ? t('samples.removing') : t('samples.confirm', { count: sampleAccounts })}
            </Button>
          </div>
        </Dialog>
      </div>
    ) : null;

  if (dismissed || doneCount === STEP_ORDER.length) return sampleBanner ? <div className="mb-6">{sampleBanner}</div> : null;

  const accountHref = firstAccountId ? `/${org.slug}/accounts/${firstAccountId}` : `/${org.slug}/accounts`;
  const links: Record<StepKey, string> = {
    accounts: `/${org.slug}/accounts/import`,
    team: `/${org.slug}/settings/members`,
    assessment: accountHref,
    confirmation: firstAccountId ? `${accountHref}#customer` : accountHref,
  };

  return (
    <section aria-labelledby={titleId} className="mb-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-4 sm:px-6">
        <div>
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {t('title')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('progress', { done: doneCount, total: STEP_ORDER.length })}</p>
        </div>
        <Button variant="ghost" size="sm" onClick={() => dismiss.mutate(input)} aria-label={t('dismiss')}>
          <X className="size-4" aria-hidden />
          <span className="hidden sm:inline">{t('dismissShort')}</span>
        </Button>
      </div>
      <ol className="divide-y divide-slate-100">
        {STEP_ORDER.map((key) => {
          const done = steps[key];
          return (
            <li key={key} className="flex items-start gap-3 px-4 py-3 sm:px-6">
              {done ? (
                <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden />
              ) : (
                <Circle className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden />
              )}
              {/* On a phone the link goes under the text, so the text keeps the width. */}
              <div className="flex min-w-0 flex-1 flex-col items-start gap-1 sm:flex-row sm:justify-between sm:gap-3">
                <div className="min-w-0">
                  <p className={cn('text-sm font-medium', done ? 'text-slate-600 line-through' : 'text-slate-900')}>
                    {t(`steps.${key}.title`)}
                    <span className="sr-only"> ({done ? t('done') : t('notDone')})</span>
                  </p>
                  {done ? null : <p className="mt-0.5 text-sm text-slate-600">{t(`steps.${key}.body`)}</p>}
                </div>
                {done ? null : (
                  <Link
                    href={links[key]}
                    className="-mx-2 shrink-0 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 hover:text-brand-800 sm:mx-0"
                  >
                    {t(`steps.${key}.link`)}
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {isAdmin ? (
        <div className="border-t border-slate-200 px-4 py-4 sm:px-6">
          {sampleBanner ?? (
            <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-slate-600">{t('samples.offer')}</p>
              <Button variant="secondary" size="sm" disabled={busy} onClick={() => loadSamples.mutate(input)}>
                <FlaskConical className="size-4" aria-hidden />
                {loadSamples.isPending ? t('samples.loading') : t('samples.load')}
              </Button>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
