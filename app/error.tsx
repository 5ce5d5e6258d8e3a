'use client';

import { PageError } from '@/components/page-error';

/** Any page outside an organization (the front door, invitations, the customer page), and an organization's own layout. */
export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col justify-center px-4">
      <PageError {...props} />
    </main>
  );
}
