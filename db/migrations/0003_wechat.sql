DROP TABLE "sandbox_applications" CASCADE;--> statement-breakpoint
CREATE TABLE "sandbox_applications" (
	"appid" text PRIMARY KEY NOT NULL,
	"applyment_id" text NOT NULL,
	"merchant_shortname" text NOT NULL,
	"organization_type" text,
	"record" jsonb NOT NULL,
	"state" text NOT NULL,
	"apply_count" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_step_at" timestamp with time zone,
	"audit_detail" jsonb,
	"account_validation" jsonb,
	"sub_mchid" text
);
--> statement-breakpoint
CREATE TABLE "sandbox_login_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"openid" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);

--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'checking' BEFORE 'finished';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'account_verification' BEFORE 'finished';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'auditing' BEFORE 'finished';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'to_be_signed' BEFORE 'finished';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'legal_validation' BEFORE 'finished';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'frozen';--> statement-breakpoint
ALTER TYPE "public"."application_status" ADD VALUE 'canceled';--> statement-breakpoint
DROP INDEX "applications_poll_idx";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "wechat_state" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "wechat_handoff" jsonb;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "wechat_unknown_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "applications_poll_idx" ON "applications" USING btree ("next_poll_at") WHERE "applications"."next_poll_at" is not null;