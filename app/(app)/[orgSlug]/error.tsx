'use client';

import { PageError } from '@/components/page-error';

export default function OrganizationError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError {...props} />;
}
