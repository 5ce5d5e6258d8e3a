'use client';

/** Placeholder until its feature lands. */
export function ActionsPanel({ accountId }: { accountId: string }) {
  return <div data-account-id={accountId} />;
}
