import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants, sandboxFundsBankAccounts, settlementAccountChanges, settlementAccounts } from "@/db/schema";
import { followSettlementChanges, getSettlementAccount, readWeChatAccount, requestSettlementChange } from "@/lib/funds/settlement-account";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { counting, gatewayFor, sandboxFor, testRing as ring } from "../helpers/funds";

const account = (number: string) => ({ bank_account_type: "74", account_bank: "工商银行", bank_address_code: "440300", account_name: "深圳测试科技有限公司", account_number: number });

describe.each(testEngines)("settlement account through WeChat (sandbox) on %s", (engine) => {
  let t: TestDb;
  const newMerchant = async (options: { verifySeconds?: number } = {}) => {
    const id = randomUUID();
    const appid = `wx${randomBytes(8).toString("hex")}`;
    await t.db.insert(merchants).values({ id, name: "深圳测试科技有限公司", miniProgram: { subject_name: "s", nickname: "n", appid, license_number: "1" } });
    const wire = counting(sandboxFor(t.db, { verifySeconds: options.verifySeconds ?? 0 }).transport(appid));
    const gateway = gatewayFor(wire.transport);
    return {
      id,
      appid,
      wire,
      gateway,
      change: (values: unknown) => requestSettlementChange(t.db, ring, gateway, { merchantId: id, values }),
      follow: (now?: Date) => followSettlementChanges(t.db, ring, gateway, { merchantId: id, now }),
    };
  };
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  it("sends the change with setbankaccount, uses it once WeChat has it in force, stores it sealed and shows it masked", async () => {
    const m = await newMerchant();
    await m.change(account("6222020200001234"));
    expect(m.wire.calls["/shop/funds/setbankaccount"]).toBe(1);
    expect(await getSettlementAccount(t.db, ring, { merchantId: m.id })).toBeNull();
    expect(await m.follow()).toBe("succeeded");
    const view = await getSettlementAccount(t.db, ring, { merchantId: m.id });
    expect(view).toMatchObject({ account_bank: "工商银行", account_number: "6222********1234", account_name: "深*********" });
    expect(await readWeChatAccount(m.gateway)).toMatchObject({ account: { bank_account_type: "74", account_number: "6222********1234" }, verifyFailReason: "" });
    const [row] = await t.db.select().from(settlementAccounts).where(eq(settlementAccounts.merchantId, m.id));
    const [atWeChat] = await t.db.select().from(sandboxFundsBankAccounts).where(eq(sandboxFundsBankAccounts.appid, m.appid));
    for (const stored of [row, atWeChat]) {
      expect(JSON.stringify(stored)).not.toContain("6222020200001234");
      expect(JSON.stringify(stored)).not.toContain("深圳测试");
    }
  });

  it("stays pending until WeChat verifies it", async () => {
    const m = await newMerchant({ verifySeconds: 3600 });
    await m.change(account("6222020200001234"));
    expect(await m.follow()).toBe("pending");
    expect(await getSettlementAccount(t.db, ring, { merchantId: m.id })).toBeNull();
  });

  it("keeps the old account when WeChat cannot bind the new one, with WeChat's reason", async () => {
    const m = await newMerchant();
    await m.change(account("6222020200001234"));
    await m.follow();
    await m.change(account("6222020200000000"));
    expect(await m.follow()).toBe("failed");
    const changes = await t.db.select().from(settlementAccountChanges).where(eq(settlementAccountChanges.merchantId, m.id)).orderBy(settlementAccountChanges.createdAt);
    expect(changes.map((c) => [c.status, c.reason])).toEqual([["succeeded", null], ["failed", "wechat:开户名称与银行账户户名不一致"]]);
    expect((await getSettlementAccount(t.db, ring, { merchantId: m.id }))!.account_number).toBe("6222********1234");
  });

  it("applies the wizard's account rules before anything reaches WeChat", async () => {
    const m = await newMerchant();
    await expect(m.change({ ...account("12"), account_bank: "不存在银行" })).rejects.toThrow();
    await expect(m.change({ ...account("6222020200001234"), bank_address_code: "999999" })).rejects.toThrow();
    await expect(m.change({ ...account("6222020200001234"), account_bank: "其他银行" })).rejects.toMatchObject({ code: "validation_failed" });
    const twoErrors = await m.change({ ...account("6222020200001234"), account_name: "别的公司", account_bank: "其他银行" }).catch((e: unknown) => e);
    expect(Object.keys((twoErrors as { fields: object }).fields).sort()).toEqual(["account_name", "bank_branch_id"]);
    expect(await t.db.$count(settlementAccountChanges, eq(settlementAccountChanges.merchantId, m.id))).toBe(0);
    expect(m.wire.calls["/shop/funds/setbankaccount"]).toBeUndefined();
  });

  it("sends a change again when WeChat's answer was lost", async () => {
    const m = await newMerchant();
    const real = m.gateway.setBankAccount;
    m.gateway.setBankAccount = async () => {
      throw new Error("no answer");
    };
    await m.change(account("6222020200001234"));
    m.gateway.setBankAccount = real;
    expect(await m.follow()).toBe("sent");
    expect(await m.follow()).toBe("succeeded");
  });

  it("allows at most five change requests a day and one at a time", async () => {
    const m = await newMerchant({ verifySeconds: 3600 });
    await m.change(account("6222020200001234"));
    await expect(m.change(account("6222020200005678"))).rejects.toMatchObject({ code: "conflict" });
    await m.follow(new Date(Date.now() + 3_700_000));
    const quick = await newMerchant();
    for (let i = 0; i < 5; i++) {
      await quick.change(account(`622202020000${5670 + i}`));
      await quick.follow();
    }
    await expect(quick.change(account("6222020200009999"))).rejects.toMatchObject({ code: "rate_limited" });
    expect(await t.db.$count(settlementAccountChanges, eq(settlementAccountChanges.merchantId, quick.id))).toBe(5);
  });
});
