'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { CopyField } from '@/components/ui/copy-field';
import { Dialog } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { ACTION_TITLE_MAX } from '@/server/domain/actions';
import { AskConfirmationDialog } from './ask-confirmation-dialog';
import { BuyingRoleCoverage } from './buying-role-coverage';
import { ConfirmationLinkItem } from './confirmation-link-item';
import { CustomerLevelSummary } from './customer-level-summary';
import { StakeholderAnswer } from './stakeholder-answer';

type Overview = RouterOutputs['confirmation']['overview'];
type LinkRow = Overview['links'][number];
type IssuedLink = { url: string; emailQueued: boolean; name: string };

/**
 * The customer's voice on the account page: the customer level their answers combine into
 * (with the spread), what each stakeholder answered, and the links that ask them. Answers
 * arrive live: the page's account events refetch every query about this account.
 */
export function CustomerPanel({ accountId }: { accountId: string }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overviewKey = trpc.confirmation.overview.queryKey({ orgSlug: org.slug, accountId });
  const overview = useQuery(trpc.confirmation.overview.queryOptions({ orgSlug: org.slug, accountId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: overviewKey });
  const [issued, setIssued] = useState<IssuedLink | null>(null);

  /** Shows a change to one link at once; the server's answer replaces it (or it is rolled back). */
  const patchLink = async (linkId: string, patch: Partial<LinkRow>) => {
    await queryClient.cancelQueries({ queryKey: overviewKey });
    const previous = queryClient.getQueryData(overviewKey);
    queryClient.setQueryData(
      overviewKey,
      (data) => data && { ...data, links: data.links.map((link) => (link.id === linkId ? { ...link, ...patch } : link)) },
    );
    return { previous };
  };
  const rollback = (context: { previous?: Overview } | undefined) => {
    if (context?.previous) queryClient.setQueryData(overviewKey, context.previous);
  };

  const revoke = useMutation(
    trpc.confirmation.revoke.mutationOptions({
      onMutate: ({ linkId }) => patchLink(linkId, { status: 'revoked', revokedAt: new Date() }),
      onSuccess: () => toast.success(t('customer.revoked')),
      onError: (error, _input, context) => {
        rollback(context);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSettled: refresh,
    }),
  );
  const resend = useMutation(
    trpc.confirmation.resend.mutationOptions({
      onMutate: ({ linkId }) => patchLink(linkId, { status: 'revoked', revokedAt: new Date() }),
      onError: (error, _input, context) => {
        rollback(context);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSettled: refresh,
    }),
  );
  const planAction = useMutation(
    trpc.action.create.mutationOptions({
      onSuccess: () => {
        toast.success(t('customer.actionCreated'));
        void queryClient.invalidateQueries({ queryKey: trpc.action.list.pathKey() });
      },
      onError: (error) => toast.error(errorMessageOf(error, t('errors.network'))),
    }),
  );

  const nameOfLink = (link: LinkRow) => link.contactName ?? t('customer.unnamedRespondent');

  return (
    <Card>
      <CardHeader
        title={t('customer.title')}
        description={t('customer.subtitle')}
        action={org.can('member') ? <AskConfirmationDialog accountId={accountId} onCreated={refresh} /> : undefined}
      />
      {overview.isPending ? (
        <div className="space-y-3 px-4 py-5 sm:px-6">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : overview.isError ? (
        <div className="px-4 py-5 sm:px-6">
          <Alert tone="error">{errorMessageOf(overview.error, t('errors.network'))}</Alert>
        </div>
      ) : (
        <div className="space-y-6 px-4 py-5 sm:px-6">
          <CustomerLevelSummary data={overview.data} />

          <BuyingRoleCoverage accountId={accountId} />

          <section aria-labelledby={`${accountId}-answers`}>
            <h3 id={`${accountId}-answers`} className="text-sm font-semibold text-slate-900">
              {t('customer.stakeholders')}
            </h3>
            {overview.data.stakeholders.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('customer.noAnswers')}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
                {overview.data.stakeholders.map((answer) => (
                  <StakeholderAnswer
                    key={answer.id}
                    answer={answer}
                    freshnessMonths={overview.data.freshnessMonths}
                    planning={planAction.isPending}
                    onPlan={
                      org.can('member') && answer.moveUp
                        ? () =>
                            planAction.mutate({
                              orgSlug: org.slug,
                              accountId,
                              title: answer.moveUp!.slice(0, ACTION_TITLE_MAX),
                              // One level up from where the customer places the relationship today.
                              targetLevel: Math.min(5, (overview.data.customer.level ?? answer.level) + 1),
                            })
                        : undefined
                    }
                  />
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby={`${accountId}-links`}>
            <h3 id={`${accountId}-links`} className="text-sm font-semibold text-slate-900">
              {t('customer.links')}
            </h3>
            {overview.data.links.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('customer.noLinks')}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100">
                {overview.data.links.map((link) => (
                  <ConfirmationLinkItem
                    key={link.id}
                    link={link}
                    name={nameOfLink(link)}
                    canEdit={org.can('member')}
                    busy={resend.isPending}
                    onRevoke={() => revoke.mutate({ orgSlug: org.slug, linkId: link.id })}
                    onResend={() =>
                      resend.mutate(
                        { orgSlug: org.slug, linkId: link.id },
                        { onSuccess: (result) => setIssued({ url: result.url, emailQueued: result.emailQueued, name: nameOfLink(link) }) },
                      )
                    }
                  />
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
      <Dialog
        open={issued !== null}
        onOpenChange={(open) => !open && setIssued(null)}
        title={t('customer.resentTitle', { name: issued?.name ?? '' })}
        description={issued?.emailQueued ? t('customer.resentBody') : t('customer.resentNoEmail')}
      >
        {issued ? (
          <div className="space-y-4">
            <CopyField label={t('customer.linkLabel')} value={issued.url} hint={t('customer.linkOnce')} />
            <div className="flex justify-end">
              <Button onClick={() => setIssued(null)}>{t('customer.done')}</Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </Card>
  );
}
