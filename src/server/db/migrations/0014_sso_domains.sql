CREATE TABLE "sso_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"token" text NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sso_domains" ADD CONSTRAINT "sso_domains_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sso_domains_organisation_domain_key" ON "sso_domains" USING btree ("organisation_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_domains_verified_domain_key" ON "sso_domains" USING btree ("domain") WHERE "sso_domains"."verified_at" is not null;--> statement-breakpoint
ALTER TABLE "sso_connections" DROP COLUMN "issuer_url";--> statement-breakpoint
-- The domains sign-in methods allow already, listed to prove (not yet verified), each with a token of its own.
INSERT INTO "sso_domains" ("organisation_id", "domain", "token")
SELECT "organisation_id", "domain", replace(gen_random_uuid()::text, '-', '')
FROM (SELECT DISTINCT "organisation_id", unnest("allowed_domains") AS "domain" FROM "sso_connections") AS "allowed"
ON CONFLICT DO NOTHING;