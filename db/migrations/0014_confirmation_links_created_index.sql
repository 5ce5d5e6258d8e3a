-- The dashboard's response rate reads the links created in a period; without this it scanned every
-- link the organization ever sent (docs/performance.md). Covering, so it is an index-only scan.
CREATE INDEX confirmation_links_org_created_idx ON confirmation_links (org_id, created_at) INCLUDE (account_id, contact_id, last_answered_at);
