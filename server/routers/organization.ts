import 'server-only';
import { count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, organizations } from '@/db/schema';
import { recordAudit } from '../services/audit';
import { isUniqueViolation } from '../api/errors';
import { checkLogo, isHexColour, MAX_LOGO_BYTES, readableBrandColour } from '../domain/brand';
import { organizationNameSchema } from '../inputs/common';
import { createOrganizationWithOwner } from '../services/onboarding';
import { exportOrganization } from '../services/org-archive';
import { requestOrganizationDeletion, restoreOrganization } from '../services/org-deletion';
import { authedProcedure, orgProcedure, orgSnapshotProcedure, router } from '../api/trpc';

export const organizationRouter = router({
  create: authedProcedure.input(z.object({ name: organizationNameSchema })).mutation(async ({ ctx, input }) => {
    const attempt = () => ctx.db.transaction((tx) => createOrganizationWithOwner(tx, input.name, ctx.user.id));
    try {
      const org = await attempt();
      return { orgSlug: org.slug };
    } catch (error) {
      // Two organizations with the same name created at the same moment: the second picks the next free slug.
      if (!isUniqueViolation(error, 'organizations_slug_key')) throw error;
      const org = await attempt();
      return { orgSlug: org.slug };
    }
  }),

  /** The current organization as the caller sees it, including their own role (drives what the UI offers). */
  get: orgProcedure('viewer').query(async ({ ctx }) => {
    const [{ memberCount } = { memberCount: 0 }] = await ctx.tx
      .select({ memberCount: count() })
      .from(memberships)
      .where(isNull(memberships.removedAt));
    return { ...ctx.org, role: ctx.membership.role, memberCount };
  }),

  rename: orgProcedure('admin')
    .input(z.object({ name: organizationNameSchema }))
    .mutation(async ({ ctx, input }) => {
      // The slug stays: bookmarks and shared links keep working after a rename.
      await ctx.tx.update(organizations).set({ name: input.name }).where(eq(organizations.id, ctx.org.id));
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'organization.renamed',
        entityType: 'organization',
        entityId: ctx.org.id,
        before: { name: ctx.org.name },
        after: { name: input.name },
      });
      return { name: input.name };
    }),

  /** How the page customers answer on looks (Settings → General): everyone in the organization may see it. */
  branding: orgProcedure('viewer').query(async ({ ctx }) => {
    const [row] = await ctx.tx
      .select({ brandColour: organizations.brandColour, logo: organizations.logo })
      .from(organizations)
      .where(eq(organizations.id, ctx.org.id));
    return { brandColour: row?.brandColour ?? null, logo: row?.logo ?? null };
  }),

  /** Sets both at once; null clears one. The page checks them again when it shows them. */
  setBranding: orgProcedure('admin')
    .input(
      z.object({
        brandColour: z
          .string()
          .nullable()
          .refine((v) => v === null || isHexColour(v), { error: 'validation.brandColourFormat' })
          .refine((v) => v === null || !isHexColour(v) || readableBrandColour(v) !== null, { error: 'validation.brandColourContrast' }),
        logo: z
          .string()
          // Refused before it is decoded: a data URL is about 4/3 of the image.
          .max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 32, { error: 'validation.logoTooLarge' })
          .nullable()
          .superRefine((v, issue) => {
            const checked = v === null ? null : checkLogo(v);
            if (checked && !checked.ok) issue.addIssue({ code: 'custom', message: `validation.${checked.problem}` });
          }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const brandColour = input.brandColour?.toLowerCase() ?? null;
      const [before] = await ctx.tx
        .select({ brandColour: organizations.brandColour, logo: organizations.logo })
        .from(organizations)
        .where(eq(organizations.id, ctx.org.id));
      await ctx.tx
        .update(organizations)
        .set({ brandColour, logo: input.logo, updatedAt: new Date() })
        .where(eq(organizations.id, ctx.org.id));
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'organization.branding_changed',
        entityType: 'organization',
        entityId: ctx.org.id,
        // The image itself stays out of the audit log: whether there is one, and whether it changed, is enough.
        before: { brandColour: before?.brandColour ?? null, logo: Boolean(before?.logo) },
        after: { brandColour, logo: Boolean(input.logo), logoChanged: (before?.logo ?? null) !== input.logo },
      });
      return { brandColour, logo: input.logo };
    }),

  /** Everything the organization holds, as `npm run org:export` writes it (docs/operations.md). Owners only: it names every person. */
  exportArchive: orgSnapshotProcedure('owner').query(({ ctx }) => exportOrganization(ctx.db, ctx.org.id)),

  /**
   * Schedules the organization for deletion; `confirmName` must be its exact name. From then on
   * every procedure answers NOT_FOUND for everyone, as for an organization that does not exist,
   * until an owner restores it or the grace period ends and the worker removes it.
   */
  requestDeletion: orgProcedure('owner')
    .input(z.object({ confirmName: z.string().max(500) }))
    .mutation(({ ctx, input }) => requestOrganizationDeletion(ctx.tx, ctx, input.confirmName)),

  /** Takes a scheduled organization off the schedule; the only procedure that reaches one. */
  restore: orgProcedure('owner', { scheduledForDeletion: true }).mutation(async ({ ctx }) => {
    await restoreOrganization(ctx.tx, ctx);
    return { orgSlug: ctx.org.slug };
  }),
});
