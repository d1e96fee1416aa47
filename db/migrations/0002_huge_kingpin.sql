CREATE TABLE "sandbox_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appid" text NOT NULL,
	"merchant_ref" text NOT NULL,
	"merchant_shortname" text NOT NULL,
	"organization_type" text,
	"status" text DEFAULT 'auditing' NOT NULL,
	"apply_count" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decide_at" timestamp with time zone NOT NULL,
	"audit_detail" jsonb,
	"sub_mchid" text
);
--> statement-breakpoint
CREATE TABLE "sandbox_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"serial" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_media" (
	"media_id" text PRIMARY KEY NOT NULL,
	"pay_media_id" text NOT NULL,
	"appid" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_applications_ref" ON "sandbox_applications" USING btree ("appid","merchant_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_media_pay_media_id" ON "sandbox_media" USING btree ("pay_media_id");--> statement-breakpoint
CREATE INDEX "sandbox_tokens_appid_idx" ON "sandbox_tokens" USING btree ("appid","expires_at");