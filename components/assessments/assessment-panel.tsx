'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Eye, EyeOff, Radio } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { LevelBadge } from '@/components/levels/level-badge';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { ClosedAssessments } from './closed-assessments';
import { CloseForm, emptyCloseDraft, type CloseDraft } from './close-form';
import { Avatar, usePersonName, useSignals } from './shared';
import { StartAssessment } from './start-assessment';
import { useAccountEvents } from './use-account-events';
import { emptyVoteDraft, VoteForm, type VoteDraft } from './vote-form';
import { VotesList, VoteSummaryView } from './votes-list';

/**
 * The team assessment of an account, the heart of a review meeting: start a round, vote blind,
 * reveal, agree on the team level, close. Teammates on the same page see each step live.
 */
export function AssessmentPanel({ accountId }: { accountId: string }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  // Live updates for the whole account page (and polling while they are down) start here.
  const { polling } = useAccountEvents(accountId);
  const current = useQuery(trpc.assessment.current.queryOptions({ orgSlug: org.slug, accountId }));
  const me = useQuery(trpc.me.get.queryOptions());
  const signals = useSignals();

  return (
    <Card>
      <CardHeader
        title={t('assessments.title')}
        description={t('assessments.subtitle')}
        action={
          polling ? (
            <span className="inline-flex items-center gap-1.5 text-xs text-amber-800" role="status">
              <Radio className="size-3.5" aria-hidden />
              {t('assessments.liveReconnecting')}
            </span>
          ) : null
        }
      />
      <div className="space-y-6 px-4 py-5 sm:px-6">
        {current.isPending ? (
          <div className="space-y-3" aria-busy="true" aria-label={t('common.loading')}>
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : current.data === undefined ? (
          <LoadError error={current.error} onRetry={() => current.refetch()} />
        ) : current.data === null ? (
          org.can('member') ? (
            <StartAssessment accountId={accountId} currentUserId={me.data?.user.id ?? null} />
          ) : (
            <p className="text-sm text-slate-600">{t('assessments.noneOpenViewer')}</p>
          )
        ) : (
          <OpenAssessment key={current.data.id} assessment={current.data} accountId={accountId} signals={signals} />
        )}

        <section aria-labelledby={`closed-${accountId}`} className="space-y-3">
          <h3 id={`closed-${accountId}`} className="text-sm font-semibold text-slate-900">
            {t('assessments.closedTitle')}
          </h3>
          <ClosedAssessments accountId={accountId} signalsById={signals.byId} />
        </section>
      </div>
    </Card>
  );
}

type Current = NonNullable<RouterOutputs['assessment']['current']>;

function OpenAssessment({
  assessment,
  accountId,
  signals,
}: {
  assessment: Current;
  accountId: string;
  signals: ReturnType<typeof useSignals>;
}) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const personName = usePersonName();
  const currentKey = trpc.assessment.current.queryKey({ orgSlug: org.slug, accountId });
  // Drafts live here, not in the forms: a refused save brings the form back with everything typed.
  const [voteDraft, setVoteDraft] = useState<VoteDraft>(emptyVoteDraft);
  const [closeDraft, setCloseDraft] = useState<CloseDraft>(emptyCloseDraft);

  /** Shows a change at once; puts the previous state back if the server refuses. */
  const optimistic = async (change: (data: Current) => Current | null) => {
    await queryClient.cancelQueries({ queryKey: currentKey });
    const previous = queryClient.getQueryData(currentKey);
    queryClient.setQueryData(currentKey, (data) => (data ? change(data) : data));
    return { previous };
  };
  const rollback = (context: { previous: Current | null | undefined } | undefined) => {
    if (context) queryClient.setQueryData(currentKey, context.previous);
  };
  const refresh = () =>
    queryClient.invalidateQueries({
      predicate: (q) => (q.queryKey[1] as { input?: { accountId?: unknown } } | undefined)?.input?.accountId === accountId,
    });

  const vote = useMutation(
    trpc.assessment.vote.mutationOptions({
      onMutate: ({ level, rationale, evidence }) =>
        optimistic((data) => {
          const mine = {
            id: 'pending',
            voterUserId: data.viewer.userId,
            voterName: null,
            level,
            rationale,
            evidence: evidence ?? [],
            createdAt: new Date(),
          };
          const asked = data.voters.some((v) => v.userId === data.viewer.userId);
          return {
            ...data,
            voteCount: data.voteCount + 1,
            myVote: { level, rationale, evidence: evidence ?? [], createdAt: mine.createdAt },
            votes: [...data.votes, mine],
            voters: asked
              ? data.voters.map((v) => (v.userId === data.viewer.userId ? { ...v, hasVoted: true, votedAt: mine.createdAt } : v))
              : [...data.voters, { userId: data.viewer.userId, name: null, hasVoted: true, votedAt: mine.createdAt, canVote: true }],
            viewer: { ...data.viewer, hasVoted: true, canVote: false, isAsked: true },
          };
        }),
      onError: (error, _input, context) => {
        rollback(context);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSuccess: (result) => {
        setVoteDraft(emptyVoteDraft);
        toast.success(result.revealed ? t('assessments.votedAndRevealed') : t('assessments.voted'));
      },
      onSettled: refresh,
    }),
  );

  const reveal = useMutation(
    trpc.assessment.reveal.mutationOptions({
      onMutate: () => optimistic((data) => ({ ...data, status: 'revealed', votesVisible: true, revealedAt: new Date() })),
      onError: (error, _input, context) => {
        rollback(context);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSuccess: () => toast.success(t('assessments.revealed')),
      onSettled: refresh,
    }),
  );

  const close = useMutation(
    trpc.assessment.close.mutationOptions({
      onMutate: () => optimistic(() => null),
      onError: (error, _input, context) => {
        rollback(context);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSuccess: (result) => toast.success(t('assessments.closed', { level: result.teamLevel })),
      onSettled: refresh,
    }),
  );

  const summary = assessment.summary;
  const waitingFor = assessment.voters.filter((v) => v.canVote && !v.hasVoted);
  const canReveal = assessment.viewer.canManage && !assessment.votesVisible && assessment.voteCount > 0;
  const canClose =
    assessment.viewer.canManage && assessment.voteCount > 0 && assessment.votesVisible && summary?.suggestedTeamLevel != null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        {assessment.votesVisible ? (
          <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200 ring-inset">
            <Eye className="size-3.5" aria-hidden />
            {assessment.blind ? t('assessments.statusRevealed') : t('assessments.statusOpenVisible')}
          </span>
        ) : (
          <span className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">
            <EyeOff className="size-3.5" aria-hidden />
            {t('assessments.statusBlind')}
          </span>
        )}
        <span className="text-sm text-slate-600">
          {t.rich('assessments.startedBy', {
            name: personName(assessment.startedBy.name),
            when: () => <RelativeTime date={assessment.createdAt} />,
          })}
        </span>
      </div>

      <section aria-labelledby={`voters-${assessment.id}`} className="space-y-2">
        <h3 id={`voters-${assessment.id}`} className="text-sm font-semibold text-slate-900">
          {t('assessments.votersTitle', { voted: assessment.voteCount, asked: assessment.voters.length })}
        </h3>
        <ul className="flex flex-wrap gap-2" aria-live="polite">
          {assessment.voters.map((voter) => (
            <li
              key={voter.userId}
              className="inline-flex items-center gap-2 rounded-full bg-white py-1 pr-3 pl-1 text-sm ring-1 ring-slate-200"
            >
              <Avatar name={personName(voter.name)} done={voter.hasVoted} className="size-7" />
              <span className="text-slate-800">{personName(voter.name)}</span>
              <span className="sr-only">{voter.hasVoted ? t('assessments.hasVoted') : t('assessments.hasNotVoted')}</span>
            </li>
          ))}
        </ul>
        {!assessment.votesVisible ? (
          <p className="text-xs text-slate-600">
            {waitingFor.length > 0 ? t('assessments.blindExplainer', { count: waitingFor.length }) : t('assessments.blindExplainerDone')}
          </p>
        ) : null}
      </section>

      {assessment.viewer.canVote ? (
        <section aria-labelledby={`vote-${assessment.id}`} className="space-y-3 rounded-lg bg-slate-50/60 p-4 ring-1 ring-slate-200 sm:p-5">
          <div>
            <h3 id={`vote-${assessment.id}`} className="text-sm font-semibold text-slate-900">
              {assessment.viewer.isAsked ? t('assessments.yourVoteTitle') : t('assessments.joinTitle')}
            </h3>
            {!assessment.viewer.isAsked ? <p className="mt-1 text-sm text-slate-600">{t('assessments.joinBody')}</p> : null}
          </div>
          {signals.isPending ? (
            <Skeleton className="h-40 w-full" />
          ) : (
            <VoteForm
              draft={voteDraft}
              onDraftChange={setVoteDraft}
              signals={signals.data ?? []}
              blind={!assessment.votesVisible}
              pending={vote.isPending}
              error={vote.error ? errorMessageOf(vote.error, t('errors.network')) : null}
              fieldErrors={fieldErrorsOf(vote.error)}
              onSubmit={() =>
                vote.mutate({
                  orgSlug: org.slug,
                  assessmentId: assessment.id,
                  level: voteDraft.level!,
                  rationale: voteDraft.rationale.trim(),
                  evidence: voteDraft.evidence,
                })
              }
            />
          )}
        </section>
      ) : assessment.myVote && !assessment.votesVisible ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-700 ring-1 ring-slate-200">
          <span>{t('assessments.yourVoteWas')}</span>
          <LevelBadge level={assessment.myVote.level} />
          <span className="text-slate-600">{t('assessments.yourVoteHidden')}</span>
        </div>
      ) : null}

      {assessment.votesVisible && summary ? (
        <section aria-labelledby={`votes-${assessment.id}`} className="space-y-4">
          <h3 id={`votes-${assessment.id}`} className="text-sm font-semibold text-slate-900">
            {t('assessments.votesTitle')}
          </h3>
          {summary.count > 0 ? <VoteSummaryView summary={summary} /> : null}
          <VotesList votes={assessment.votes} signalsById={signals.byId} />
        </section>
      ) : null}

      {canReveal ? (
        <div className="flex flex-col gap-3 rounded-lg bg-sky-50 p-4 ring-1 ring-sky-200 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-sky-900">
            {waitingFor.length > 0 ? t('assessments.revealEarlyBody', { count: waitingFor.length }) : t('assessments.revealBody')}
          </p>
          <Button
            variant="secondary"
            onClick={() => reveal.mutate({ orgSlug: org.slug, assessmentId: assessment.id })}
            disabled={reveal.isPending}
          >
            <Eye className="size-4" aria-hidden />
            {t('assessments.reveal')}
          </Button>
        </div>
      ) : null}

      {canClose ? (
        <div className="rounded-lg p-4 ring-1 ring-slate-200 sm:p-5">
          <CloseForm
            suggested={summary.suggestedTeamLevel!}
            draft={closeDraft}
            onDraftChange={setCloseDraft}
            pending={close.isPending}
            error={close.error ? errorMessageOf(close.error, t('errors.network')) : null}
            fieldErrors={fieldErrorsOf(close.error)}
            onSubmit={(teamLevel, reason) =>
              close.mutate({ orgSlug: org.slug, assessmentId: assessment.id, teamLevel, reason: reason || undefined })
            }
          />
        </div>
      ) : assessment.votesVisible && !assessment.viewer.canManage && assessment.voteCount > 0 ? (
        <p className="text-xs text-slate-600">{t('assessments.closeByStarter', { name: personName(assessment.startedBy.name) })}</p>
      ) : null}
    </div>
  );
}
