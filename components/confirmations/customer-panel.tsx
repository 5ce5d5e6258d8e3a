'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link2, MessageSquareQuote } from 'lucide-react';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { LevelBadge } from '@/components/levels/level-badge';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { CopyField } from '@/components/ui/copy-field';
import { Dialog } from '@/components/ui/dialog';
import { inputClass } from '@/components/ui/field';
import { RelativeTime } from '@/components/ui/relative-time';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { ACTION_TITLE_MAX } from '@/server/domain/actions';
import { CampaignMarker } from './campaign-marker';
import { BuyingRoleCoverage } from './buying-role-coverage';

type Overview = RouterOutputs['confirmation']['overview'];
type LinkRow = Overview['links'][number];
type Stakeholder = Overview['stakeholders'][number];
type IssuedLink = { url: string; emailQueued: boolean; name: string };

const statusStyle = {
  created: 'bg-slate-100 text-slate-700',
  sent: 'bg-sky-100 text-sky-900',
  opened: 'bg-amber-100 text-amber-900',
  answered: 'bg-emerald-100 text-emerald-900',
  expired: 'bg-slate-100 text-slate-600',
  revoked: 'bg-slate-100 text-slate-600',
} as const;

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
    queryClient.setQueryData(overviewKey, (data) => data && { ...data, links: data.links.map((link) => (link.id === linkId ? { ...link, ...patch } : link)) });
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
      <div id="customer" className="scroll-mt-20" />
      <CardHeader
        title={t('customer.title')}
        description={t('customer.subtitle')}
        action={org.can('member') ? <AskDialog accountId={accountId} onCreated={refresh} /> : undefined}
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
          <Summary data={overview.data} />

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
                  <LinkItem
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

/** The customer level, how many people it rests on and how far apart they are, and whether it is time to ask again. */
function Summary({ data }: { data: Overview }) {
  const t = useTranslations('customer');
  const { customer, freshnessMonths } = data;
  // Never answered is "not confirmed yet"; answered, but too long ago, is "time to ask again".
  const stale = data.needsReconfirmation && data.stakeholders.length > 0;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="text-sm font-medium text-slate-700">{t('level')}</span>
        <LevelBadge level={customer.level} />
        {customer.level !== null ? (
          <span className="text-sm text-slate-600">
            {t('respondents', { count: customer.respondents })}
            {customer.respondents > 1 ? ` · ${t('spread', { spread: customer.spread ?? 0 })}` : ''}
            {customer.latestAt ? (
              <>
                {' · '}
                {t('latestAnswer')} <RelativeTime date={customer.latestAt} />
              </>
            ) : null}
          </span>
        ) : null}
        {stale ? <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900">{t('reconfirm')}</span> : null}
      </div>
      <p className="text-sm text-slate-600">
        {stale ? t('reconfirmHint', { months: freshnessMonths }) : customer.level === null ? t('none', { months: freshnessMonths }) : t('medianHint', { months: freshnessMonths })}
      </p>
    </div>
  );
}

function StakeholderAnswer({ answer, freshnessMonths, planning, onPlan }: { answer: Stakeholder; freshnessMonths: number; planning: boolean; onPlan?: () => void }) {
  const t = useTranslations();
  const format = useFormatter();
  const name = answer.contactName ?? answer.respondentName ?? t('customer.unnamedRespondent');
  const title = answer.contactTitle ?? answer.respondentTitle;
  return (
    <li className="space-y-2 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={cn('font-medium text-slate-900', !answer.fresh && 'text-slate-600')}>{name}</span>
        {title ? <span className="text-slate-600">{title}</span> : null}
        {answer.buyingRole ? <span className="text-xs text-slate-600">{t(`contacts.buyingRoles.${answer.buyingRole}.name`)}</span> : null}
        <LevelBadge level={answer.level} />
        {answer.desiredLevel ? <span className="text-slate-600">{t('customer.wouldLike', { level: answer.desiredLevel })}</span> : null}
        <span className="text-slate-600">
          {t('customer.answeredOn')} <RelativeTime date={answer.answeredAt} />
          {answer.fresh ? ` · ${t('levelHistory.countsUntil', { date: format.dateTime(answer.countsUntil, { dateStyle: 'medium' }) })}` : null}
        </span>
        {!answer.fresh ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t('customer.stale', { months: freshnessMonths })}</span> : null}
        <CampaignMarker answer={answer} />
      </div>
      {answer.moveUp ? (
        <div className="flex flex-wrap items-start justify-between gap-3 rounded-md bg-slate-50 p-2.5">
          <p className="min-w-0 flex-1 text-slate-800">
            <MessageSquareQuote className="mr-1.5 inline size-4 text-slate-500" aria-hidden />
            <span className="sr-only">{t('customer.moveUp')}: </span>
            {answer.moveUp}
          </p>
          {onPlan ? (
            <Button size="sm" variant="secondary" disabled={planning} aria-label={t('customer.toActionFor', { name })} onClick={onPlan}>
              {t('customer.toAction')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {answer.comment ? <p className="whitespace-pre-wrap text-slate-700">{answer.comment}</p> : null}
    </li>
  );
}

function LinkItem({
  link,
  name,
  canEdit,
  busy,
  onRevoke,
  onResend,
}: {
  link: LinkRow;
  name: string;
  canEdit: boolean;
  busy: boolean;
  onRevoke: () => void;
  onResend: () => void;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const live = link.status !== 'expired' && link.status !== 'revoked';
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
      <Link2 className="size-4 text-slate-400" aria-hidden />
      <span className="font-medium text-slate-900">{name}</span>
      {link.contactArchived ? <span className="text-xs text-slate-600">({t('customer.contactArchived')})</span> : null}
      <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', statusStyle[link.status])}>{t(`customer.status.${link.status}`)}</span>
      <span className="text-slate-600">
        {link.language.toUpperCase()} · {t('customer.expiresOn', { date: format.dateTime(link.expiresAt, { dateStyle: 'medium' }) })}
        {link.createdByName ? ` · ${t('customer.createdBy', { name: link.createdByName })}` : ''}
      </span>
      {canEdit ? (
        <span className="ml-auto flex gap-1">
          {!link.contactArchived ? (
            <Button variant="ghost" size="sm" disabled={busy} aria-label={t('customer.resendFor', { name })} onClick={onResend}>
              {t('customer.resend')}
            </Button>
          ) : null}
          {live ? (
            <Button variant="ghost" size="sm" aria-label={t('customer.revokeFor', { name })} onClick={onRevoke}>
              {t('customer.revoke')}
            </Button>
          ) : null}
        </span>
      ) : null}
    </li>
  );
}

function AskDialog({ accountId, onCreated }: { accountId: string; onCreated: () => void }) {
  const t = useTranslations();
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const contacts = useQuery({ ...trpc.contact.list.queryOptions({ orgSlug: org.slug, accountId }), enabled: open });
  const [contactId, setContactId] = useState<string>('none');
  const [language, setLanguage] = useState<'en' | 'sv'>(locale === 'sv' ? 'sv' : 'en');
  const [days, setDays] = useState('30');
  const [message, setMessage] = useState('');
  const [override, setOverride] = useState(false);
  const create = useMutation(trpc.confirmation.create.mutationOptions({ onSuccess: onCreated }));
  const fieldErrors = fieldErrorsOf(create.error);
  const throttled = create.error?.data?.code === 'CONFLICT';

  function pickContact(id: string) {
    setContactId(id);
    setOverride(false);
    create.reset();
    const contact = contacts.data?.find((c) => c.id === id);
    // The page opens in the contact's language when we know it, else in the member's own.
    setLanguage(contact?.language === 'en' || contact?.language === 'sv' ? contact.language : locale === 'sv' ? 'sv' : 'en');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      orgSlug: org.slug,
      accountId,
      contactId: contactId === 'none' ? null : contactId,
      language,
      expiresInDays: Number(days) || 0,
      personalMessage: message || undefined,
      override,
    });
  }

  function close(next: boolean) {
    setOpen(next);
    if (!next) {
      create.reset();
      setMessage('');
      setOverride(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={close} title={t('customer.askTitle')} description={t('customer.askBody')} trigger={<Button>{t('customer.ask')}</Button>}>
      {create.data ? (
        <div className="space-y-4">
          <Alert tone="success">
            <p className="font-medium">{t('customer.linkCreated')}</p>
            <p className="mt-1">{create.data.emailQueued ? t('customer.linkEmailed') : t('customer.linkNotEmailed')}</p>
          </Alert>
          <CopyField label={t('customer.linkLabel')} value={create.data.url} hint={t('customer.linkOnce')} />
          <div className="flex justify-end">
            <Button onClick={() => close(false)}>{t('customer.done')}</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          {create.error && Object.keys(fieldErrors).length === 0 ? <Alert tone={throttled ? 'warning' : 'error'}>{errorMessageOf(create.error, t('errors.network'))}</Alert> : null}
          <div className="space-y-1.5">
            <label htmlFor="confirm-recipient" className="block text-sm font-medium text-slate-800">
              {t('customer.recipient')}
            </label>
            <Select
              id="confirm-recipient"
              value={contactId}
              onValueChange={pickContact}
              options={[
                ...(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name, description: c.email ?? undefined })),
                { value: 'none', label: t('customer.unnamed') },
              ]}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1.5">
              <label htmlFor="confirm-language" className="block text-sm font-medium text-slate-800">
                {t('customer.language')}
              </label>
              <Select
                id="confirm-language"
                value={language}
                onValueChange={(v) => setLanguage(v as 'en' | 'sv')}
                options={[
                  { value: 'en', label: t('common.languageName.en') },
                  { value: 'sv', label: t('common.languageName.sv') },
                ]}
              />
            </div>
            <div className="space-y-1.5">
              <label htmlFor="confirm-days" className="block text-sm font-medium text-slate-800">
                {t('customer.expiresIn')}
              </label>
              <input
                id="confirm-days"
                type="number"
                inputMode="numeric"
                min={1}
                max={180}
                value={days}
                onChange={(e) => setDays(e.target.value)}
                aria-invalid={fieldErrors.expiresInDays ? true : undefined}
                aria-describedby={fieldErrors.expiresInDays ? 'confirm-days-error' : undefined}
                className={inputClass}
              />
              {fieldErrors.expiresInDays ? (
                <p id="confirm-days-error" className="text-sm text-red-700">
                  {fieldErrors.expiresInDays}
                </p>
              ) : null}
            </div>
          </div>
          <div className="space-y-1.5">
            <label htmlFor="confirm-message" className="block text-sm font-medium text-slate-800">
              {t('customer.message')}
            </label>
            <textarea
              id="confirm-message"
              rows={3}
              maxLength={1000}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              aria-invalid={fieldErrors.personalMessage ? true : undefined}
              aria-describedby="confirm-message-hint"
              className={inputClass}
            />
            <p id="confirm-message-hint" className={cn('text-sm', fieldErrors.personalMessage ? 'text-red-700' : 'text-slate-600')}>
              {fieldErrors.personalMessage ?? t('customer.messageHint')}
            </p>
          </div>
          {throttled ? (
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} className="size-4 accent-brand-600" />
              {t('customer.override')}
            </label>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t('customer.creating') : t('customer.create')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
