'use client';

/** Placeholder until its feature lands. */
export function AccountHeader({ accountId }: { accountId: string }) {
  return <div data-account-id={accountId} />;
}
