CREATE TYPE "public"."person_status" AS ENUM('current', 'left');--> statement-breakpoint
CREATE TYPE "public"."person_type" AS ENUM('pupil', 'staff');--> statement-breakpoint
CREATE TYPE "public"."sync_mode" AS ENUM('full', 'delta');--> statement-breakpoint
CREATE TYPE "public"."sync_status" AS ENUM('queued', 'running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."wonde_connection_state" AS ENUM('pending', 'approved', 'declined', 'revoked', 'error');--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"type" "person_type" NOT NULL,
	"wonde_id" text NOT NULL,
	"mis_id" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"occupation" text,
	"nc_year" text,
	"education_details" jsonb,
	"status" "person_status" NOT NULL,
	"wonde_updated_at" timestamp with time zone,
	"wonde_restored_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"last_seen_sync_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"mode" "sync_mode" NOT NULL,
	"status" "sync_status" DEFAULT 'queued' NOT NULL,
	"trigger" text NOT NULL,
	"updated_after" timestamp with time zone,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"phase" text,
	"next_url" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"pages_fetched" integer DEFAULT 0 NOT NULL,
	"people_seen" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"left" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL,
	"restored" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "wonde_connections" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"wonde_school_id" text NOT NULL,
	"wonde_school_name" text NOT NULL,
	"wonde_school_address" text,
	"api_base_url" text NOT NULL,
	"state" "wonde_connection_state" NOT NULL,
	"state_reason" text,
	"token_sealed" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"synced_from" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wonde_connections" ADD CONSTRAINT "wonde_connections_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wonde_connections" ADD CONSTRAINT "wonde_connections_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "people_school_wonde_key" ON "people" USING btree ("school_id","wonde_id");--> statement-breakpoint
CREATE INDEX "people_organisation_school_idx" ON "people" USING btree ("organisation_id","school_id");--> statement-breakpoint
CREATE INDEX "sync_runs_school_queued_idx" ON "sync_runs" USING btree ("school_id","queued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_live_per_school_key" ON "sync_runs" USING btree ("school_id") WHERE "sync_runs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "wonde_connections_live_school_key" ON "wonde_connections" USING btree ("wonde_school_id") WHERE "wonde_connections"."state" in ('pending', 'approved');