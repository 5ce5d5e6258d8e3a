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

/** The rules for a new password are sign-up's own, so every way of choosing one asks the same. */
const newPasswordSchema = signUpInput.shape.password;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
  confirmPassword: z.string().max(200),
});

export const passwordResetRequestInput = z.object({ email: emailSchema });

export const passwordResetInput = z.object({
  token: tokenSchema,
  newPassword: newPasswordSchema,
  confirmPassword: z.string().max(200),
});
