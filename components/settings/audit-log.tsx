'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import type { KeysOf, Messages } from '@/i18n/messages';

type AuditActionKey = `audit.actions.${KeysOf<Messages['audit']['actions']>}`;

function describeChange(before: unknown, after: unknown): string {
  const parts: string[] = [];
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key.endsWith('Id')) continue;
    if (key in b && key in a) parts.push(`${key}: ${String(b[key])} → ${String(a[key])}`);
    else if (key in a) parts.push(`${key}: ${String(a[key])}`);
    else parts.push(`${key}: ${String(b[key])}`);
  }
  return parts.join(' · ');
}

export function AuditLog() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const log = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ orgSlug: org.slug }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <Card>
      <CardHeader title={t('audit.title')} description={t('audit.subtitle')} />
      {log.isPending ? (
        <div className="space-y-3 px-4 py-5 sm:px-6">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      ) : log.isError ? (
        <div className="px-4 py-5 sm:px-6">
          <Alert tone="error">{errorMessageOf(log.error, t('errors.network'))}</Alert>
        </div>
      ) : events.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600 sm:px-6">{t('audit.empty')}</p>
      ) : (
        <>
          <ol className="divide-y divide-slate-200">
            {events.map((event) => {
              // The action is a plain string from the database; has() checks that a sentence exists for it.
              const actionKey = `audit.actions.${event.action}` as AuditActionKey;
              const known = t.has(actionKey);
              return (
                <li key={event.id} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 px-4 py-3 text-sm sm:px-6">
                  <span className="font-medium text-slate-900">{event.actorName ?? t('audit.system')}</span>
                  <span className="text-slate-700">{known ? t(actionKey) : event.action}</span>
                  <span className="basis-full text-slate-600 sm:flex-1 sm:basis-auto">{describeChange(event.before, event.after)}</span>
                  <span className="text-slate-500">
                    <RelativeTime date={event.createdAt} />
                  </span>
                </li>
              );
            })}
          </ol>
          {log.hasNextPage ? (
            <div className="border-t border-slate-200 px-4 py-3 sm:px-6">
              <Button variant="secondary" size="sm" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                {log.isFetchingNextPage ? t('common.loading') : t('audit.loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
