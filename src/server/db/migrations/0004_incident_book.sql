CREATE TYPE "public"."affected_person_kind" AS ENUM('pupil', 'staff', 'visitor', 'contractor', 'public', 'other');--> statement-breakpoint
CREATE TYPE "public"."incident_category" AS ENUM('accident_injury', 'near_miss', 'dangerous_occurrence', 'ill_health', 'violence_aggression', 'other');--> statement-breakpoint
CREATE TYPE "public"."incident_outcome" AS ENUM('returned_to_class_or_work', 'sent_home', 'hospital', 'ambulance_called', 'other');--> statement-breakpoint
CREATE TYPE "public"."incident_status" AS ENUM('open', 'under_review', 'closed');--> statement-breakpoint
CREATE TYPE "public"."riddor_decision" AS ENUM('undecided', 'not_reportable', 'reportable');--> statement-breakpoint
CREATE TABLE "incident_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" text,
	"done_at" timestamp with time zone,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"changes" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_injuries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"type" text NOT NULL,
	"body_part" text NOT NULL,
	"side" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reported_by_user_id" uuid NOT NULL,
	"location_id" uuid,
	"location_detail" text,
	"category" "incident_category" NOT NULL,
	"person_kind" "affected_person_kind" NOT NULL,
	"person_id" uuid,
	"person_name" text NOT NULL,
	"person_year_group" text,
	"person_occupation" text,
	"person_contact" text,
	"description" text NOT NULL,
	"head_injury" boolean DEFAULT false NOT NULL,
	"first_aid_given" boolean DEFAULT false NOT NULL,
	"first_aid_by" text,
	"first_aid_details" text,
	"outcome" "incident_outcome" NOT NULL,
	"witnesses" text,
	"immediate_actions" text,
	"status" "incident_status" DEFAULT 'open' NOT NULL,
	"closed_by_user_id" uuid,
	"closed_at" timestamp with time zone,
	"closure_note" text,
	"work_related" boolean,
	"work_related_reason" text,
	"taken_directly_to_hospital" boolean,
	"specified_injury" text,
	"incapacity_start_date" text,
	"incapacity_days" integer,
	"riddor_decision" "riddor_decision" DEFAULT 'undecided' NOT NULL,
	"riddor_reference" text,
	"riddor_reported_on" text,
	"riddor_reported_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_actions" ADD CONSTRAINT "incident_actions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_history" ADD CONSTRAINT "incident_history_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_history" ADD CONSTRAINT "incident_history_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_injuries" ADD CONSTRAINT "incident_injuries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_actions_incident_idx" ON "incident_actions" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_history_incident_idx" ON "incident_history" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incident_injuries_incident_idx" ON "incident_injuries" USING btree ("incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_organisation_number_key" ON "incidents" USING btree ("organisation_id","number");--> statement-breakpoint
CREATE INDEX "incidents_organisation_school_occurred_idx" ON "incidents" USING btree ("organisation_id","school_id","occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_person_idx" ON "incidents" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "locations_school_name_key" ON "locations" USING btree ("school_id",lower("name"));