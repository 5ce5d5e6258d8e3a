'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Switch } from 'radix-ui';
import { Check, EyeOff } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Avatar } from './shared';

/**
 * Starting a round: who is asked to vote (the account's owner and followers are ticked by
 * default; anyone with the member role may also join later by voting) and whether votes stay
 * hidden until reveal.
 */
export function StartAssessment({ accountId, currentUserId }: { accountId: string; currentUserId: string | null }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const candidates = useQuery(trpc.assessment.candidates.queryOptions({ orgSlug: org.slug, accountId }));
  // null until the person changes the selection: the suggestion stays in step with the list.
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [blind, setBlind] = useState(true);
  const [open, setOpen] = useState(false);

  const selected = chosen ?? new Set((candidates.data ?? []).filter((c) => c.suggested).map((c) => c.userId));

  const start = useMutation(
    trpc.assessment.start.mutationOptions({
      onSuccess: async () => {
        toast.success(t('assessments.started'));
        setOpen(false);
        setChosen(null);
        await queryClient.invalidateQueries({ queryKey: trpc.assessment.current.queryKey({ orgSlug: org.slug, accountId }) });
      },
      onError: (error) => toast.error(errorMessageOf(error, t('errors.network'))),
    }),
  );

  const toggle = (userId: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(userId);
    else next.delete(userId);
    setChosen(next);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate({ orgSlug: org.slug, accountId, voterUserIds: [...selected], blind });
  };

  if (!open) {
    return (
      <div className="flex flex-col items-start gap-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="max-w-prose space-y-1">
          <p className="text-sm font-medium text-slate-900">{t('assessments.noneOpenTitle')}</p>
          <p className="text-sm text-slate-600">{t('assessments.noneOpenBody')}</p>
        </div>
        <Button onClick={() => setOpen(true)}>{t('assessments.start')}</Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-5" aria-labelledby={`${id}-title`}>
      <div>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {t('assessments.startTitle')}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t('assessments.startBody')}</p>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t('assessments.whoIsAsked')}</legend>
        <p className="text-xs text-slate-600">{t('assessments.whoIsAskedHint')}</p>
        {candidates.isPending ? (
          <div className="space-y-2" aria-busy="true" aria-label={t('common.loading')}>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : candidates.data === undefined ? (
          <LoadError error={candidates.error} onRetry={() => candidates.refetch()} />
        ) : (
          <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
            {candidates.data.map((person) => {
              const isMe = person.userId === currentUserId;
              const inputId = `${id}-${person.userId}`;
              return (
                <li key={person.userId} className="flex items-center gap-3 px-3 py-2">
                  <Checkbox.Root
                    id={inputId}
                    checked={isMe || selected.has(person.userId)}
                    disabled={isMe || start.isPending}
                    onCheckedChange={(checked) => toggle(person.userId, checked === true)}
                    className="inline-flex size-4.5 shrink-0 items-center justify-center rounded bg-white ring-1 ring-slate-400 ring-inset data-[disabled]:opacity-60 data-[state=checked]:bg-brand-600 data-[state=checked]:ring-brand-600"
                  >
                    <Checkbox.Indicator>
                      <Check className="size-3.5 text-white" strokeWidth={3} aria-hidden />
                    </Checkbox.Indicator>
                  </Checkbox.Root>
                  <Avatar name={person.name} className="size-7" />
                  <label htmlFor={inputId} className="min-w-0 flex-1 text-sm">
                    <span className="block truncate font-medium text-slate-900">
                      {person.name} {isMe ? <span className="font-normal text-slate-500">({t('common.you')})</span> : null}
                    </span>
                    <span className="block truncate text-xs text-slate-600">
                      {[
                        person.isOwner ? t('assessments.accountOwner') : null,
                        person.isFollower ? t('assessments.follower') : null,
                        isMe ? t('assessments.alwaysAsked') : null,
                      ]
                        .filter(Boolean)
                        .join(' · ') || t(`roles.${person.role}.name`)}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>

      <div className="flex items-start gap-3 rounded-md bg-slate-50 p-3">
        <Switch.Root
          id={`${id}-blind`}
          checked={blind}
          onCheckedChange={setBlind}
          disabled={start.isPending}
          aria-describedby={`${id}-blind-hint`}
          className="relative mt-0.5 inline-flex h-5 w-9 shrink-0 items-center rounded-full bg-slate-300 transition-colors data-[state=checked]:bg-brand-600"
        >
          <Switch.Thumb className="block size-4 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.125rem]" />
        </Switch.Root>
        <div>
          <label htmlFor={`${id}-blind`} className="flex items-center gap-1.5 text-sm font-medium text-slate-900">
            <EyeOff className="size-4 text-slate-500" aria-hidden />
            {t('assessments.blindLabel')}
          </label>
          <p id={`${id}-blind-hint`} className="text-xs text-slate-600">
            {t('assessments.blindHint')}
          </p>
        </div>
      </div>

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={() => setOpen(false)} disabled={start.isPending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={start.isPending || candidates.isPending}>
          {start.isPending
            ? t('assessments.starting')
            : t('assessments.startWith', { count: new Set([...selected, ...(currentUserId ? [currentUserId] : [])]).size })}
        </Button>
      </div>
    </form>
  );
}
