ALTER TABLE "incidents" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "idempotency_fingerprint" text;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_idempotency_key" ON "incidents" USING btree ("organisation_id","reported_by_user_id","idempotency_key") WHERE "incidents"."idempotency_key" is not null;