'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMethodText } from '@/components/playbook/localized';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { titleForMethodAction } from '@/server/domain/actions';

interface MethodNames {
  nameEn: string | null;
  nameSv: string | null;
  actionPhraseEn?: string | null;
  actionPhraseSv?: string | null;
}

/**
 * The title a new action from a playbook method starts with on this account, in the reader's
 * language ("Hold a consultative needs meeting with Anna Berg (CFO) at Kylhus AB"). The account and its
 * contacts are queries the account page already holds, so this asks the server for nothing.
 */
export function useMethodActionTitle(accountId: string): (method: MethodNames) => string {
  const t = useTranslations('actions.fromMethod');
  const org = useOrg();
  const trpc = useTRPC();
  const methodText = useMethodText();
  const account = useQuery(trpc.account.get.queryOptions({ orgSlug: org.slug, accountId }));
  const contacts = useQuery(trpc.contact.list.queryOptions({ orgSlug: org.slug, accountId }));
  const buyer = contacts.data?.find((contact) => contact.buyingRole === 'economic_buyer');
  return (method) =>
    titleForMethodAction(
      {
        method: methodText.name(method),
        actionPhrase: methodText.actionPhrase(method),
        account: account.data?.name ?? '',
        economicBuyer: buyer ? { name: buyer.name, title: buyer.title } : null,
      },
      (shape, values) => t(shape, values),
    );
}
