import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;

/**
 * Passwords of ten characters or more that still top the leaked-password lists (NCSC's
 * "100k most used" and SecLists' common-credentials), compared case-insensitively.
 */
const commonPasswords = new Set([
  "1234567890", "12345678910", "123456789a", "1234567890a", "0987654321", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx3edc",
  "qwertyuiop", "qwerty1234", "qwerty12345", "qwerty123456", "asdfghjkl1", "zxcvbnm123", "password12", "password123",
  "password1234", "password!1", "passw0rd123", "iloveyou12", "iloveyou123", "princess123", "football123", "baseball123",
  "welcome123", "welcome1234", "abc1234567", "abcdefghij", "aaaaaaaaaa", "1111111111", "0000000000", "5201314520",
  "woaini1314", "woaini520", "a123456789", "aa12345678", "qq123456789", "1314520520", "123123123123", "11223344556",
  "letmein123", "admin12345", "administrator", "changeme123", "sunshine123", "superman123", "trustno1234", "starwars123",
  "dragon1234", "monkey12345", "master1234", "q1w2e3r4t5", "zaq12wsxcde", "p@ssw0rd123", "p@ssword123", "merchant123",
]);

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return commonPasswords.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|9876543210)+$/.test(password);
}

/** A new password; messages are keys of the `accounts` namespace. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: "password.tooShort" })
  .max(200, { error: "password.tooLong" })
  .refine((p) => !isCommonPassword(p), { error: "password.common" });

export const passwordPairSchema = z
  .object({ password: newPasswordSchema, confirm: z.string().max(200) })
  .refine((v) => v.password === v.confirm, { error: "password.mismatch", path: ["confirm"] });
