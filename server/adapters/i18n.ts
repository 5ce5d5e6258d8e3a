import 'server-only';
import { createTranslator } from 'next-intl';
import type { Locale } from '@/i18n/config';
import { messages } from '@/i18n/messages';

/** Translations outside React: emails and server messages. */
export function serverTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messages[locale] });
}
