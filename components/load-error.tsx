'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { errorMessageOf } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';

/**
 * A query that failed: an optional lead ("Could not load the account."), what went wrong, and a button to try again.
 * `onRetry` is usually the query's `refetch`, whose promise is not awaited: a failed retry shows up in the query's
 * own error state, which renders this alert again.
 */
export function LoadError({ error, onRetry, lead }: { error: unknown; onRetry: () => unknown; lead?: ReactNode }) {
  const t = useTranslations();
  return (
    <Alert tone="error">
      {lead ? <>{lead} </> : null}
      {errorMessageOf(error, t('errors.network'))}{' '}
      <button type="button" className="font-medium underline" onClick={() => void onRetry()}>
        {t('common.retry')}
      </button>
    </Alert>
  );
}
