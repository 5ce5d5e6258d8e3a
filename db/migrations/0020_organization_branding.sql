ALTER TABLE "organizations" ADD COLUMN "brand_colour" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "logo" text;