import { getTranslations } from 'next-intl/server';
import { LevelDescription } from '@/components/confirmations/level-description';
import { LEVELS } from '@/components/levels/levels';
import { Alert } from '@/components/ui/alert';
import type { Locale } from '@/i18n/config';
import type { TeamMemberConfirmation } from '@/server/services/confirmations';

/**
 * What a signed-in member of the link's organization sees instead of the form: why they cannot
 * answer, what the customer is asked (read only), and the way back to the account. There is no
 * form here, and the answer route refuses a member's post as well.
 */
export async function TeamMemberNotice({
  confirmation,
  lang,
  refused,
}: {
  confirmation: TeamMemberConfirmation;
  lang: Locale;
  refused: boolean;
}) {
  const t = await getTranslations({ locale: lang, namespace: 'confirm' });
  const values = { org: confirmation.orgName, account: confirmation.accountName };
  return (
    <>
      <section aria-labelledby="member-title" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 id="member-title" className="text-2xl font-semibold tracking-tight text-slate-900">
          {t('memberTitle', values)}
        </h1>
        {refused ? (
          <Alert tone="warning" className="mt-4">
            {t('memberRefused', values)}
          </Alert>
        ) : null}
        <p className="mt-3 text-slate-700">{t('memberBody', values)}</p>
        {confirmation.contactName ? (
          <p className="mt-2 text-slate-700">{t('memberRecipient', { name: confirmation.contactName })}</p>
        ) : null}
        <a
          href={confirmation.accountPath}
          className="mt-6 inline-flex h-11 w-full items-center justify-center rounded-md bg-brand-600 px-5 text-base font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:w-auto"
        >
          {t('memberBack', values)}
        </a>
        <p className="mt-4 text-sm text-slate-600">{t('memberPrivateHint')}</p>
      </section>

      <section aria-labelledby="member-preview" className="mt-10">
        <h2 id="member-preview" className="text-base font-semibold text-slate-900">
          {t('memberPreview')}
        </h2>
        <p className="mt-2 text-slate-700">{t('title', values)}</p>
        <ol className="mt-4 space-y-2">
          {[...LEVELS].reverse().map((level) => (
            <li key={level} className="flex gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200 ring-inset">
              <LevelDescription level={level} name={t(`levels.${level}.name`)} text={t(`levels.${level}.text`)} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
