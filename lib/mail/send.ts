import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/runtime/logger";

export type OutgoingMail = { to: string; subject: string; text: string; html: string; links?: string[] };

const globalForMail = globalThis as unknown as { __smtp?: { url: string; transport: Transporter } };

function smtpTransport(url: string): Transporter {
  if (globalForMail.__smtp?.url !== url) globalForMail.__smtp = { url, transport: nodemailer.createTransport(url) };
  return globalForMail.__smtp.transport;
}

/**
 * Sends a mail through SMTP_URL; without it, writes the message to DATA_DIR/outbox/*.eml and
 * prints its links to the server log, so the embedded default still works. Logs name no
 * recipient (personal data) and never the message body.
 */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const config = getConfig();
  const message = { from: config.mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html };
  if (config.mail.smtpUrl) {
    await smtpTransport(config.mail.smtpUrl).sendMail(message);
    logger.info("mail.sent", { subject: mail.subject });
    return;
  }
  const built = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message);
  const outbox = path.join(config.dataDir, "outbox");
  mkdirSync(outbox, { recursive: true });
  const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.eml`);
  writeFileSync(file, built.message as Buffer, { mode: 0o600 });
  logger.info("mail.outbox", { file, subject: mail.subject, links: mail.links ?? [] });
}
