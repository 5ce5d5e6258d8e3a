ALTER TABLE "memberships" ADD COLUMN "checklist_dismissed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "sample" boolean DEFAULT false NOT NULL;