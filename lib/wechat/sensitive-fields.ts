import { constants, privateDecrypt, publicEncrypt } from "node:crypto";

/**
 * The one list of wire fields sent RSA-OAEP encrypted under the platform public key: the seed's
 * example encrypts `account_name` and `account_number`; WeChat Pay encrypts identity and contact
 * details the same way.
 */
export const ENCRYPTED_WIRE_FIELDS = [
  "id_card_info.id_card_name",
  "id_card_info.id_card_number",
  "id_card_info.id_card_address",
  "id_doc_info.id_doc_name",
  "id_doc_info.id_doc_number",
  "id_doc_info.id_doc_address",
  "contact_info.contact_email",
  "contact_info.mobile_phone",
  "account_info.account_name",
  "account_info.account_number",
] as const;

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
