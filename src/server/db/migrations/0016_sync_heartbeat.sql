ALTER TABLE "sync_runs" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;