ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verification_token_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verification_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_verification_token_key" ON "users" USING btree ("email_verification_token_hash");--> statement-breakpoint
-- hand-written:
-- Nobody's address was ever proven by a link. People who only ever signed in through single sign-on
-- were let in on their identity provider's word, and the demo people's addresses are the demo's own;
-- everyone else confirms their address once, from the banner.
UPDATE users SET email_verified_at = created_at
  WHERE password_hash IS NULL
     OR lower(email) IN ('demo@rung.example', 'erik.admin@rung.example', 'sara.member@rung.example', 'exec@rung.example');
