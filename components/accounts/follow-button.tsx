'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bell, BellRing } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { notify } from '@/components/ui/notify';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import type { AccountDetails } from './types';
import { HEADER_BUTTON, HEADER_BUTTON_LABEL } from './header-button';

/** Following is shown at once and rolled back with a message if the server refuses. */
export function FollowButton({ account }: { account: AccountDetails }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.account.get.queryKey({ orgSlug: org.slug, accountId: account.id });
  const me = useQuery(trpc.me.get.queryOptions());

  const options = {
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      const following = !account.following;
      const myId = me.data?.user.id;
      queryClient.setQueryData(key, (old) =>
        old
          ? {
              ...old,
              following,
              followers: following
                ? [...old.followers, ...(myId ? [{ userId: myId, name: me.data!.user.name }] : [])]
                : old.followers.filter((f) => f.userId !== myId),
            }
          : old,
      );
      return { previous };
    },
    onError: (error: unknown, _input: unknown, context: { previous?: AccountDetails } | undefined) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      notify.error(errorMessageOf(error, t('errors.network')));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  };
  const follow = useMutation(
    trpc.account.follow.mutationOptions({
      ...options,
      onSuccess: () => notify.success(t('accounts.header.followed', { name: account.name })),
    }),
  );
  const unfollow = useMutation(
    trpc.account.unfollow.mutationOptions({
      ...options,
      onSuccess: () => notify.success(t('accounts.header.unfollowed', { name: account.name })),
    }),
  );
  const busy = follow.isPending || unfollow.isPending;

  return (
    <Button
      variant={account.following ? 'secondary' : 'ghost'}
      aria-pressed={account.following}
      title={t('accounts.header.followHint')}
      disabled={busy}
      className={HEADER_BUTTON}
      onClick={() => (account.following ? unfollow : follow).mutate({ orgSlug: org.slug, accountId: account.id })}
    >
      {account.following ? <BellRing className="size-4" aria-hidden /> : <Bell className="size-4" aria-hidden />}
      <span className={HEADER_BUTTON_LABEL}>{account.following ? t('accounts.header.following') : t('accounts.header.follow')}</span>
    </Button>
  );
}
