import type { Locale } from '@/i18n/config';
import type { Messages } from '@/i18n/messages';

/*
 * Teaches next-intl the shape of the English copy and the supported languages, so every
 * t('…') key, namespace and placeholder is checked by tsc: a misspelt or missing key fails the
 * typecheck instead of rendering the key at runtime. Swedish is held to the same shape in
 * i18n/messages.ts.
 */
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
