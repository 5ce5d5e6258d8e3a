'use client';

import { useTranslations } from 'next-intl';
import { Select } from '@/components/ui/select';
import { ownerKey, type OwnerChoices, type UnmatchedOwner } from '@/server/domain/account-import';
import type { ImportReport } from './types';

const NOBODY = '_nobody';

/**
 * Each owner the file names but no member matches, once however many rows name them, with the
 * member to use instead; unchosen, their accounts are imported without an owner.
 */
export function UnmatchedOwners({
  owners,
  members,
  choices,
  onChoose,
  disabled,
}: {
  owners: readonly UnmatchedOwner[];
  members: ImportReport['members'];
  choices: OwnerChoices;
  onChoose: (owner: string, userId: string | null) => void;
  disabled: boolean;
}) {
  const t = useTranslations('accounts.import');
  if (owners.length === 0) return null;
  const options = [
    { value: NOBODY, label: t('ownerNobody') },
    ...members.map((member) => ({ value: member.userId, label: member.name || member.email, description: member.email })),
  ];
  return (
    <section className="space-y-3" aria-labelledby="owners-title">
      <div>
        <h2 id="owners-title" className="text-base font-semibold text-slate-900">
          {t('ownersTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('ownersBody')}</p>
      </div>
      <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
        {owners.map((owner) => {
          const choice = choices[ownerKey(owner.value)];
          return (
            <li key={owner.value} className="grid gap-2 px-3 py-3 sm:grid-cols-[minmax(0,1fr)_16rem] sm:items-center sm:gap-4">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">{owner.value}</p>
                <p className="text-xs text-slate-600">
                  {t('ownerRows', { count: owner.rows })}
                  {owner.ambiguous ? ` · ${t('ownerAmbiguous')}` : null}
                </p>
              </div>
              <Select
                label={t('ownerFor', { value: owner.value })}
                value={choice ?? NOBODY}
                disabled={disabled}
                onValueChange={(value) => onChoose(owner.value, value === NOBODY ? null : value)}
                options={options}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
