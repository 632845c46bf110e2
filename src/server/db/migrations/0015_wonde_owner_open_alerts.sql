-- Where a Wonde school had a live connection and older ended ones, or only ended ones, the live
-- one (else the most recently requested) keeps it; the others are released, with their synced
-- directory, as the grace period after an ended access would have released them.
WITH "released" AS (
  DELETE FROM "wonde_connections" w
    USING "wonde_connections" o
    WHERE w."wonde_school_id" = o."wonde_school_id"
      AND w."school_id" <> o."school_id"
      AND (
        (o."state" IN ('pending', 'approved') AND w."state" NOT IN ('pending', 'approved'))
        OR (
          (o."state" IN ('pending', 'approved')) = (w."state" IN ('pending', 'approved'))
          AND (o."requested_at", o."school_id") > (w."requested_at", w."school_id")
        )
      )
    RETURNING w."school_id"
), "purged" AS (
  DELETE FROM "people" WHERE "school_id" IN (SELECT "school_id" FROM "released")
)
UPDATE "schools" SET "wonde_school_id" = NULL WHERE "id" IN (SELECT "school_id" FROM "released");--> statement-breakpoint
DROP INDEX "wonde_connections_live_school_key";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "open_alert_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "wonde_connections_wonde_school_key" ON "wonde_connections" USING btree ("wonde_school_id");
