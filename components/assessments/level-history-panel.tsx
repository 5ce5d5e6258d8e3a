'use client';

/** Placeholder until its feature lands. */
export function LevelHistoryPanel({ accountId }: { accountId: string }) {
  return <div data-account-id={accountId} />;
}
