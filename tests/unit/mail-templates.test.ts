import { describe, expect, it } from "vitest";
import { renderMail } from "@/lib/mail/templates";

describe("mails about an application sent back", () => {
  it("lists the fields to change under a body that announces them", () => {
    const mail = renderMail("changesRequested", "zh-CN", "a@example.com", { values: { merchant: "示例公司" }, items: ["商户简称", "身份证号码"], link: "https://console.example/onboarding" });
    expect(mail.text).toContain("请修改以下字段：\n\n- 商户简称\n- 身份证号码");
    expect(mail.html).toContain("<li>商户简称</li>");
  });

  it.each([
    ["changesRequested", "zh-CN", "请在控制台查看说明"],
    ["changesRequested", "en", "the console says what to change"],
    ["rejected", "zh-CN", "驳回原因见控制台"],
    ["rejected", "en", "The console shows WeChat's reason"],
  ] as const)("says where to look, not an empty list, when %s (%s) names no field", (kind, locale, sentence) => {
    const mail = renderMail(kind, locale, "a@example.com", { values: { merchant: "示例公司" }, items: [], link: "https://console.example/onboarding" });
    expect(mail.text).toContain(sentence);
    const body = mail.text.split("\n").find((line) => line.includes("示例公司"))!;
    expect(body).not.toMatch(/[：:]$/);
    expect(mail.text).not.toContain("\n- ");
    expect(mail.html).not.toContain("<ul>");
  });
});
