import { describe, expect, it } from 'vitest';
import { pickLanguage } from '@/components/playbook/localized';
import { DEFAULT_PLAYBOOK } from '@/server/defaults/playbook';
import { METHOD_ACTION_PHRASE_MAX } from '@/server/domain/playbook';

describe('pickLanguage: a method in the reader’s language, or the other one', () => {
  it('shows the reader’s language when it has text', () => {
    expect(pickLanguage('en', 'USP analysis', 'USP-analys')).toBe('USP analysis');
    expect(pickLanguage('sv', 'USP analysis', 'USP-analys')).toBe('USP-analys');
  });

  it('falls back to the other language when the reader’s is empty or blank', () => {
    expect(pickLanguage('sv', 'Quarterly review', '')).toBe('Quarterly review');
    expect(pickLanguage('en', '  ', 'Kvartalsgenomgång')).toBe('Kvartalsgenomgång');
    expect(pickLanguage('en', null, undefined)).toBe('');
  });
});

describe('the default playbook', () => {
  it('covers every transition with the methods from the model, named and described in both languages', () => {
    expect(Object.keys(DEFAULT_PLAYBOOK)).toEqual(['1', '2', '3', '4']);
    expect(Object.values(DEFAULT_PLAYBOOK).map((methods) => methods.length)).toEqual([4, 4, 3, 2]);
    for (const method of Object.values(DEFAULT_PLAYBOOK).flat()) {
      for (const text of [method.nameEn, method.nameSv, method.descriptionEn, method.descriptionSv]) {
        expect(text.trim().length, method.nameEn).toBeGreaterThan(0);
      }
      expect(method.nameEn.length).toBeLessThanOrEqual(120);
      expect(method.descriptionEn.length).toBeLessThanOrEqual(1000);
      expect(method.descriptionSv.length).toBeLessThanOrEqual(1000);
      // Each says what to do in both languages, short enough to leave room for the account and the buyer.
      for (const phrase of [method.actionPhraseEn, method.actionPhraseSv]) {
        expect(phrase.trim().length, method.nameEn).toBeGreaterThan(0);
        expect(phrase.length, phrase).toBeLessThanOrEqual(METHOD_ACTION_PHRASE_MAX);
      }
    }
  });
});
