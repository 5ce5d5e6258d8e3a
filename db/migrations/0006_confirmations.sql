CREATE TABLE "confirmation_answers" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"level" smallint NOT NULL,
	"desired_level" smallint,
	"move_up" text,
	"respondent_name" text,
	"respondent_title" text,
	"comment" text,
	"submission_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "confirmation_answers_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "confirmation_answers_org_link_submission_key" UNIQUE("org_id","link_id","submission_key"),
	CONSTRAINT "confirmation_answers_level_check" CHECK ("confirmation_answers"."level" between 1 and 5),
	CONSTRAINT "confirmation_answers_desired_level_check" CHECK ("confirmation_answers"."desired_level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "confirmation_links" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid,
	"token_hash" text NOT NULL,
	"language" text NOT NULL,
	"personal_message" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"sent_at" timestamp with time zone,
	"first_opened_at" timestamp with time zone,
	"last_answered_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "confirmation_links_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "confirmation_links_token_hash_key" UNIQUE("token_hash"),
	CONSTRAINT "confirmation_links_language_check" CHECK ("confirmation_links"."language" in ('en', 'sv'))
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "customer_answer_freshness_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "confirmation_answers" ADD CONSTRAINT "confirmation_answers_org_id_link_id_confirmation_links_org_id_id_fk" FOREIGN KEY ("org_id","link_id") REFERENCES "public"."confirmation_links"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmation_answers" ADD CONSTRAINT "confirmation_answers_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmation_answers" ADD CONSTRAINT "confirmation_answers_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmation_links" ADD CONSTRAINT "confirmation_links_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmation_links" ADD CONSTRAINT "confirmation_links_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmation_links" ADD CONSTRAINT "confirmation_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "confirmation_answers_org_account_created_idx" ON "confirmation_answers" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "confirmation_answers_org_contact_idx" ON "confirmation_answers" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE INDEX "confirmation_links_org_account_idx" ON "confirmation_links" USING btree ("org_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "confirmation_links_org_contact_idx" ON "confirmation_links" USING btree ("org_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "confirmation_links_created_by_idx" ON "confirmation_links" USING btree ("created_by_user_id");