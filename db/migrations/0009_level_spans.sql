CREATE TABLE "level_spans" (
	"org_id" uuid NOT NULL,
	"start_event_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"source" "level_source" NOT NULL,
	"level" smallint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "level_spans_org_id_start_event_id_pk" PRIMARY KEY("org_id","start_event_id"),
	CONSTRAINT "level_spans_level_check" CHECK ("level_spans"."level" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "level_spans" ADD CONSTRAINT "level_spans_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_spans" ADD CONSTRAINT "level_spans_org_id_start_event_id_level_events_org_id_id_fk" FOREIGN KEY ("org_id","start_event_id") REFERENCES "public"."level_events"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "level_spans_org_account_idx" ON "level_spans" USING btree ("org_id","account_id","source");--> statement-breakpoint
-- Per-source indexes for "the runs of this source that overlap a period" (ends_at from the
-- period's start on). Partial on the source because the enum comparison is not leakproof and so
-- cannot be an index condition under row-level security (docs/performance.md); the included
-- columns make the period views index-only scans.
CREATE INDEX level_spans_team_period_idx
  ON level_spans (org_id, ends_at) INCLUDE (account_id, starts_at, start_event_id, level) WHERE source = 'team';--> statement-breakpoint
CREATE INDEX level_spans_customer_period_idx
  ON level_spans (org_id, ends_at) INCLUDE (account_id, starts_at, start_event_id, level) WHERE source = 'customer';--> statement-breakpoint
-- Row-level security as on every tenant table (see 0001 and docs/tenancy.md). The application
-- role rewrites an account's runs when it appends to the history, so it may delete them too:
-- they are derived, the history itself stays append-only.
ALTER TABLE level_spans ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE level_spans FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON level_spans
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON level_spans TO rung_app;--> statement-breakpoint
-- The runs of the history so far (the same statement as rebuildLevelSpans in server/level-history.ts).
INSERT INTO level_spans (org_id, start_event_id, account_id, source, level, starts_at, ends_at)
SELECT r.org_id, r.id, r.account_id, r.source, r.level, r.effective_at,
  coalesce(lead(r.effective_at) OVER (PARTITION BY r.org_id, r.account_id, r.source ORDER BY r.effective_at, r.id), 'infinity')
FROM (
  SELECT e.org_id, e.id, e.account_id, e.source, e.level, e.effective_at,
    lag(e.level) OVER (PARTITION BY e.org_id, e.account_id, e.source ORDER BY e.effective_at, e.id) AS previous_level
  FROM level_events e
) r
WHERE r.previous_level IS DISTINCT FROM r.level;
