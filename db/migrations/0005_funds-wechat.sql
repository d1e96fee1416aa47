ALTER TYPE "public"."withdrawal_status" ADD VALUE 'submitting' BEFORE 'created';--> statement-breakpoint
ALTER TYPE "public"."withdrawal_status" ADD VALUE 'awaiting_scan' BEFORE 'created';--> statement-breakpoint
ALTER TYPE "public"."withdrawal_status" ADD VALUE 'scan_refused' BEFORE 'created';--> statement-breakpoint
ALTER TYPE "public"."withdrawal_status" ADD VALUE 'scan_expired' BEFORE 'created';--> statement-breakpoint
CREATE TABLE "wechat_funds_flow_days" (
	"merchant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"flows" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wechat_funds_flow_days_merchant_id_day_pk" PRIMARY KEY("merchant_id","day")
);
--> statement-breakpoint
CREATE TABLE "wechat_funds_flows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"funds_flow_id" text NOT NULL,
	"bookkeeping_date" date NOT NULL,
	"bookkeeping_time" text,
	"type" text,
	"flow_type" text,
	"busi_type" text,
	"request_no" text,
	"amount_minor" bigint NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_funds_bank_accounts" (
	"appid" text PRIMARY KEY NOT NULL,
	"account_sealed" text,
	"pending_sealed" text,
	"verify_at" timestamp with time zone,
	"verify_fail_reason" text DEFAULT '' NOT NULL,
	"changes_day" date,
	"changes" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_funds_flows" (
	"funds_flow_id" text PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"type" text NOT NULL,
	"busi_type" text NOT NULL,
	"request_no" text NOT NULL,
	"amount" bigint NOT NULL,
	"bookkeeping_time" timestamp with time zone NOT NULL,
	"settles_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_funds_withdrawals" (
	"out_request_no" text PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"amount" bigint NOT NULL,
	"remark" text DEFAULT '' NOT NULL,
	"bank_memo" text DEFAULT '' NOT NULL,
	"qrcode_ticket" text NOT NULL,
	"scan_status" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'BEFORE_SCAN_QRCODE' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"qrcode_expires_at" timestamp with time zone NOT NULL,
	"next_step_at" timestamp with time zone,
	"create_time" timestamp with time zone NOT NULL,
	"update_time" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "out_request_no" text;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "qrcode_ticket" text;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "scan_status" integer;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "wechat_status" text;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "settlement_account_changes" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wechat_funds_flow_days" ADD CONSTRAINT "wechat_funds_flow_days_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_funds_flows" ADD CONSTRAINT "wechat_funds_flows_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_funds_flows_once" ON "wechat_funds_flows" USING btree ("merchant_id","funds_flow_id");--> statement-breakpoint
CREATE INDEX "wechat_funds_flows_day_idx" ON "wechat_funds_flows" USING btree ("merchant_id","bookkeeping_date");--> statement-breakpoint
CREATE INDEX "sandbox_funds_flows_day_idx" ON "sandbox_funds_flows" USING btree ("appid","bookkeeping_time");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_funds_flows_once" ON "sandbox_funds_flows" USING btree ("appid","busi_type","type","request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_funds_withdrawals_ticket" ON "sandbox_funds_withdrawals" USING btree ("qrcode_ticket");--> statement-breakpoint
CREATE INDEX "sandbox_funds_withdrawals_list_idx" ON "sandbox_funds_withdrawals" USING btree ("appid","create_time");--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_out_request_no_key" ON "withdrawals" USING btree ("merchant_id","out_request_no") WHERE "withdrawals"."out_request_no" is not null;