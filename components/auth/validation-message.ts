'use client';

import { useTranslations } from 'next-intl';
import type { KeysOf, Messages } from '@/i18n/messages';

/**
 * Translates the validation key a server function returned for a field (a zod issue's message,
 * `validation.*` by convention); anything else reads as the generic "not valid".
 */
export function useValidationMessage(): (key: string | undefined) => string | null {
  const t = useTranslations();
  return (key) => {
    if (!key) return null;
    // Only has() can tell at runtime that the key exists, hence the cast.
    const known = key as `validation.${KeysOf<Messages['validation']>}`;
    return key.startsWith('validation.') && t.has(known) ? t(known) : t('validation.invalid');
  };
}
