CREATE TABLE "customer_level_runs" (
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"level" smallint,
	CONSTRAINT "customer_level_runs_org_id_account_id_starts_at_pk" PRIMARY KEY("org_id","account_id","starts_at"),
	CONSTRAINT "customer_level_runs_level_check" CHECK ("customer_level_runs"."level" between 1 and 5),
	CONSTRAINT "customer_level_runs_order_check" CHECK ("customer_level_runs"."starts_at" < "customer_level_runs"."ends_at")
);
--> statement-breakpoint
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_customer_level_check";--> statement-breakpoint
DROP INDEX "accounts_org_customer_level_idx";--> statement-breakpoint
ALTER TABLE "customer_level_runs" ADD CONSTRAINT "customer_level_runs_org_id_account_id_accounts_org_id_id_fk" FOREIGN KEY ("org_id","account_id") REFERENCES "public"."accounts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" DROP COLUMN "customer_level";--> statement-breakpoint
ALTER TABLE "accounts" DROP COLUMN "customer_level_at";;--> statement-breakpoint
-- "The runs that overlap a period" for the dashboard's period views, index-only.
CREATE INDEX customer_level_runs_period_idx ON customer_level_runs (org_id, ends_at) INCLUDE (account_id, starts_at, level);--> statement-breakpoint
-- The runs of the answers given so far: the statement of server/customer-level-runs.ts, for every
-- organization with its own freshness window.
INSERT INTO customer_level_runs (org_id, account_id, starts_at, ends_at, level)
WITH answers AS (
  SELECT a.org_id, a.account_id, a.id, a.level, a.created_at AS answered_at,
    coalesce(a.contact_id::text, 'link:' || l.respondent_link_id::text) AS stakeholder,
    (date_trunc('day', a.created_at AT TIME ZONE 'UTC') + make_interval(months => o.customer_answer_freshness_months)) AT TIME ZONE 'UTC' AS expires_at
  FROM confirmation_answers a
  JOIN organizations o ON o.id = a.org_id
  JOIN confirmation_links l ON l.org_id = a.org_id AND l.id = a.link_id
  LEFT JOIN contacts c ON c.org_id = a.org_id AND c.id = a.contact_id
  WHERE a.contact_id IS NULL OR c.archived_at IS NULL
),
counted AS (
  SELECT org_id, account_id, level, answered_at AS valid_from,
    least(expires_at, coalesce(lead(answered_at) OVER (PARTITION BY org_id, account_id, stakeholder ORDER BY answered_at, id), 'infinity')) AS valid_to
  FROM answers
),
breaks AS (
  SELECT org_id, account_id, valid_from AS at FROM counted
  UNION
  SELECT org_id, account_id, valid_to FROM counted WHERE valid_to <> 'infinity'
),
stretches AS (
  SELECT b.org_id, b.account_id, b.at AS starts_at,
    floor(percentile_cont(0.5) WITHIN GROUP (ORDER BY c.level))::smallint AS level
  FROM breaks b
  LEFT JOIN counted c ON c.org_id = b.org_id AND c.account_id = b.account_id AND c.valid_from <= b.at AND c.valid_to > b.at
  GROUP BY b.org_id, b.account_id, b.at
),
changes AS (
  SELECT s.*, row_number() OVER w = 1 OR lag(s.level) OVER w IS DISTINCT FROM s.level AS starts_run
  FROM stretches s
  WINDOW w AS (PARTITION BY s.org_id, s.account_id ORDER BY s.starts_at)
)
SELECT org_id, account_id, starts_at,
  coalesce(lead(starts_at) OVER (PARTITION BY org_id, account_id ORDER BY starts_at), 'infinity'), level
FROM changes WHERE starts_run;--> statement-breakpoint
-- Row-level security as on every tenant table (see 0001 and docs/tenancy.md). The runs are
-- derived: the application role rewrites an account's runs, so it may delete them.
ALTER TABLE customer_level_runs ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE customer_level_runs FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON customer_level_runs
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON customer_level_runs TO rung_app;
