'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { errorMessageOf } from '@/components/trpc';

/**
 * Edits that show at once: `optimistic(change)` applies a change to the rows of a cached query
 * (as a mutation's onMutate) and keeps what was there; `onError` puts it back and says why;
 * `onSettled` refetches what the server now says. `rowsOf` reaches the rows inside the cached
 * data (the data itself for a plain list).
 */
export function useOptimisticCache<TData, TRow>({
  queryKey,
  rowsOf,
  refetch,
}: {
  queryKey: QueryKey;
  rowsOf: (data: TData, change: (rows: TRow[]) => TRow[]) => TData;
  /** What to refetch afterwards: usually a whole router's path key, so related lists follow. */
  refetch: QueryKey;
}) {
  const queryClient = useQueryClient();
  const t = useTranslations();
  const optimistic = async (change: (rows: TRow[]) => TRow[]) => {
    await queryClient.cancelQueries({ queryKey });
    const previous = queryClient.getQueryData<TData>(queryKey);
    queryClient.setQueryData<TData>(queryKey, (data) => (data === undefined ? data : rowsOf(data, change)));
    return { previous };
  };
  const onError = (error: unknown, _input: unknown, context: { previous: TData | undefined } | undefined) => {
    if (context?.previous !== undefined) queryClient.setQueryData(queryKey, context.previous);
    toast.error(errorMessageOf(error, t('errors.network')));
  };
  const onSettled = () => queryClient.invalidateQueries({ queryKey: refetch });
  return { optimistic, onError, onSettled };
}
