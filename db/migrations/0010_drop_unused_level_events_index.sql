-- (org_id, source, effective_at) served no query: under row-level security only org_id can be an
-- index condition there (the enum comparison is not leakproof, see docs/performance.md), and the
-- per-source indexes of 0008 and level_spans (0009) answer every query by source. One index less
-- to write on each append.
DROP INDEX IF EXISTS "level_events_org_source_time_idx";
