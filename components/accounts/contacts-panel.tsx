'use client';

/** Placeholder until its feature lands. */
export function ContactsPanel({ accountId }: { accountId: string }) {
  return <div data-account-id={accountId} />;
}
