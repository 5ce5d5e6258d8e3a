import { accountFieldsSchema, parseMoney, type AccountFieldsInput } from '@/server/domain/accounts';
import type { AccountDetails } from './types';

/** What the account form holds while someone types: text for every field, "" for empty. */
export interface AccountFormValues {
  name: string;
  domain: string;
  segment: string;
  ownerUserId: string;
  annualRevenue: string;
  currency: string;
  targetLevel: string;
  targetDate: string;
  notes: string;
}

export const emptyAccountForm: AccountFormValues = {
  name: '',
  domain: '',
  segment: '',
  ownerUserId: '',
  annualRevenue: '',
  currency: 'SEK',
  targetLevel: '',
  targetDate: '',
  notes: '',
};

export function formValuesOf(account: AccountDetails): AccountFormValues {
  return {
    name: account.name,
    domain: account.domain ?? '',
    segment: account.segment ?? '',
    ownerUserId: account.ownerUserId ?? '',
    // Stored as "1200000.00"; shown without the trailing cents when there are none.
    annualRevenue: account.annualRevenue === null ? '' : String(Number(account.annualRevenue)),
    currency: account.currency ?? '',
    targetLevel: account.targetLevel === null ? '' : String(account.targetLevel),
    targetDate: account.targetDate ?? '',
    notes: account.notes ?? '',
  };
}

export type FieldErrors = Partial<Record<keyof AccountFormValues, string>>;

/**
 * Checks the form with the same rules the server applies, so most mistakes show before a round
 * trip. Errors are message keys ("validation.nameRequired"); the server stays the authority.
 */
export function toAccountInput(values: AccountFormValues): { input: AccountFieldsInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let annualRevenue: number | null = null;
  let currency = values.currency || null;
  if (values.annualRevenue.trim() !== '') {
    const money = parseMoney(values.annualRevenue);
    if (money.ok) {
      annualRevenue = money.amount;
      currency ??= money.currency;
    } else {
      errors.annualRevenue =
        money.reason === 'negative'
          ? 'validation.revenueNegative'
          : money.reason === 'tooLarge'
            ? 'validation.revenueTooLarge'
            : 'validation.revenueInvalid';
    }
  }
  const input: AccountFieldsInput = {
    name: values.name,
    domain: values.domain || null,
    segment: values.segment || null,
    ownerUserId: values.ownerUserId || null,
    annualRevenue,
    currency,
    targetLevel: values.targetLevel ? Number(values.targetLevel) : null,
    targetDate: values.targetDate || null,
    notes: values.notes || null,
  };
  const checked = accountFieldsSchema.safeParse(input);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0] as keyof AccountFormValues;
      errors[field] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
    }
  }
  return { input, errors };
}
