ALTER TABLE "incidents" ADD COLUMN "riddor_suggestion" text DEFAULT 'needs_answers' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "riddor_deadline" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "repeat_threshold" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "repeat_window_days" integer DEFAULT 30 NOT NULL;