import { describe, expect, it } from "vitest";
import { toApplyPayload } from "@/lib/qualification/payload";
import { qualificationSchemaFor } from "@/lib/qualification/schema";
import { MERCHANT_NAME, TODAY, enterpriseApplication, individualBusinessApplication, passportAgentApplication, personalSellerApplication } from "../fixtures/qualification";

const parse = (value: unknown) => qualificationSchemaFor({ merchantName: MERCHANT_NAME, today: TODAY }).parse(value);

describe("toApplyPayload", () => {
  it("builds the seed's body for an enterprise", () => {
    const body = toApplyPayload(parse(enterpriseApplication()));
    expect(body).toEqual({
      organization_type: "2",
      business_license_info: {
        wxa_business_license_copy: { media_id: "media-1", pay_media_id: "pay-media-1" },
        legal_person: "李小明",
        business_time: "[\"2014-01-01\",\"长期\"]",
      },
      id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD",
      id_card_info: {
        wxa_id_card_copy: { media_id: "media-2", pay_media_id: "pay-media-2" },
        wxa_id_card_national: { media_id: "media-3", pay_media_id: "pay-media-3" },
        id_card_name: "李小明",
        id_card_number: "11010519491231002X",
        id_card_valid_time_begin: "2020-01-01",
        id_card_valid_time: "2040-01-01",
        id_card_address: "广东省深圳市南山区南山路1号",
      },
      contact_info: { contact_type: "65", contact_email: "admin@example.com", mobile_phone: "13800138000", contact_id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD" },
      account_info: { bank_account_type: "74", account_bank: "工商银行", account_name: MERCHANT_NAME, bank_address_code: "440300", account_number: "6222020200112233" },
      merchant_shortname: "示例科技",
      biz_type: 1,
    });
    expect(JSON.stringify(body)).toContain('"business_time":"[\\"2014-01-01\\",\\"长期\\"]"');
  });

  it("sends id_doc_info and the agent's documents for a passport holder with an agent", () => {
    const body = toApplyPayload(parse(passportAgentApplication()));
    expect(body).not.toHaveProperty("id_card_info");
    expect(body.id_doc_info?.id_doc_number).toBe("E12345678");
    expect(body.contact_info).toMatchObject({ contact_type: "66", contact_id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD", contact_id_doc_period_end: "长期" });
    expect(body.contact_info.wxa_business_authorization_letter).toEqual({ media_id: "media-8", pay_media_id: "pay-media-8" });
  });

  it("sends the branch only for 其他银行 and no address outside enterprises", () => {
    const body = toApplyPayload(parse(individualBusinessApplication()));
    expect(body.account_info.bank_branch_id).toBe("402713354941");
    expect(body.id_card_info).not.toHaveProperty("id_card_address");
    const direct = toApplyPayload(parse({ ...individualBusinessApplication(), account_info: { ...individualBusinessApplication().account_info, account_bank: "建设银行" } }));
    expect(direct.account_info).not.toHaveProperty("bank_branch_id");
  });

  it("omits licence photo and time for a 2500 seller and sends the description", () => {
    const body = toApplyPayload(parse(personalSellerApplication()));
    expect(body.business_license_info).toEqual({ legal_person: "李小明" });
    expect(body.business_addition_desc).toContain("手工茶具");
    expect(body.business_addition_pics?.pic_file_list).toHaveLength(1);
    expect(Object.values(body).includes(undefined as never)).toBe(false);
  });

  it("drops extra keys on photos", () => {
    const value = enterpriseApplication();
    (value.business_license_info.wxa_business_license_copy as Record<string, string>).name = "x.jpg";
    expect(toApplyPayload(parse(value)).business_license_info.wxa_business_license_copy).toEqual({ media_id: "media-1", pay_media_id: "pay-media-1" });
  });
});
