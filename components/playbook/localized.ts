'use client';

import { useLocale } from 'next-intl';

/**
 * The text in the reader's language, or in the other language when that one is empty: a
 * method written only in Swedish still shows for an English reader.
 */
export function pickLanguage(locale: string, en: string | null | undefined, sv: string | null | undefined): string {
  const [first, second] = locale === 'sv' ? [sv, en] : [en, sv];
  return first?.trim() ? first : (second ?? '');
}

interface MethodTexts {
  nameEn: string | null;
  nameSv: string | null;
  descriptionEn?: string | null;
  descriptionSv?: string | null;
  actionPhraseEn?: string | null;
  actionPhraseSv?: string | null;
}

/** A playbook method's name, description and action phrase in the reader's language. */
export function useMethodText() {
  const locale = useLocale();
  return {
    name: (method: MethodTexts) => pickLanguage(locale, method.nameEn, method.nameSv),
    description: (method: MethodTexts) => pickLanguage(locale, method.descriptionEn, method.descriptionSv),
    /** Only in the reader's own language: a title is one sentence, never half English and half Swedish. */
    actionPhrase: (method: MethodTexts) => (locale === 'sv' ? method.actionPhraseSv : method.actionPhraseEn)?.trim() || null,
  };
}
