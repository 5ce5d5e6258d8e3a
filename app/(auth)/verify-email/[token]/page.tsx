import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { VerifyEmail } from '@/components/auth/verify-email';

// The token is in the address: keep it out of the Referer of anything this page links to.
export const metadata: Metadata = { referrer: 'no-referrer' };

/**
 * Where the verification email's link lands. Nothing happens until the person presses the button:
 * mail scanners and link previews fetch the page, and must not spend the link.
 */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('verifyEmail');
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <VerifyEmail token={token} />
    </div>
  );
}
