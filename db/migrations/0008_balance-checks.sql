CREATE TABLE "wechat_balance_checks" (
	"merchant_id" uuid PRIMARY KEY NOT NULL,
	"wechat_available_minor" bigint NOT NULL,
	"wechat_pending_minor" bigint NOT NULL,
	"ledger_available_minor" bigint NOT NULL,
	"ledger_pending_minor" bigint NOT NULL,
	"difference_minor" bigint NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wechat_balance_checks" ADD CONSTRAINT "wechat_balance_checks_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wechat_balance_checks_differing_idx" ON "wechat_balance_checks" USING btree ("checked_at") WHERE "wechat_balance_checks"."difference_minor" <> 0;