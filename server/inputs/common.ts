import { z } from 'zod';
import { cleanPersonalMessage, containsLink, PERSONAL_MESSAGE_MAX } from '../domain/customer-email';

/**
 * Input schemas shared by routers (which enforce them) and forms (which show the same errors
 * before a round trip). Custom messages are keys into messages/*.json under "validation".
 */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: 'validation.emailRequired' })
  .max(254, { error: 'validation.emailInvalid' })
  .pipe(z.email({ error: 'validation.emailInvalid' }));

export const passwordSchema = z.string().min(8, { error: 'validation.passwordTooShort' }).max(200, { error: 'validation.passwordTooLong' });

export const personNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'validation.nameRequired' })
  .max(100, { error: 'validation.nameTooLong' });

export const organizationNameSchema = z
  .string()
  .trim()
  .min(2, { error: 'validation.orgNameTooShort' })
  .max(80, { error: 'validation.orgNameTooLong' });

export const orgSlugSchema = z.string().min(1).max(64);

export const roles = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles, { error: 'validation.roleInvalid' });

export const tokenSchema = z.string().min(20).max(100);

/** A member's own words in an email to a customer: plain text, at most 1,000 characters, no web addresses. */
export const personalMessageSchema = z
  .string({ error: 'validation.invalid' })
  .transform(cleanPersonalMessage)
  .pipe(
    z
      .string()
      .max(PERSONAL_MESSAGE_MAX, { error: 'validation.messageTooLong' })
      .refine((text) => !containsLink(text), { error: 'validation.messageHasLink' }),
  );

/** The id of any row Rung stores. */
export const idSchema = z.uuid({ error: 'validation.invalid' });

/** The version an edit form was opened with; a save of an older version is refused (optimistic concurrency). */
export const versionSchema = z.int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' });

/** A level of the Buy-Sell Hierarchy, 1 to 5. */
export const levelSchema = z
  .int({ error: 'validation.levelInvalid' })
  .min(1, { error: 'validation.levelInvalid' })
  .max(5, { error: 'validation.levelInvalid' });

/** What every account-scoped procedure takes (accountProcedure in server/api/trpc.ts resolves it). */
export const accountIdInput = z.object({ accountId: idSchema });
