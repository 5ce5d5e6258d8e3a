-- Per-source level-history indexes that queries can use under row-level security (see
-- docs/performance.md): the enum comparison `source = 'team'` is not leakproof, so under RLS it
-- cannot be an index condition in the middle of a key; as a partial-index predicate it is proved
-- at plan time instead. The key matches "latest event before D" and "events inside a period",
-- and level is included, so both are index-only scans without a sort.
CREATE INDEX IF NOT EXISTS level_events_team_history_idx
  ON level_events (org_id, account_id, effective_at, id) INCLUDE (level) WHERE source = 'team';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS level_events_customer_history_idx
  ON level_events (org_id, account_id, effective_at, id) INCLUDE (level) WHERE source = 'customer';
