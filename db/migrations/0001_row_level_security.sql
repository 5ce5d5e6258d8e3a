-- Lock 2 of the tenancy design (see docs/tenancy.md): row-level security on every tenant table.
-- drizzle-kit emits neither FORCE nor grants, so they live in this hand-written migration.
-- Every later migration that adds a tenant table must add the same four statements for it;
-- tests/integration/schema.test.ts fails until it does.

-- The role that withOrg() switches to: not a superuser, not the owner, so policies always apply.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rung_app') THEN
    CREATE ROLE rung_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role(current_user, 'rung_app', 'MEMBER') THEN
    EXECUTE format('GRANT rung_app TO %I', current_user);
  END IF;
END
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO rung_app;--> statement-breakpoint

-- Tenant tables: one policy each, on the organization set by withOrg() for this transaction.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO rung_app;--> statement-breakpoint

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON invitations
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON invitations TO rung_app;--> statement-breakpoint

ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE outbox_messages FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON outbox_messages
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON outbox_messages TO rung_app;--> statement-breakpoint

-- The audit log is append-only: no UPDATE or DELETE grant for the application role.
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_events
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO rung_app;--> statement-breakpoint

-- The organization itself: inside withOrg() only the current one is visible, and it can be renamed.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY current_organization ON organizations
  USING (id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, UPDATE ON organizations TO rung_app;--> statement-breakpoint

-- Users are global, but inside withOrg() a tenant sees only the people who are its members.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY members_of_current_organization ON users FOR SELECT
  USING (id IN (SELECT user_id FROM memberships));--> statement-breakpoint
GRANT SELECT ON users TO rung_app;
