import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants, settlementAccountChanges, settlementAccounts } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { getSettlementAccount, requestSettlementChange, verifyDueSettlementChanges } from "@/lib/funds/settlement-account";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const ring: KeyRing = { keys: new Map([["t1", randomBytes(32)]]), activeKeyId: "t1" };
const account = (number: string) => ({ bank_account_type: "74", account_bank: "工商银行", bank_address_code: "440300", account_name: "深圳测试科技有限公司", account_number: number });

describe.each(testEngines)("settlement account on %s", (engine) => {
  let t: TestDb;
  const newMerchant = async () => {
    const id = randomUUID();
    await t.db.insert(merchants).values({ id, name: "深圳测试科技有限公司", miniProgram: { subject_name: "s", nickname: "n", appid: "wx0", license_number: "1" } });
    return id;
  };
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  it("uses a new account only once verified, stores it sealed and shows it masked", async () => {
    const merchantId = await newMerchant();
    await requestSettlementChange(t.db, ring, { merchantId, values: account("6222020200001234"), verifySeconds: 0 });
    expect(await getSettlementAccount(t.db, ring, { merchantId })).toBeNull();
    await verifyDueSettlementChanges(t.db, ring, { merchantId });
    const view = await getSettlementAccount(t.db, ring, { merchantId });
    expect(view).toMatchObject({ account_bank: "工商银行", account_number: "6222********1234", account_name: "深*********" });
    const [row] = await t.db.select().from(settlementAccounts).where(eq(settlementAccounts.merchantId, merchantId));
    expect(JSON.stringify(row)).not.toContain("6222020200001234");
    expect(JSON.stringify(row)).not.toContain("深圳测试");
  });

  it("keeps the old account when verification fails, with a reason", async () => {
    const merchantId = await newMerchant();
    await requestSettlementChange(t.db, ring, { merchantId, values: account("6222020200001234"), verifySeconds: 0 });
    await verifyDueSettlementChanges(t.db, ring, { merchantId });
    await requestSettlementChange(t.db, ring, { merchantId, values: account("6222020200000000"), verifySeconds: 0 });
    await verifyDueSettlementChanges(t.db, ring, { merchantId });
    const changes = await t.db.select().from(settlementAccountChanges).where(eq(settlementAccountChanges.merchantId, merchantId)).orderBy(settlementAccountChanges.createdAt);
    expect(changes.map((c) => [c.status, c.reason])).toEqual([["succeeded", null], ["failed", "account_name_mismatch"]]);
    expect((await getSettlementAccount(t.db, ring, { merchantId }))!.account_number).toBe("6222********1234");
  });

  it("applies the wizard's account rules", async () => {
    const merchantId = await newMerchant();
    await expect(requestSettlementChange(t.db, ring, { merchantId, values: { ...account("12"), account_bank: "不存在银行" }, verifySeconds: 0 })).rejects.toThrow();
    await expect(requestSettlementChange(t.db, ring, { merchantId, values: { ...account("6222020200001234"), bank_address_code: "999999" }, verifySeconds: 0 })).rejects.toThrow();
    await expect(requestSettlementChange(t.db, ring, { merchantId, values: { ...account("6222020200001234"), account_bank: "其他银行" }, verifySeconds: 0 })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await t.db.$count(settlementAccountChanges, eq(settlementAccountChanges.merchantId, merchantId))).toBe(0);
  });

  it("allows at most five change requests a day and one at a time", async () => {
    const merchantId = await newMerchant();
    await requestSettlementChange(t.db, ring, { merchantId, values: account("6222020200001234"), verifySeconds: 3600 });
    await expect(requestSettlementChange(t.db, ring, { merchantId, values: account("6222020200005678"), verifySeconds: 0 })).rejects.toMatchObject({ code: "conflict" });
    await verifyDueSettlementChanges(t.db, ring, { merchantId, now: new Date(Date.now() + 3_700_000) });
    for (let i = 0; i < 4; i++) {
      await requestSettlementChange(t.db, ring, { merchantId, values: account(`622202020000${5670 + i}`), verifySeconds: 0 });
      await verifyDueSettlementChanges(t.db, ring, { merchantId });
    }
    await expect(requestSettlementChange(t.db, ring, { merchantId, values: account("6222020200009999"), verifySeconds: 0 })).rejects.toMatchObject({ code: "rate_limited" });
    expect(await t.db.$count(settlementAccountChanges, eq(settlementAccountChanges.merchantId, merchantId))).toBe(5);
  });
});
