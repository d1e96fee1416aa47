import { createTranslator } from "next-intl";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { messagesByLocale } from "@/lib/i18n/messages";
import type { OutgoingMail } from "./send";

export type MailKind =
  | "setPassword"
  | "passwordReset"
  | "invitation"
  | "changesRequested"
  | "sentToWechat"
  | "accountVerification"
  | "toBeSigned"
  | "legalValidation"
  | "rejected"
  | "accountOpen"
  | "withdrawalFailed"
  | "withdrawalReturned"
  | "staffDigest";

export type MailContent = {
  /** Values for the message's placeholders. */
  values?: Record<string, string | number>;
  /** A link the mail is about (the button in HTML, a line in text). */
  link?: string;
  /** Extra lines listed under the body (e.g. the fields to change). */
  items?: string[];
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** One mail in the recipient's language, as plain text and HTML. */
export function renderMail(kind: MailKind, localeValue: string, to: string, content: MailContent = {}): OutgoingMail {
  const locale: Locale = isLocale(localeValue) ? localeValue : "zh-CN";
  const t = createTranslator({ locale, messages: messagesByLocale[locale], namespace: "accounts.mail" });
  const values = content.values ?? {};
  const subject = t(`${kind}.subject`, values);
  const items = content.items ?? [];
  // A body that introduces a list ("change these fields:") has a wording of its own for an empty one.
  const body = items.length === 0 && (kind === "changesRequested" || kind === "rejected") ? t(`${kind}.bodyNoItems`, values) : t(`${kind}.body`, values);
  const action = content.link ? t(`${kind}.action`, values) : undefined;
  const footer = t("footer");
  const text = [
    t("greeting"),
    "",
    body,
    ...(items.length ? ["", ...items.map((item) => `- ${item}`)] : []),
    ...(content.link ? ["", `${action}: ${content.link}`] : []),
    "",
    footer,
  ].join("\n");
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5;color:#0f172a">
<p>${escapeHtml(t("greeting"))}</p>
<p>${escapeHtml(body)}</p>
${items.length ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>` : ""}
${content.link ? `<p><a href="${escapeHtml(content.link)}" style="display:inline-block;padding:8px 16px;background:#15803d;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action!)}</a></p><p style="font-size:12px;color:#475569">${escapeHtml(content.link)}</p>` : ""}
<p style="font-size:12px;color:#475569">${escapeHtml(footer)}</p>
</body></html>`;
  return { to, subject, text, html, links: content.link ? [content.link] : [] };
}
