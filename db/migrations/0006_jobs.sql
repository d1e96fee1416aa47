CREATE TABLE "job_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"leased_until" timestamp with time zone DEFAULT '1970-01-01T00:00:00.000Z' NOT NULL,
	"lease_owner" text,
	"next_run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_duration_ms" integer,
	"last_rows" integer,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"runs" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL
);
