import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, resolveLocale } from './config';
import { messages } from './messages';

export default getRequestConfig(async ({ locale: requested }) => {
  // A page may ask for a language explicitly (the customer page renders in its link's language);
  // otherwise the person's choice (cookie) or their browser's language decides.
  const locale = isLocale(requested)
    ? requested
    : resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return { locale, messages: messages[locale], timeZone: 'Europe/Stockholm' };
});
