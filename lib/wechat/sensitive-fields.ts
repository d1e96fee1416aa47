import { constants, privateDecrypt, publicEncrypt } from "node:crypto";

/**
 * The one list of wire fields sent RSA-OAEP encrypted under the platform public key: exactly the
 * ones the documented request example of /shop/wxpay/apply encrypts (`account_info.account_name`,
 * `account_info.account_number`); it sends the ID, contact and address fields as plain text, so they
 * go as plain text (over HTTPS) too.
 * https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/wxpay/apply.html
 */
export const ENCRYPTED_WIRE_FIELDS = ["account_info.account_name", "account_info.account_number"] as const;

export type EncryptedWireField = (typeof ENCRYPTED_WIRE_FIELDS)[number];

type Json = Record<string, unknown>;

/** RSA-OAEP (SHA-1, as WeChat Pay) then base64, like the seed's `account_name`. */
export function encryptField(publicKeyPem: string, plaintext: string): string {
  return publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, Buffer.from(plaintext, "utf8")).toString("base64");
}

export function decryptField(privateKeyPem: string, ciphertext: string): string {
  return privateDecrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, Buffer.from(ciphertext, "base64")).toString("utf8");
}

/** A copy of the payload with every listed field that is present encrypted; the input is untouched. */
export function encryptSensitiveFields<T extends Json>(payload: T, publicKeyPem: string): T {
  return mapFields(payload, (value) => encryptField(publicKeyPem, value));
}

/** The sandbox's inverse; throws on a field that was not encrypted with the matching key. */
export function decryptSensitiveFields<T extends Json>(payload: T, privateKeyPem: string): T {
  return mapFields(payload, (value, path) => {
    try {
      return decryptField(privateKeyPem, value);
    } catch {
      throw new FieldDecryptError(path);
    }
  });
}

export class FieldDecryptError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not encrypted with the platform public key`);
  }
}

function mapFields<T extends Json>(payload: T, map: (value: string, path: string) => string): T {
  const copy = structuredClone(payload) as Json;
  for (const path of ENCRYPTED_WIRE_FIELDS) {
    const [section, field] = path.split(".") as [string, string];
    const parent = copy[section];
    if (parent && typeof parent === "object" && !Array.isArray(parent)) {
      const value = (parent as Json)[field];
      if (typeof value === "string" && value !== "") (parent as Json)[field] = map(value, path);
    }
  }
  return copy as T;
}
