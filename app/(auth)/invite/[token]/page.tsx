import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AcceptInvitation } from '@/components/auth/accept-invitation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { VerifyEmailBanner } from '@/components/shell/verify-email-banner';
import { signOutFromForm } from '@/server/auth/server-functions';
import { serverCaller } from '@/server/api/caller';

export const metadata: Metadata = { referrer: 'no-referrer' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const format = await getFormatter();
  const caller = await serverCaller();

  const invitation = await caller.invitation.preview({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) return null;
    throw error;
  });

  if (!invitation) {
    return (
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t('invite.invalidTitle')}</h1>
        <p className="mt-2 text-sm text-slate-600">{t('invite.invalidBody')}</p>
        <Button asChild variant="secondary" className="mt-8">
          <Link href="/">{t('invite.goHome')}</Link>
        </Button>
      </div>
    );
  }

  const me = await caller.me.get().catch(() => null);
  const returnHere = `/invite/${token}`;
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t('invite.title', { org: invitation.orgName })}</h1>
      <p className="mt-2 text-sm text-slate-700">
        {t('invite.body', { inviter: invitation.invitedByName, email: invitation.email, role: t(`roles.${invitation.role}.name`) })}
      </p>
      <p className="mt-1 mb-8 text-sm text-slate-600">
        {t('invite.expires', { when: format.dateTime(invitation.expiresAt, { dateStyle: 'long' }) })}
      </p>
      {me ? (
        <div className="space-y-4">
          {me.user.email.toLowerCase() !== invitation.email.toLowerCase() ? (
            <Alert tone="warning">{t('errors.invitationOtherEmail', { email: invitation.email })}</Alert>
          ) : me.user.emailVerifiedAt ? (
            <AcceptInvitation token={token} orgName={invitation.orgName} />
          ) : (
            // An account made before this invitation may not be the invitee's: it proves the address first.
            <div className="space-y-3">
              <p className="text-sm text-slate-700">{t('invite.verifyFirst', { email: invitation.email })}</p>
              <VerifyEmailBanner email={me.user.email} />
            </div>
          )}
          <form action={signOutFromForm} className="text-sm text-slate-600">
            <input type="hidden" name="redirectTo" value={returnHere} />
            {t('invite.signedInAs', { email: me.user.email })}{' '}
            <button type="submit" className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {t('invite.useOtherAccount')}
            </button>
          </form>
        </div>
      ) : (
        <div>
          <p className="mb-5 text-sm font-medium text-slate-800">{t('invite.newHere')}</p>
          <SignUpForm invitationToken={token} defaultEmail={invitation.email} />
          <p className="mt-6 text-sm text-slate-600">
            {t('invite.haveAccount')}{' '}
            <Link
              href={`/sign-in?callbackUrl=${encodeURIComponent(returnHere)}`}
              className="font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              {t('invite.signInToAccept')}
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
