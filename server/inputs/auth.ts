import { z } from 'zod';
import { emailSchema, organizationNameSchema, passwordSchema, personNameSchema, tokenSchema } from './common';

/** Sign-up either creates the person's first organization or joins the one that invited them. */
export const signUpInput = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
    organizationName: organizationNameSchema.optional(),
    invitationToken: tokenSchema.optional(),
  })
  .refine((v) => v.organizationName || v.invitationToken, {
    path: ['organizationName'],
    error: 'validation.orgNameTooShort',
  });

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
