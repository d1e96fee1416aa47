CREATE TABLE "payment_daily_rollups" (
	"merchant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"currency" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"volume_minor" bigint DEFAULT 0 NOT NULL,
	"fees_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "payment_daily_rollups_merchant_id_day_currency_pk" PRIMARY KEY("merchant_id","day","currency")
);
--> statement-breakpoint
DROP INDEX "payments_summary_idx";--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "fee_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_daily_rollups" ADD CONSTRAINT "payment_daily_rollups_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_amount_idx" ON "payments" USING btree ("merchant_id","amount_minor");
--> statement-breakpoint
-- Written by hand: drizzle-kit cannot express triggers. Keeps payment_daily_rollups equal to the
-- aggregate of payments in the same transaction as every insert, update or delete, one upsert per
-- statement (transition tables), so a bulk insert costs one pass, not one upsert per row.
UPDATE "payments" p SET "fee_minor" = -l."amount_minor"
  FROM "ledger_entries" l WHERE l."kind" = 'fee' AND l."payment_id" = p."id";
--> statement-breakpoint
INSERT INTO "payment_daily_rollups" ("merchant_id", "day", "currency", "count", "succeeded", "volume_minor", "fees_minor")
  SELECT "merchant_id", ("created_at" AT TIME ZONE 'Asia/Shanghai')::date, "currency", count(*)::int,
    (count(*) FILTER (WHERE "status" = 'SUCCEEDED'))::int,
    coalesce(sum("amount_minor") FILTER (WHERE "status" = 'SUCCEEDED'), 0),
    coalesce(sum("fee_minor") FILTER (WHERE "status" = 'SUCCEEDED'), 0)
  FROM "payments" GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE FUNCTION "payment_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
    ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows' END;
BEGIN
  -- Keys in a fixed order so that two transactions lock the same rollup rows in the same order.
  EXECUTE format($q$
    INSERT INTO payment_daily_rollups AS r (merchant_id, day, currency, count, succeeded, volume_minor, fees_minor)
    SELECT merchant_id, (created_at AT TIME ZONE 'Asia/Shanghai')::date, currency, sum(sign)::int,
      coalesce(sum(sign) FILTER (WHERE status = 'SUCCEEDED'), 0)::int,
      coalesce(sum(sign * amount_minor) FILTER (WHERE status = 'SUCCEEDED'), 0),
      coalesce(sum(sign * fee_minor) FILTER (WHERE status = 'SUCCEEDED'), 0)
    FROM (%s) d
    GROUP BY 1, 2, 3
    HAVING sum(sign) <> 0 OR coalesce(sum(sign) FILTER (WHERE status = 'SUCCEEDED'), 0) <> 0
      OR coalesce(sum(sign * amount_minor) FILTER (WHERE status = 'SUCCEEDED'), 0) <> 0
      OR coalesce(sum(sign * fee_minor) FILTER (WHERE status = 'SUCCEEDED'), 0) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (merchant_id, day, currency) DO UPDATE SET
      count = r.count + excluded.count, succeeded = r.succeeded + excluded.succeeded,
      volume_minor = r.volume_minor + excluded.volume_minor, fees_minor = r.fees_minor + excluded.fees_minor
  $q$, changed);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "payments_rollup_insert" AFTER INSERT ON "payments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "payment_rollup_apply"();
--> statement-breakpoint
CREATE TRIGGER "payments_rollup_update" AFTER UPDATE ON "payments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "payment_rollup_apply"();
--> statement-breakpoint
CREATE TRIGGER "payments_rollup_delete" AFTER DELETE ON "payments" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "payment_rollup_apply"();
