'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '@/server/api/root';

/** What every procedure returns and takes, for components to name the data they render. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();
export { useTRPC };

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 30_000,
            // A 4xx answer will not change on retry; network blips might.
            retry: (count, error) => !(isTRPCClientError(error) && error.data != null && error.data.httpStatus < 500) && count < 2,
          },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions (live account events) stream over server-sent events; everything else is batched.
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url: '/api/trpc', transformer: superjson }),
          false: httpBatchLink({ url: '/api/trpc', transformer: superjson }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/**
 * A failed call to this app's router. `instanceof TRPCClientError` alone leaves `data` typed `any`;
 * every tRPC error this client sees comes from AppRouter, so its error shape (code, httpStatus,
 * fieldErrors) applies.
 */
export function isTRPCClientError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/** Field-level messages from a failed mutation, already in the person's language. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (isTRPCClientError(error)) return error.data?.fieldErrors ?? {};
  return {};
}

/** The sentence to show for a failed call: the server's (translated) message, or a network hint. */
export function errorMessageOf(error: unknown, networkMessage: string): string {
  if (isTRPCClientError(error) && error.data) return error.message;
  return networkMessage;
}
