'use client';

/** Placeholder until its feature lands. */
export function AssessmentPanel({ accountId }: { accountId: string }) {
  return <div data-account-id={accountId} />;
}
