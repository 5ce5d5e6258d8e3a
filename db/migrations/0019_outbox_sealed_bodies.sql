-- hand-written:
-- Email bodies are stored sealed from now on (server/adapters/secrets.ts). Those written before
-- hold their invitation or customer link in plain text, and SQL cannot seal them (the key comes
-- from AUTH_SECRET, outside the database): take the links out instead, so that no copy of the
-- database hands out a working one. Whoever was sent such a link still has it in their email.
UPDATE outbox_messages
   SET body_text = regexp_replace(body_text, '\S+/(invite|c)/[A-Za-z0-9_-]{20,}', '[link removed]', 'g')
 WHERE body_text NOT LIKE 'sealed:v1:%';
--> statement-breakpoint
-- Customer emails count against hourly limits inside the transaction that sends them
-- (server/domain/customer-email.ts), so the application role keeps those counters too. The table
-- holds no organization's data: counters keyed by what is limited.
GRANT SELECT, INSERT, UPDATE ON rate_limits TO rung_app;
