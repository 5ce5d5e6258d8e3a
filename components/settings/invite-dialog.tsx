'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { CopyField } from '@/components/ui/copy-field';
import { roles, type Role } from '@/server/inputs/common';
import { canAssignRole } from '@/server/domain/roles';

/** Invite by email with a role; afterwards shows the one-time link to copy (always, emailed or not). */
export function InviteDialog() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey({ orgSlug: org.slug }) }),
    }),
  );
  const fieldErrors = fieldErrorsOf(create.error);
  const assignable = roles.filter((r) => canAssignRole(org.role, null, r));

  function reset() {
    create.reset();
    setEmail('');
    setRole('member');
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next && create.isSuccess) reset();
      }}
      title={t('members.inviteTitle')}
      description={t('members.inviteBody')}
      trigger={
        <Button>
          <UserPlus className="size-4" aria-hidden />
          {t('members.inviteButton')}
        </Button>
      }
    >
      {create.data ? (
        <div className="space-y-4">
          <Alert tone="success">
            <p className="font-medium">{t('members.inviteCreated')}</p>
            <p className="mt-1">{t(create.data.emailed ? 'members.inviteEmailed' : 'members.inviteNotEmailed', { email })}</p>
          </Alert>
          <CopyField label={t('members.linkLabel')} value={create.data.link} hint={t('members.linkOnce')} />
          <div className="flex justify-end gap-3">
            <Button variant="secondary" onClick={reset}>
              {t('members.inviteAnother')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('members.done')}</Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-5"
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            create.mutate({ orgSlug: org.slug, email, role });
          }}
        >
          {create.error && Object.keys(fieldErrors).length === 0 ? (
            <Alert tone="error">{errorMessageOf(create.error, t('errors.network'))}</Alert>
          ) : null}
          <Field
            label={t('members.emailLabel')}
            name="email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldErrors.email ?? null}
            autoFocus
          />
          <div className="space-y-1.5">
            <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800">
              {t('members.roleLabel')}
            </label>
            <Select
              id="invite-role"
              value={role}
              onValueChange={(value) => setRole(value as Role)}
              options={assignable.map((r) => ({ value: r, label: t(`roles.${r}.name`), description: t(`roles.${r}.description`) }))}
            />
          </div>
          <div className="flex justify-end">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t('members.sending') : t('members.sendInvite')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
