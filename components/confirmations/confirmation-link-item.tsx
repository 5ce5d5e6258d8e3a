'use client';

import { Link2 } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';

type LinkRow = RouterOutputs['confirmation']['overview']['links'][number];

const statusStyle = {
  created: 'bg-slate-100 text-slate-700',
  sent: 'bg-sky-100 text-sky-900',
  opened: 'bg-amber-100 text-amber-900',
  answered: 'bg-emerald-100 text-emerald-900',
  expired: 'bg-slate-100 text-slate-600',
  revoked: 'bg-slate-100 text-slate-600',
} as const;

/** One confirmation link: whom it asks, its status and expiry, and (for members) resend and revoke. */
export function ConfirmationLinkItem({
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
      <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', statusStyle[link.status])}>
        {t(`customer.status.${link.status}`)}
      </span>
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
