CREATE TYPE "public"."buying_role" AS ENUM('economic_buyer', 'user', 'technical', 'coach', 'other');--> statement-breakpoint
CREATE TYPE "public"."assessment_status" AS ENUM('open', 'revealed', 'closed');--> statement-breakpoint
CREATE TYPE "public"."level_source" AS ENUM('team', 'customer');--> statement-breakpoint
CREATE TYPE "public"."action_status" AS ENUM('open', 'doing', 'done', 'dropped');--> statement-breakpoint
CREATE TABLE "account_followers" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_followers_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "account_followers_org_account_user_key" UNIQUE("org_id","account_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"segment" text,
	"owner_user_id" uuid,
	"annual_revenue" numeric(16, 2),
	"currency" text,
	"target_level" smallint,
	"target_date" date,
	"notes" text,
	"team_level" smallint,
	"team_level_at" timestamp with time zone,
	"customer_level" smallint,
	"customer_level_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "accounts_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "accounts_target_level_check" CHECK ("accounts"."target_level" between 1 and 5),
	CONSTRAINT "accounts_team_level_check" CHECK ("accounts"."team_level" between 1 and 5),
	CONSTRAINT "accounts_customer_level_check" CHECK ("accounts"."customer_level" between 1 and 5),
	CONSTRAINT "accounts_currency_check" CHECK ("accounts"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"title" text,
	"buying_role" "buying_role" DEFAULT 'other' NOT NULL,
	"language" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "contacts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_voters" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_voters_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "assessment_voters_org_assessment_user_key" UNIQUE("org_id","assessment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"status" "assessment_status" DEFAULT 'open' NOT NULL,
	"blind" boolean DEFAULT true NOT NULL,
	"started_by_user_id" uuid NOT NULL,
	"revealed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by_user_id" uuid,
	"team_level" smallint,
	"close_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "assessments_team_level_check" CHECK ("assessments"."team_level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "level_events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"source" "level_source" NOT NULL,
	"level" smallint NOT NULL,
	"effective_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assessment_id" uuid,
	"contact_id" uuid,
	"recorded_by_user_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "level_events_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "level_events_level_check" CHECK ("level_events"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "level_signals" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"label_en" text NOT NULL,
	"label_sv" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "level_signals_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "level_signals_level_check" CHECK ("level_signals"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"voter_user_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"rationale" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "votes_org_assessment_voter_key" UNIQUE("org_id","assessment_id","voter_user_id"),
	CONSTRAINT "votes_level_check" CHECK ("votes"."level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"method_id" uuid,
	"title" text NOT NULL,
	"target_level" smallint NOT NULL,
	"owner_user_id" uuid,
	"due_date" date,
	"status" "action_status" DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "actions_target_level_check" CHECK ("actions"."target_level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "playbook_methods" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"from_level" smallint NOT NULL,
	"name_en" text NOT NULL,
	"name_sv" text NOT NULL,
	"description_en" text NOT NULL,
	"description_sv" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbook_methods_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "playbook_methods_from_level_check" CHECK ("playbook_methods"."from_level" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "account_imports" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"total_rows" integer NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_imports_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"mentioned_user_ids" uuid[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "account_id" uuid;--> statement-breakpoint
ALTER TABLE "account_followers" ADD CONSTRAINT "account_followers_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_followers" ADD CONSTRAINT "account_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_voters" ADD CONSTRAINT "assessment_voters_org_id_assessment_id_assessments_org_id_id_fk" FOREIGN KEY ("org_id","assessment_id") REFERENCES "public"."assessments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_voters" ADD CONSTRAINT "assessment_voters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_started_by_user_id_users_id_fk" FOREIGN KEY ("started_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_events" ADD CONSTRAINT "level_events_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_events" ADD CONSTRAINT "level_events_org_id_assessment_id_assessments_org_id_id_fk" FOREIGN KEY ("org_id","assessment_id") REFERENCES "public"."assessments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_events" ADD CONSTRAINT "level_events_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_events" ADD CONSTRAINT "level_events_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_org_id_assessment_id_assessments_org_id_id_fk" FOREIGN KEY ("org_id","assessment_id") REFERENCES "public"."assessments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_voter_user_id_users_id_fk" FOREIGN KEY ("voter_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_org_id_method_id_playbook_methods_org_id_id_fk" FOREIGN KEY ("org_id","method_id") REFERENCES "public"."playbook_methods"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_imports" ADD CONSTRAINT "account_imports_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_followers_user_idx" ON "account_followers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_org_domain_key" ON "accounts" USING btree ("org_id","domain") WHERE "accounts"."domain" is not null and "accounts"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "accounts_org_name_idx" ON "accounts" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "accounts_org_owner_idx" ON "accounts" USING btree ("org_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "accounts_org_segment_idx" ON "accounts" USING btree ("org_id","segment");--> statement-breakpoint
CREATE INDEX "accounts_org_team_level_idx" ON "accounts" USING btree ("org_id","team_level");--> statement-breakpoint
CREATE INDEX "accounts_org_customer_level_idx" ON "accounts" USING btree ("org_id","customer_level");--> statement-breakpoint
CREATE INDEX "accounts_org_team_level_at_idx" ON "accounts" USING btree ("org_id","team_level_at");--> statement-breakpoint
CREATE INDEX "accounts_owner_user_idx" ON "accounts" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "accounts_updated_by_idx" ON "accounts" USING btree ("updated_by_user_id");--> statement-breakpoint
CREATE INDEX "contacts_org_account_idx" ON "contacts" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "assessment_voters_user_idx" ON "assessment_voters" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "assessments_org_account_created_idx" ON "assessments" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_one_open_per_account" ON "assessments" USING btree ("org_id","account_id") WHERE "assessments"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "assessments_started_by_idx" ON "assessments" USING btree ("started_by_user_id");--> statement-breakpoint
CREATE INDEX "assessments_closed_by_idx" ON "assessments" USING btree ("closed_by_user_id");--> statement-breakpoint
CREATE INDEX "level_events_org_account_source_time_idx" ON "level_events" USING btree ("org_id","account_id","source","effective_at");--> statement-breakpoint
CREATE INDEX "level_events_org_source_time_idx" ON "level_events" USING btree ("org_id","source","effective_at");--> statement-breakpoint
CREATE INDEX "level_events_org_assessment_idx" ON "level_events" USING btree ("org_id","assessment_id");--> statement-breakpoint
CREATE INDEX "level_events_org_contact_idx" ON "level_events" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE INDEX "level_events_recorded_by_idx" ON "level_events" USING btree ("recorded_by_user_id");--> statement-breakpoint
CREATE INDEX "level_signals_org_level_idx" ON "level_signals" USING btree ("org_id","level","position");--> statement-breakpoint
CREATE INDEX "votes_voter_idx" ON "votes" USING btree ("voter_user_id");--> statement-breakpoint
CREATE INDEX "actions_org_account_idx" ON "actions" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "actions_org_method_idx" ON "actions" USING btree ("org_id","method_id");--> statement-breakpoint
CREATE INDEX "actions_org_owner_status_due_idx" ON "actions" USING btree ("org_id","owner_user_id","status","due_date");--> statement-breakpoint
CREATE INDEX "actions_owner_user_idx" ON "actions" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "actions_created_by_idx" ON "actions" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "playbook_methods_org_level_idx" ON "playbook_methods" USING btree ("org_id","from_level","position");--> statement-breakpoint
CREATE INDEX "account_imports_org_created_idx" ON "account_imports" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "account_imports_created_by_idx" ON "account_imports" USING btree ("created_by_user_id");--> statement-breakpoint
CREATE INDEX "comments_org_account_created_idx" ON "comments" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "comments_author_idx" ON "comments" USING btree ("author_user_id");--> statement-breakpoint
CREATE INDEX "notifications_org_user_created_idx" ON "notifications" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_org_account_idx" ON "notifications" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_org_account_created_idx" ON "audit_events" USING btree ("org_id","account_id","created_at");