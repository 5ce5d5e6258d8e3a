'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';

/**
 * What an error boundary shows for a page that failed on the server. Production hides the error's
 * message from the browser but keeps its digest: a database that can't be reached says so, and
 * that trying again in a moment will work. Trying again renders the page on the server again.
 */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const databaseDown = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <div role="alert" className="rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">{databaseDown ? t('common.databaseUnavailableTitle') : t('common.somethingWrong')}</h1>
      <p className="mt-2 text-sm text-slate-600">{databaseDown ? t('errors.databaseUnavailable') : t('common.somethingWrongBody')}</p>
      <Button
        className="mt-6"
        disabled={retrying}
        onClick={() =>
          startRetry(() => {
            router.refresh();
            reset();
          })
        }
      >
        {t('common.retry')}
      </Button>
    </div>
  );
}
