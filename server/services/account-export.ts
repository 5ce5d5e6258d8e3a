import 'server-only';
import { eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import type { Tx } from '@/db/client';
import { accounts } from '@/db/schema';
import type { Locale } from '@/i18n/config';
import { messages } from '@/i18n/messages';
import { toCsv } from '../domain/csv';
import type { AccountFilters, AccountSort } from '../inputs/accounts';
import { levelsOf } from './account-levels';
import { accountOwner, filterConditions, listColumns, sortOrder } from './account-list';

function exportDate(value: Date | null): string {
  return value ? value.toISOString().slice(0, 10) : '';
}

/**
 * The (filtered, sorted) accounts list as CSV with the current levels, for Excel: UTF-8 with a
 * byte order mark, and in Swedish a semicolon between fields and a decimal comma, as Swedish
 * Excel expects.
 */
export async function exportAccountsCsv(
  tx: Tx,
  options: { locale: Locale; orgSlug: string },
  input: AccountFilters & { sort: AccountSort; direction: 'asc' | 'desc' },
) {
  const rows = await tx
    .select(listColumns)
    .from(accounts)
    .leftJoin(accountOwner, eq(accountOwner.id, accounts.ownerUserId))
    .where(filterConditions(input))
    .orderBy(...sortOrder(input.sort, input.direction));
  const t = createTranslator({ locale: options.locale, messages: messages[options.locale], namespace: 'accounts.export.columns' });
  const swedish = options.locale === 'sv';
  const amount = (value: string | null) => (value === null ? null : swedish ? value.replace('.', ',') : value);
  const header = [
    t('name'),
    t('domain'),
    t('segment'),
    t('owner'),
    t('ownerEmail'),
    t('teamLevel'),
    t('customerLevel'),
    t('effectiveLevel'),
    t('effectiveSource'),
    t('gap'),
    t('economicBuyerDissent'),
    t('targetLevel'),
    t('targetDate'),
    t('annualRevenue'),
    t('currency'),
    t('lastAssessed'),
    t('customerConfirmed'),
    t('archived'),
  ];
  const body = rows.map((row) => {
    const levels = levelsOf(row);
    return [
      row.name,
      row.domain,
      row.segment,
      row.ownerName,
      row.ownerEmail,
      row.teamLevel,
      row.customerLevel,
      levels.effectiveLevel,
      levels.effectiveSource ? t(`source.${levels.effectiveSource}`) : null,
      levels.gap,
      levels.economicBuyerDissent ? t('yes') : null,
      row.targetLevel,
      row.targetDate,
      amount(row.annualRevenue),
      row.currency,
      exportDate(row.teamLevelAt),
      exportDate(row.customerLevelAt),
      exportDate(row.archivedAt),
    ];
  });
  const csv = toCsv([header, ...body], { delimiter: swedish ? ';' : ',', bom: true });
  return { fileName: `${options.orgSlug}-accounts-${new Date().toISOString().slice(0, 10)}.csv`, csv, rowCount: rows.length };
}
