ALTER TABLE "people" ADD COLUMN "legal_first_name" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "legal_last_name" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "people_search_trgm_idx" ON "people" USING gin ("search_text" gin_trgm_ops);