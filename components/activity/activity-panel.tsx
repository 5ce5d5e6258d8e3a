'use client';

/** Placeholder until its feature lands. */
export function ActivityPanel({ accountId }: { accountId: string }) {
  return <div data-account-id={accountId} />;
}
