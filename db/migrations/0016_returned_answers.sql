CREATE TABLE "returned_answers" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"answer" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "returned_answers_expires_idx" ON "returned_answers" USING btree ("expires_at");