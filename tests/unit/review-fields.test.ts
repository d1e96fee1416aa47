import { describe, expect, it } from "vitest";
import { sensitiveFields } from "@/lib/qualification/sensitive-fields";
import { changedPaths, displayValue, flattenFields } from "@/lib/review/fields";
import { waitedParts } from "@/lib/review/waited";
import { ENCRYPTED_WIRE_FIELDS } from "@/lib/wechat/sensitive-fields";

describe("review fields", () => {
  it("masks every field that is encrypted on the wire", () => {
    for (const path of ENCRYPTED_WIRE_FIELDS) expect(Object.keys(sensitiveFields), path).toContain(path);
  });

  it("flattens photos and photo lists as one field each", () => {
    const flat = flattenFields({ a: { b: "x", photo: { media_id: "m", pay_media_id: "p" } }, qualifications: { pic_file_list: [{ media_id: "1" }, { media_id: "2" }] }, business_time: ["2014-01-01", "长期"] });
    expect([...flat.keys()]).toEqual(["a.b", "a.photo", "qualifications.pic_file_list", "business_time"]);
    expect(displayValue("business_time", flat.get("business_time"))).toBe("2014-01-01, 长期");
    expect(displayValue("a.photo", flat.get("a.photo"))).toBeNull();
  });

  it("finds changed, added and removed fields", () => {
    const before = flattenFields({ a: "1", b: { c: "2" }, gone: "x" });
    const after = flattenFields({ a: "1", b: { c: "3" }, added: "y" });
    expect([...changedPaths(before, after)].sort()).toEqual(["added", "b.c", "gone"]);
  });

  it("masks by kind", () => {
    expect(displayValue("id_card_info.id_card_number", "310101199001011234")).toBe("3101**********1234");
    expect(displayValue("id_card_info.id_card_name", "李小明")).toBe("李**");
    expect(displayValue("contact_info.contact_email", "boss@example.com")).toBe("b***@example.com");
    expect(displayValue("contact_info.mobile_phone", "15521050856")).toBe("155****0856");
    expect(displayValue("id_card_info.id_card_address", "广东省深圳市南山区科技园路1号")).toBe("广东省深圳市*********");
    expect(displayValue("merchant_shortname", "示例")).toBe("示例");
  });

  it("says how long something waited", () => {
    const now = new Date("2026-01-02T10:00:00Z");
    expect(waitedParts(new Date("2026-01-02T09:15:00Z"), now)).toEqual({ key: "minutes", values: { days: 0, hours: 0, minutes: 45 } });
    expect(waitedParts(new Date("2026-01-02T07:30:00Z"), now)).toMatchObject({ key: "hours", values: { hours: 2, minutes: 30 } });
    expect(waitedParts(new Date("2025-12-30T09:00:00Z"), now)).toMatchObject({ key: "days", values: { days: 3, hours: 1 } });
  });
});

describe("review e2e seed", () => {
  it("seeds applications the wizard would accept, so a merchant can fix and resubmit them", async () => {
    const { e2eQualification } = await import("../../e2e/seed/seed");
    const { e2eReviewMerchants } = await import("../../e2e/seed/fixtures");
    const { qualificationSchemaFor } = await import("@/lib/qualification/schema");
    const m = e2eReviewMerchants.flow;
    const data = e2eQualification(m, (kind) => ({ media_id: `m-${kind}`, pay_media_id: `p-${kind}` }));
    const parsed = qualificationSchemaFor({ merchantName: m.name, today: "2026-11-22" }).safeParse(data);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
