ALTER TABLE "audit_events" ADD COLUMN "school_id" uuid;--> statement-breakpoint
CREATE INDEX "audit_events_organisation_school_idx" ON "audit_events" USING btree ("organisation_id","school_id","id");--> statement-breakpoint
-- Events already recorded about a school or one of its places name their school.
UPDATE "audit_events" SET "school_id" = "target_id"::uuid
  WHERE "target_type" = 'school' AND "target_id" ~ '^[0-9a-f-]{36}$';--> statement-breakpoint
UPDATE "audit_events" e SET "school_id" = l."school_id"
  FROM "locations" l
  WHERE e."target_type" = 'location' AND e."target_id" = l."id"::text;
