import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { optionalFieldsFor, qualificationSchema, qualificationSchemaFor, stepSchemaFor, wizardStart } from "@/lib/qualification/schema";
import { isMainlandIdNumber, shortnameLength, utf8Bytes, type QualificationContext } from "@/lib/qualification/rules";
import { fieldErrors } from "@/lib/errors";
import { settlementChangeSchema } from "@/lib/funds/settlement-schema";
import { chinaToday } from "@/lib/time/china-time";
import { MERCHANT_NAME, TODAY, enterpriseApplication, individualBusinessApplication, passportAgentApplication, personalSellerApplication, pic } from "../fixtures/qualification";

const context: QualificationContext = { merchantName: MERCHANT_NAME, today: TODAY };
const schema = qualificationSchemaFor(context);

function errorsOf(value: unknown, ctx = context) {
  const result = qualificationSchemaFor(ctx).safeParse(value);
  return result.success ? {} : fieldErrors(result.error);
}

/** A deep copy with `path` set to `value` (undefined deletes). */
function withValue<T>(base: T, path: string, value: unknown): T {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split(".");
  let node = copy;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as T;
}

describe("qualificationSchema: complete applications", () => {
  it.each([
    ["enterprise, ID card, legal person", enterpriseApplication()],
    ["individual business, personal account, other bank", individualBusinessApplication()],
    ["passport holder, agent administrator", passportAgentApplication()],
    ["2500 personal seller", personalSellerApplication()],
  ])("accepts %s", (_name, value) => {
    expect(errorsOf(value)).toEqual({});
  });

  it("adds biz_type 1 and keeps only the branches that apply", () => {
    const value = { ...enterpriseApplication(), id_doc_info: { id_doc_name: "x" }, contact_info: { ...enterpriseApplication().contact_info, wxa_business_authorization_letter: pic(9) } };
    const parsed = schema.parse(value);
    expect(parsed.biz_type).toBe(1);
    expect(parsed).not.toHaveProperty("id_doc_info");
    expect(parsed.contact_info).not.toHaveProperty("wxa_business_authorization_letter");
  });

  it("treats empty strings as not given", () => {
    const value = withValue(enterpriseApplication(), "business_addition_desc", "");
    expect(errorsOf(value)).toEqual({});
    expect(schema.parse(value)).not.toHaveProperty("business_addition_desc");
  });

  it("accepts the wire form of business_time and the numeric organization_type of the seed example", () => {
    const value = withValue(withValue(enterpriseApplication(), "business_license_info.business_time", "[\"2014-01-01\",\"长期\"]"), "organization_type", 2);
    expect(schema.parse(value).business_license_info.business_time).toEqual(["2014-01-01", "长期"]);
  });

  it("without a context skips only the merchant-name rule", () => {
    const value = withValue(enterpriseApplication(), "account_info.account_name", "别的公司");
    expect(qualificationSchema.safeParse(value).success).toBe(true);
    expect(errorsOf(value)["account_info.account_name"]).toBe("validation.accountNameCorporate");
  });

  it("reports every missing field of an empty application, each on its own path", () => {
    const errors = errorsOf({});
    expect(errors).toMatchObject({
      organization_type: "validation.organizationType",
      id_doc_type: "validation.idDocType",
      "business_license_info.legal_person": "validation.required",
      "contact_info.mobile_phone": "validation.required",
      "account_info.account_number": "validation.required",
      merchant_shortname: "validation.shortnameRequired",
    });
  });
});

describe("enums", () => {
  it.each([
    ["organization_type", "9999", "validation.organizationType"],
    ["id_doc_type", "PASSPORT", "validation.idDocType"],
    ["contact_info.contact_type", "67", "validation.contactType"],
    ["account_info.bank_account_type", "76", "validation.bankAccountType"],
    ["account_info.account_bank", "花旗银行", "validation.accountBank"],
    ["biz_type", 2, "validation.bizType"],
  ])("%s rejects %s", (path, value, message) => {
    expect(errorsOf(withValue(enterpriseApplication(), path, value))[path]).toBe(message);
  });

  // Found by the property test below: the rules looked the type up in a plain object, so "valueOf" threw.
  it.each(["valueOf", "constructor", "__proto__", "toString"])("a subject type named like an object property (%s) is an error, not a throw", (value) => {
    for (const make of [enterpriseApplication, personalSellerApplication]) {
      expect(errorsOf(withValue(make(), "organization_type", value)).organization_type).toBe("validation.organizationType");
      expect(stepSchemaFor("account", context).safeParse(withValue(make(), "organization_type", value)).success).toBe(true);
    }
  });
});

describe("required-when", () => {
  it("a mainland ID card needs id_card_info with both photos", () => {
    const value = withValue(enterpriseApplication(), "id_card_info", undefined);
    expect(errorsOf(value)).toMatchObject({ "id_card_info.wxa_id_card_copy": "validation.photoRequired", "id_card_info.wxa_id_card_national": "validation.photoRequired", "id_card_info.id_card_number": "validation.required" });
  });

  it("another document type needs id_doc_info", () => {
    const value = withValue(enterpriseApplication(), "id_doc_type", "IDENTIFICATION_TYPE_HONGKONG");
    expect(errorsOf(value)).toMatchObject({ "id_doc_info.wxa_id_doc_copy_back": "validation.photoRequired", "id_doc_info.id_doc_number": "validation.required" });
  });

  it("an enterprise needs the ID address; an individual business does not", () => {
    expect(errorsOf(withValue(enterpriseApplication(), "id_card_info.id_card_address", ""))["id_card_info.id_card_address"]).toBe("validation.addressRequired");
    expect(errorsOf(withValue(passportAgentApplication(), "id_doc_info.id_doc_address", undefined))["id_doc_info.id_doc_address"]).toBe("validation.addressRequired");
    expect(errorsOf(individualBusinessApplication())).toEqual({});
  });

  it("an agent needs ID photos, validity and the authorization letter", () => {
    const value = withValue(enterpriseApplication(), "contact_info.contact_type", "66");
    expect(errorsOf(value)).toEqual({
      "contact_info.wxa_contact_id_doc_copy": "validation.photoRequired",
      "contact_info.wxa_contact_id_doc_copy_back": "validation.photoRequired",
      "contact_info.wxa_business_authorization_letter": "validation.photoRequired",
      "contact_info.contact_id_doc_period_begin": "validation.required",
      "contact_info.contact_id_doc_period_end": "validation.required",
    });
  });

  it("types without a licence cannot name an agent", () => {
    const value = { ...personalSellerApplication(), contact_info: passportAgentApplication().contact_info };
    expect(errorsOf(value)["contact_info.contact_type"]).toBe("validation.contactTypePersonal");
  });

  it("licensed types need the licence photo and business time; 2401/2500 do not", () => {
    const value = withValue(withValue(enterpriseApplication(), "business_license_info.wxa_business_license_copy", undefined), "business_license_info.business_time", undefined);
    expect(errorsOf(value)).toMatchObject({ "business_license_info.wxa_business_license_copy": "validation.photoRequired", "business_license_info.business_time.0": "validation.required" });
    expect(errorsOf(withValue(personalSellerApplication(), "organization_type", "2401"))).toEqual({});
  });

  it("2500 needs business_addition_desc", () => {
    expect(errorsOf(withValue(personalSellerApplication(), "business_addition_desc", " "))["business_addition_desc"]).toBe("validation.additionDescRequired");
  });

  it("其他银行 needs a branch code or the full bank name", () => {
    const base = withValue(individualBusinessApplication(), "account_info.bank_branch_id", undefined);
    expect(errorsOf(base)["account_info.bank_branch_id"]).toBe("validation.branchRequired");
    expect(errorsOf(withValue(base, "account_info.bank_name", "中国工商银行股份有限公司北京市分行营业部"))).toEqual({});
  });

  it("government bodies and institutions need account_cert_info when the account name differs", () => {
    const base = withValue(withValue(enterpriseApplication(), "organization_type", "2502"), "account_info.account_name", "某市财政局");
    expect(errorsOf(base)["account_info.account_cert_info.wxa_settlement_cert_pic"]).toBe("validation.accountCertRequired");
    const cert = { wxa_settlement_cert_pic: pic(10), wxa_relation_cert_pic: pic(11), wxa_other_cert_pics: [pic(12)] };
    expect(errorsOf(withValue(base, "account_info.account_cert_info", cert))).toEqual({});
    expect(errorsOf(withValue(base, "account_info.account_cert_info", { ...cert, wxa_other_cert_pics: [pic(1), pic(2), pic(3), pic(4)] }))["account_info.account_cert_info.wxa_other_cert_pics"]).toBe("validation.otherCertPics");
  });
});

describe("lengths and formats", () => {
  it.each([
    ["id_card_info.id_card_name", "李", "validation.idName"],
    ["id_card_info.id_card_name", "李".repeat(31), "validation.idName"],
    ["id_card_info.id_card_number", "110105194912310021", "validation.idCardNumber"],
    ["id_card_info.id_card_number", "1101051949123100", "validation.idCardNumber"],
    ["id_card_info.id_card_valid_time_begin", "2020/01/01", "validation.date"],
    ["id_card_info.id_card_valid_time_begin", "2021-02-30", "validation.date"],
    ["id_card_info.id_card_valid_time", "forever", "validation.dateOrLongTerm"],
    ["contact_info.contact_email", "admin.example.com", "validation.email"],
    ["contact_info.mobile_phone", "1380013800", "validation.mobile"],
    ["contact_info.mobile_phone", "23800138000", "validation.mobile"],
    ["account_info.bank_address_code", "4403", "validation.bankAddressCode"],
    ["account_info.bank_address_code", "999900", "validation.bankAddressCode"],
    ["account_info.account_number", "6222 020", "validation.accountNumber"],
    ["account_info.account_number", "6222-0202-0011", "validation.accountNumber"],
    ["account_info.account_number", "62220a0200112233", "validation.accountNumber"],
    ["merchant_shortname", "一".repeat(22), "validation.shortnameBytes"],
    ["merchant_shortname", "", "validation.shortnameRequired"],
    ["business_license_info.legal_person", "于", "validation.idName"],
  ])("%s rejects %j", (path, value, message) => {
    expect(errorsOf(withValue(enterpriseApplication(), path, value))[path]).toBe(message);
  });

  it.each([
    ["id_card_info.id_card_name", "李明"],
    ["id_card_info.id_card_number", "11010519491231002x"],
    ["id_card_info.id_card_valid_time", "长期"],
    ["account_info.bank_address_code", "110000"],
    ["merchant_shortname", "一".repeat(21)],
    ["merchant_shortname", "a".repeat(64)],
  ])("%s accepts %j", (path, value) => {
    expect(errorsOf(withValue(enterpriseApplication(), path, value))).toEqual({});
  });

  it.each([
    ["grouped with spaces", "6222 0202 0000 9876"],
    ["full-width digits and a full-width space", "６２２２　０２０２　００００　９８７６"],
    ["full-width digits without spaces", "６２２２０２０２００００９８７６"],
    ["tabs and spaces around", " 6222020200009876\t"],
  ])("account_number typed %s is accepted and sent as the digits alone", (_how, typed) => {
    const parsed = schema.parse(withValue(enterpriseApplication(), "account_info.account_number", typed));
    expect(parsed.account_info.account_number).toBe("6222020200009876");
  });

  it("the settlement change form's account number gets the same digits", () => {
    const parsed = settlementChangeSchema.parse({ ...enterpriseApplication().account_info, account_number: "６２２２ ０２０２ ００００ ９８７６" });
    expect(parsed.account_number).toBe("6222020200009876");
  });

  it("id_doc_number is 7 to 11 letters or digits", () => {
    const base = passportAgentApplication();
    expect(errorsOf(withValue(base, "id_doc_info.id_doc_number", "E123456"))).toEqual({});
    expect(errorsOf(withValue(base, "id_doc_info.id_doc_number", "E12345"))["id_doc_info.id_doc_number"]).toBe("validation.idDocNumber");
    expect(errorsOf(withValue(base, "id_doc_info.id_doc_number", "E12-345678"))["id_doc_info.id_doc_number"]).toBe("validation.idDocNumber");
  });

  it("branch code is 12 digits", () => {
    expect(errorsOf(withValue(individualBusinessApplication(), "account_info.bank_branch_id", "40271335494"))["account_info.bank_branch_id"]).toBe("validation.bankBranchId");
  });

  it("at most 5 qualification photos", () => {
    const five = { pic_file_list: [1, 2, 3, 4, 5].map(pic) };
    expect(errorsOf({ ...enterpriseApplication(), qualifications: five })).toEqual({});
    expect(errorsOf({ ...enterpriseApplication(), qualifications: { pic_file_list: [...five.pic_file_list, pic(6)] } })["qualifications.pic_file_list"]).toBe("validation.qualificationsMax");
  });

  it("counts the short name in UTF-8 bytes", () => {
    expect(utf8Bytes("交易组件")).toBe(12);
    expect(utf8Bytes("Tencent")).toBe(7);
  });

  it("checks the ID card check digit", () => {
    expect(isMainlandIdNumber("11010519491231002X")).toBe(true);
    expect(isMainlandIdNumber("110105194912310029")).toBe(false);
  });
});

describe("validity periods", () => {
  const path = "id_card_info.id_card_valid_time";
  it("end must be after begin", () => {
    const value = withValue(withValue(enterpriseApplication(), "id_card_info.id_card_valid_time_begin", "2030-01-01"), path, "2029-01-01");
    expect(errorsOf(value, { ...context, today: "2030-06-01" })[path]).toBe("validation.endAfterBegin");
  });
  it("end must be more than 60 days from today", () => {
    expect(errorsOf(withValue(enterpriseApplication(), path, "2027-01-21"))[path]).toBe("validation.validity60Days"); // 60 days
    expect(errorsOf(withValue(enterpriseApplication(), path, "2027-01-22"))).toEqual({}); // 61 days
  });
  it("begin must not be in the future", () => {
    expect(errorsOf(withValue(enterpriseApplication(), "id_card_info.id_card_valid_time_begin", "2026-11-23"))["id_card_info.id_card_valid_time_begin"]).toBe("validation.beginInFuture");
  });
  it("applies to other documents and to the agent's ID", () => {
    expect(errorsOf(withValue(passportAgentApplication(), "id_doc_info.doc_period_end", "2026-12-01"))["id_doc_info.doc_period_end"]).toBe("validation.validity60Days");
    expect(errorsOf(withValue(passportAgentApplication(), "contact_info.contact_id_doc_period_end", "2017-01-01"))["contact_info.contact_id_doc_period_end"]).toBe("validation.endAfterBegin");
  });
  it("an expired licence is refused", () => {
    expect(errorsOf(withValue(enterpriseApplication(), "business_license_info.business_time", ["2014-01-01", "2026-11-01"]))["business_license_info.business_time.1"]).toBe("validation.licenseExpired");
  });
  it("defaults today to the China date", () => {
    expect(chinaToday(new Date("2026-11-21T16:30:00Z"))).toBe("2026-11-22");
  });
});

describe("account rules", () => {
  it.each([
    ["2", "75", "validation.accountTypeCorporateOnly"],
    ["3", "75", "validation.accountTypeCorporateOnly"],
    ["2502", "75", "validation.accountTypeCorporateOnly"],
    ["1708", "75", "validation.accountTypeCorporateOnly"],
    ["2401", "74", "validation.accountTypePersonalOnly"],
    ["2500", "74", "validation.accountTypePersonalOnly"],
  ])("type %s refuses account type %s", (org, type, message) => {
    const value = withValue(withValue(enterpriseApplication(), "organization_type", org), "account_info.bank_account_type", type);
    expect(errorsOf(value)["account_info.bank_account_type"]).toBe(message);
  });

  it("个体工商户 may use either", () => {
    const value = individualBusinessApplication();
    expect(errorsOf(value)).toEqual({});
    expect(errorsOf({ ...value, account_info: { ...value.account_info, bank_account_type: "74", account_name: MERCHANT_NAME } })).toEqual({});
  });

  it("a personal account is in the ID holder's name", () => {
    expect(errorsOf(withValue(individualBusinessApplication(), "account_info.account_name", "王小红"))["account_info.account_name"]).toBe("validation.accountNamePersonal");
  });

  it("a corporate account is in the merchant's name (brackets and spaces normalised)", () => {
    expect(errorsOf(withValue(enterpriseApplication(), "account_info.account_name", "深圳市示例科技公司"))["account_info.account_name"]).toBe("validation.accountNameCorporate");
    const ctx = { ...context, merchantName: "示例科技（深圳）有限公司" };
    expect(errorsOf(withValue(enterpriseApplication(), "account_info.account_name", "示例科技(深圳)有限公司"), ctx)).toEqual({});
  });
});

describe("step schemas", () => {
  it("report only their own fields, using values of earlier steps", () => {
    const identity = stepSchemaFor("identity", context);
    const result = identity.safeParse({ organization_type: "2", id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD", id_card_info: { id_card_name: "李" } });
    const errors = result.success ? {} : fieldErrors(result.error);
    expect(errors["id_card_info.id_card_address"]).toBe("validation.addressRequired");
    expect(errors["id_card_info.id_card_name"]).toBe("validation.idName");
    expect(Object.keys(errors).every((k) => k.startsWith("id_card_info") || k === "id_doc_type")).toBe(true);
  });

  it("pass for a complete application's step and accept the whole form's values", () => {
    for (const step of ["subject", "license", "identity", "contact", "account", "additional"] as const) {
      expect(stepSchemaFor(step, context).safeParse(passportAgentApplication()).success, step).toBe(true);
    }
  });
});

describe("property: any input gives clean zod errors, never a throw", () => {
  const leaf = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constantFrom("长期", "2020-01-01", "74", "75", "65", "66", "2", "2500", "其他银行", "IDENTIFICATION_TYPE_MAINLAND_IDCARD"));
  const keys = fc.constantFrom("organization_type", "business_license_info", "id_doc_type", "id_card_info", "id_doc_info", "contact_info", "account_info", "qualifications", "business_addition_pics", "business_addition_desc", "merchant_shortname", "business_time", "pic_file_list", "contact_type", "bank_account_type", "account_name", "account_bank", "account_cert_info", "media_id");
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(keys, tie("node"), { maxKeys: 6 })),
  })).node;

  it("for random trees", () => {
    fc.assert(
      fc.property(tree, (input) => {
        const result = schema.safeParse(input);
        if (!result.success) for (const issue of result.error.issues) expect(typeof issue.message).toBe("string");
      }),
      { numRuns: 500 },
    );
  });

  it("for valid applications with one field replaced by anything", () => {
    const paths = ["organization_type", "id_doc_type", "id_card_info", "contact_info.contact_type", "account_info", "account_info.account_name", "business_license_info.business_time", "qualifications", "id_doc_info"];
    fc.assert(
      fc.property(fc.constantFrom(...paths), tree, fc.constantFrom(enterpriseApplication, passportAgentApplication, personalSellerApplication), (path, value, make) => {
        const result = schema.safeParse(withValue(make(), path, value));
        if (!result.success) for (const issue of result.error.issues) expect(typeof issue.message).toBe("string");
        for (const step of ["identity", "account", "contact"] as const) stepSchemaFor(step, context).safeParse(withValue(make(), path, value));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the short-name counter", () => {
  it("counts characters, not bytes, and says when the byte rule is broken", () => {
    expect(shortnameLength("一".repeat(22))).toEqual({ characters: 22, bytes: 66, over: true });
    expect(shortnameLength("一".repeat(21))).toEqual({ characters: 21, bytes: 63, over: false });
    expect(shortnameLength("a".repeat(64))).toEqual({ characters: 64, bytes: 64, over: false });
    expect(shortnameLength(" 示例科技😀 ")).toEqual({ characters: 5, bytes: 16, over: false });
  });
});

describe("optional fields, from the schema and the choices made", () => {
  const chosen = { organization_type: "2", id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD", contact_info: { contact_type: "65" }, account_info: { bank_account_type: "74", account_bank: "其他银行" } };

  it("marks what the schema lets be blank and nothing it asks for", () => {
    const optional = optionalFieldsFor(chosen, context);
    for (const path of ["business_addition_desc", "qualifications.pic_file_list", "business_addition_pics.pic_file_list", "account_info.bank_name"]) expect(optional(path), path).toBe(true);
    for (const path of ["organization_type", "merchant_shortname", "account_info.account_number", "account_info.bank_branch_id", "id_card_info.id_card_number", "id_card_info.id_card_address", "business_license_info.wxa_business_license_copy", "business_license_info.business_time.0", "business_license_info.business_time.1", "contact_info.mobile_phone"]) expect(optional(path), path).toBe(false);
  });

  it("follows the choices: a personal seller's licence is optional and its description is not", () => {
    const optional = optionalFieldsFor({ ...chosen, organization_type: "2500" }, context);
    expect(optional("business_license_info.wxa_business_license_copy")).toBe(true);
    expect(optional("business_license_info.business_time.1")).toBe(true);
    expect(optional("business_addition_desc")).toBe(false);
  });

  it("an agent's documents are asked for only when the agent is the contact", () => {
    expect(optionalFieldsFor(chosen, context)("contact_info.wxa_business_authorization_letter")).toBe(true);
    expect(optionalFieldsFor({ ...chosen, contact_info: { contact_type: "66" } }, context)("contact_info.wxa_business_authorization_letter")).toBe(false);
  });
});

describe("wizardStart: what the wizard shows before its schemas load", () => {
  const drafts = {
    empty: {},
    choicesOnly: { organization_type: "2", id_doc_type: "IDENTIFICATION_TYPE_MAINLAND_IDCARD", contact_info: { contact_type: "66" }, account_info: { bank_account_type: "74", account_bank: "其他银行" } },
    personalSeller: { organization_type: "2500", id_doc_type: "IDENTIFICATION_TYPE_PASSPORT" },
    enterprise: enterpriseApplication(),
    agent: passportAgentApplication(),
  };

  it.each(Object.entries(drafts))("lists exactly the fields the live check calls optional (%s)", (_, draft) => {
    const start = wizardStart(draft, context);
    const live = optionalFieldsFor(draft, context);
    expect(start.optional.length).toBeGreaterThan(0);
    for (const path of start.optional) expect(live(path), path).toBe(true);
    // Every field the form names, photos and tuple ends included: the list and the live check agree.
    for (const path of ["organization_type", "business_license_info.business_time.0", "business_license_info.business_time.1", "id_card_info.wxa_id_card_copy", "id_doc_info.id_doc_address", "contact_info.wxa_business_authorization_letter", "account_info.bank_name", "account_info.bank_branch_id", "account_info.account_cert_info.wxa_other_cert_pics", "qualifications.pic_file_list", "business_addition_desc", "merchant_shortname", "no_such_field"]) {
      expect(start.optional.includes(path), path).toBe(live(path));
    }
  });

  it("carries the whole application's errors as the wizard's own check finds them", () => {
    for (const draft of Object.values(drafts)) {
      const result = qualificationSchemaFor(context).safeParse(draft);
      expect(wizardStart(draft, context).errors).toEqual(result.success ? {} : fieldErrors(result.error));
    }
    expect(wizardStart(enterpriseApplication(), context).errors).toEqual({});
    expect(wizardStart({}, context).errors).toMatchObject({ organization_type: "validation.organizationType" });
  });
});
