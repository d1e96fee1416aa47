import { createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from "node:crypto";

/** Header names the provider signs with, as WeChat Pay API v3 does. */
export const signatureHeaders = {
  timestamp: "wechatpay-timestamp",
  nonce: "wechatpay-nonce",
  signature: "wechatpay-signature",
  serial: "wechatpay-serial",
} as const;

/** WeChat Pay's signed message: timestamp, nonce and body, each followed by a newline. */
export function signedMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export function signMessage(privateKey: KeyObject | string, timestamp: string, nonce: string, body: string): string {
  const key = typeof privateKey === "string" ? createPrivateKey(privateKey) : privateKey;
  return createSign("RSA-SHA256").update(signedMessage(timestamp, nonce, body)).sign(key, "base64");
}

export function verifyMessage(publicKey: KeyObject, timestamp: string, nonce: string, body: string, signature: string): boolean {
  try {
    return createVerify("RSA-SHA256").update(signedMessage(timestamp, nonce, body)).verify(publicKey, signature, "base64");
  } catch {
    return false;
  }
}

/** The headers of a signed request or notification, with a fresh nonce. */
export function signedHeaders(privateKey: KeyObject | string, serial: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000).toString();
  const nonce = randomBytes(16).toString("hex");
  return {
    [signatureHeaders.timestamp]: timestamp,
    [signatureHeaders.nonce]: nonce,
    [signatureHeaders.signature]: signMessage(privateKey, timestamp, nonce, body),
    [signatureHeaders.serial]: serial,
  };
}

/** Accepts a PEM (with real or escaped newlines) or its base64 body. */
export function parsePublicKey(text: string): KeyObject {
  const pem = text.includes("BEGIN") ? text.replace(/\\n/g, "\n") : `-----BEGIN PUBLIC KEY-----\n${text}\n-----END PUBLIC KEY-----\n`;
  return createPublicKey(pem);
}
