CREATE TYPE "public"."campaign_message_status" AS ENUM('queued', 'sent', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "campaigns" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"selection" jsonb NOT NULL,
	"buying_roles" "buying_role"[] DEFAULT '{}' NOT NULL,
	"language_mode" text NOT NULL,
	"language" text NOT NULL,
	"personal_message" text,
	"expires_in_days" integer NOT NULL,
	"reminders" smallint NOT NULL,
	"reminder_days" smallint NOT NULL,
	"app_url" text NOT NULL,
	"account_count" integer NOT NULL,
	"asked_count" integer NOT NULL,
	"skipped" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "campaigns_language_mode_check" CHECK ("campaigns"."language_mode" in ('contact', 'fixed')),
	CONSTRAINT "campaigns_language_check" CHECK ("campaigns"."language" in ('en', 'sv')),
	CONSTRAINT "campaigns_reminders_check" CHECK ("campaigns"."reminders" between 0 and 5),
	CONSTRAINT "campaigns_reminder_days_check" CHECK ("campaigns"."reminder_days" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "campaign_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"sequence" smallint NOT NULL,
	"status" "campaign_message_status" DEFAULT 'queued' NOT NULL,
	"reason" text,
	"due_at" timestamp with time zone NOT NULL,
	"outbox_message_id" uuid,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_messages_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "campaign_messages_org_link_sequence_key" UNIQUE("org_id","link_id","sequence"),
	CONSTRAINT "campaign_messages_sequence_check" CHECK ("campaign_messages"."sequence" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 6 NOT NULL,
	"last_error" text,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"idempotency_key" text NOT NULL,
	"done_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "jobs_org_idempotency_key" UNIQUE("org_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "confirmation_quiet_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "confirmation_links" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_messages" ADD CONSTRAINT "campaign_messages_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_messages" ADD CONSTRAINT "campaign_messages_org_id_link_id_confirmation_links_org_id_id_fk" FOREIGN KEY ("org_id","link_id") REFERENCES "public"."confirmation_links"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_messages" ADD CONSTRAINT "campaign_messages_org_id_outbox_message_id_outbox_messages_org_id_id_fk" FOREIGN KEY ("org_id","outbox_message_id") REFERENCES "public"."outbox_messages"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_org_created_idx" ON "campaigns" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "campaigns_created_by_idx" ON "campaigns" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "campaign_messages_org_campaign_idx" ON "campaign_messages" USING btree ("org_id","campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_messages_org_outbox_idx" ON "campaign_messages" USING btree ("org_id","outbox_message_id");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."done_at" is null and "jobs"."failed_at" is null;--> statement-breakpoint
ALTER TABLE "confirmation_links" ADD CONSTRAINT "confirmation_links_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "confirmation_links_org_campaign_idx" ON "confirmation_links" USING btree ("org_id","campaign_id");--> statement-breakpoint
-- The quiet period is a whole number of days an administrator chooses, 0 to 365.
ALTER TABLE organizations ADD CONSTRAINT organizations_confirmation_quiet_days_check CHECK (confirmation_quiet_days between 0 and 365);--> statement-breakpoint
-- Row-level security as on every tenant table (see 0001 and docs/tenancy.md).
ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON campaigns
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON campaigns TO rung_app;--> statement-breakpoint
ALTER TABLE campaign_messages ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE campaign_messages FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON campaign_messages
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON campaign_messages TO rung_app;--> statement-breakpoint
-- Jobs: an organization enqueues and completes its own jobs inside withOrg; claiming across
-- organizations is the worker's, through the owner connection (docs/jobs.md). Never deleted by the app.
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON jobs
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON jobs TO rung_app;
