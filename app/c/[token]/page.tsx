import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ConfirmationUnavailable } from '@/components/confirmations/confirmation-unavailable';
import { CustomerAnswerForm } from '@/components/confirmations/customer-answer-form';
import { isLocale, type Locale } from '@/i18n/config';
import { currentUserId } from '@/server/auth/config';
import { readReturnedAnswer } from '@/server/adapters/returned-answer';
import { viewConfirmation } from '@/server/services/confirmations';
import { clientAddress } from '@/server/adapters/rate-limit';
import { TeamMemberNotice } from './team-member-notice';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { referrer: 'no-referrer', robots: { index: false, follow: false } };

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<'lang' | 'answered' | 'refused' | 'error' | 'r' | 'v', string | string[] | undefined>>;
};

/**
 * The customer's page: no login, no cookies. Unknown, expired and withdrawn links all get the same
 * neutral page with the same status, so a guessed token learns nothing. Someone signed in to the
 * link's organization (their session cookie reaches this page too; it is only read, never set)
 * is on the team, not the customer: they get an explanation instead of the form.
 */
export default async function CustomerConfirmationPage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const view = await viewConfirmation(token, clientAddress(await headers()), undefined, await currentUserId());
  if (view.kind === 'tooMany') return <TooMany lang={isLocale(query.lang) ? query.lang : 'en'} />;
  // Rendered here rather than through notFound(): Next.js streams a not-found page that shows only with JavaScript.
  if (view.kind === 'unavailable') return <ConfirmationUnavailable />;
  const { confirmation } = view;

  const lang: Locale = isLocale(query.lang) ? query.lang : confirmation.language;
  const other: Locale = lang === 'en' ? 'sv' : 'en';
  const t = await getTranslations({ locale: lang, namespace: 'confirm' });
  const format = await getFormatter({ locale: lang });
  const values = { org: confirmation.orgName, account: confirmation.accountName };
  const answered = query.answered === '1';
  // A refused or unsaved answer comes back (see the answer route), to be filled in again.
  const returned = await readReturnedAnswer(token, query);
  const header = (keep: string) => (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-2xl items-center justify-between gap-4 px-4 py-3">
        <p className="text-sm font-semibold text-slate-900">{t('from', values)}</p>
        <Link
          href={`/c/${token}?lang=${other}${keep}`}
          hrefLang={other}
          lang={other}
          aria-label={t('switchLanguageLabel')}
          className="shrink-0 rounded-md px-2 py-1 text-sm font-medium whitespace-nowrap text-brand-700 hover:bg-brand-50"
        >
          {t('switchLanguage')}
        </Link>
      </div>
    </header>
  );

  if (view.kind === 'teamMember') {
    return (
      <div lang={lang} className="min-h-dvh bg-slate-50">
        {header('')}
        <main className="mx-auto max-w-2xl px-4 py-8 sm:py-12">
          <TeamMemberNotice confirmation={view.confirmation} lang={lang} refused={query.refused === '1'} />
        </main>
      </div>
    );
  }
  const customer = view.confirmation;

  return (
    <div lang={lang} className="min-h-dvh bg-slate-50">
      {header(answered ? '&answered=1' : '')}
      <main className="mx-auto max-w-2xl px-4 py-8 sm:py-12">
        {answered ? (
          <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('thanksTitle')}</h1>
            <p className="mt-3 text-slate-700">{t('thanksBody', values)}</p>
            <p className="mt-3 text-sm text-slate-600">
              {t('expires', { date: format.dateTime(customer.expiresAt, { dateStyle: 'long' }) })}
            </p>
            <Link
              href={`/c/${token}?lang=${lang}`}
              className="mt-6 inline-flex rounded-md px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-600/40 hover:bg-brand-50"
            >
              {t('changeAnswer')}
            </Link>
          </div>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('title', values)}</h1>
            {customer.contactName ? <p className="mt-4 text-slate-800">{t('greeting', { name: customer.contactName })}</p> : null}
            <p className="mt-2 text-slate-700">{t('intro', values)}</p>
            {customer.personalMessage ? (
              <figure className="mt-6 rounded-lg bg-white p-4 ring-1 ring-slate-200">
                <figcaption className="text-xs font-medium text-slate-600 uppercase">{t('messageFrom', values)}</figcaption>
                <blockquote className="mt-2 whitespace-pre-wrap text-slate-800">{customer.personalMessage}</blockquote>
              </figure>
            ) : null}
            {customer.previous ? <p className="mt-6 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">{t('previousNote')}</p> : null}
            <div className="mt-8">
              <CustomerAnswerForm
                token={token}
                lang={lang}
                submissionKey={randomUUID()}
                errors={returned?.errors ?? {}}
                formError={returned?.formError}
                values={
                  returned?.values ??
                  (customer.previous
                    ? Object.fromEntries(Object.entries(customer.previous).map(([key, v]) => [key, v === null ? '' : String(v)]))
                    : {})
                }
              />
            </div>
          </>
        )}
        <p className="mt-10 text-xs text-slate-500">{t('privacy', values)}</p>
      </main>
    </div>
  );
}

async function TooMany({ lang }: { lang: Locale }) {
  const t = await getTranslations({ locale: lang, namespace: 'confirm' });
  return (
    <main lang={lang} className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t('tooManyTitle')}</h1>
      <p className="mt-3 text-slate-700">{t('errors.tooMany')}</p>
    </main>
  );
}
