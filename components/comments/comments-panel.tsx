'use client';

/** Placeholder until its feature lands. */
export function CommentsPanel({ accountId }: { accountId: string }) {
  return <div data-account-id={accountId} />;
}
