-- The respondent behind an unnamed link: the first link sent to them. A new link is its own
-- respondent; a link sent again inherits the respondent of the link it replaced.
ALTER TABLE "confirmation_links" ADD COLUMN "respondent_link_id" uuid;--> statement-breakpoint
-- Links sent again before this column existed: follow the audit trail ("confirmation.link_resent",
-- entity = the new link, before.linkId = the one it replaced) back to the first link.
WITH RECURSIVE chain (link_id, first_id) AS (
  SELECT l.id, l.id FROM confirmation_links l
  WHERE NOT EXISTS (
    SELECT 1 FROM audit_events a
    WHERE a.org_id = l.org_id AND a.action = 'confirmation.link_resent' AND a.entity_id = l.id
  )
  UNION ALL
  SELECT a.entity_id, c.first_id
  FROM chain c
  JOIN confirmation_links l ON l.id = c.link_id
  JOIN audit_events a ON a.org_id = l.org_id AND a.action = 'confirmation.link_resent' AND a.before ->> 'linkId' = c.link_id::text
)
UPDATE confirmation_links l SET respondent_link_id = c.first_id FROM chain c WHERE c.link_id = l.id;--> statement-breakpoint
UPDATE confirmation_links SET respondent_link_id = id WHERE respondent_link_id IS NULL;--> statement-breakpoint
ALTER TABLE "confirmation_links" ALTER COLUMN "respondent_link_id" SET NOT NULL;
