import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { merchants, users } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";

export const testRing: KeyRing = { keys: new Map([["test", Buffer.alloc(32, 7)]]), activeKeyId: "test" };

/** A complete enterprise application in the shape of WeChat's apply document. */
export function sampleQualification(overrides: { idCardNumber?: string; shortname?: string; accountNumber?: string } = {}) {
  return {
    organization_type: "2",
    business_license_info: {
      legal_person: "李小明",
      wxa_business_license_copy: { media_id: "wxashop_licence", pay_media_id: "pay_licence", name: "licence.jpg" },
      business_time: '["2014-01-01","长期"]',
    },
    id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD",
    id_card_info: {
      id_card_name: "李小明",
      id_card_number: overrides.idCardNumber ?? "310101199001011234",
      id_card_valid_time: "2036-06-06",
      id_card_valid_time_begin: "2016-06-06",
      id_card_address: "广东省深圳市南山区科技园路1号",
      wxa_id_card_copy: { media_id: "wxashop_front", pay_media_id: "pay_front" },
      wxa_id_card_national: { media_id: "wxashop_back", pay_media_id: "pay_back" },
    },
    contact_info: { contact_type: "65", contact_email: "boss@example.com", mobile_phone: "15521050856" },
    merchant_shortname: overrides.shortname ?? "示例好物",
    account_info: {
      bank_account_type: "74",
      account_bank: "工商银行",
      account_name: "深圳市示例科技有限公司",
      bank_address_code: "440300",
      account_number: overrides.accountNumber ?? "6222020200112233445",
    },
    biz_type: 1,
  };
}

let counter = 0;

export async function createMerchant(db: Db, name?: string): Promise<{ merchantId: string; adminId: string }> {
  counter += 1;
  const merchantId = randomUUID();
  const merchantName = name ?? `测试商户${counter}有限公司`;
  await db.insert(merchants).values({ id: merchantId, name: merchantName, miniProgram: { subject_name: merchantName, nickname: `小店${counter}`, appid: `wx${String(counter).padStart(16, "0")}`, license_number: "91440300MA5FXXXX1A" } });
  const [admin] = await db.insert(users).values({ email: `admin-${merchantId}@test.test`, name: "管理员", passwordHash: "x", role: "owner", merchantId }).returning({ id: users.id });
  return { merchantId, adminId: admin!.id };
}

export async function createSupportUser(db: Db, name = "Support Tester"): Promise<string> {
  const [row] = await db.insert(users).values({ email: `support-${randomUUID()}@test.test`, name, passwordHash: "x", role: "support" }).returning({ id: users.id });
  return row!.id;
}
