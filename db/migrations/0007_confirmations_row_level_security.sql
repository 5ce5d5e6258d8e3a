-- Row-level security for customer confirmations (see 0001 and docs/tenancy.md). Answers are
-- append-only: the application role may insert and read them, never change them.
ALTER TABLE confirmation_links ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE confirmation_links FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON confirmation_links
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON confirmation_links TO rung_app;--> statement-breakpoint

ALTER TABLE confirmation_answers ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE confirmation_answers FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON confirmation_answers
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT ON confirmation_answers TO rung_app;
