import { demoAccounts } from "../db/seed";

/**
 * Plaintext values the specs type into the console that must never be written anywhere in the
 * clear: not in the database files, not in the server log. e2e/after-run/ checks both once every
 * other spec has run. Specs that enter personal data (ID names and numbers, addresses, phone
 * numbers, emails, bank account names and numbers) take their values from here.
 */
export const personalDataProbes: string[] = [
  // ID numbers: mainland card (wizard.spec, review seed) and passport (wizard.spec).
  "11010519491231002X",
  "E12345678",
  // Names on a foreign ID document (the mainland card name 李小明 is also the legal person, which is not sealed).
  "John Smith",
  // ID addresses: typed in wizard.spec and review.spec, seeded for the review merchants.
  "广东省深圳市南山区南山路1号",
  "100 Main Street, Springfield",
  "广东省深圳市南山区科技园路1号A座101室",
  "广东省深圳市南山区科技园路1号",
  // Contact emails and mobile numbers (wizard.spec, review seed).
  "admin@example.com",
  "agent@example.com",
  "boss@e2e.test",
  "13800138000",
  "13900139000",
  "15521050856",
  // Bank account numbers: wizard.spec, review seed, funds.spec's settlement account. (Account names are
  // the merchant's own name or the legal person's, both stored in the clear elsewhere on purpose.)
  "6222020200112233",
  "6217000010012345678",
  "6214830000000000",
  "6217000010099999999",
  "6222020200112233445",
  "6222020200001234",
  // Typed in full-width groups in wizard-rules.spec (the digits alone are what could leak).
  "6222020200009876",
];

/** Passwords typed in the sign-in specs: never stored, never logged. */
export const typedPasswords = ["not-the-password", "whatever-password"];

/** The demo passwords are printed at start on purpose (README), but stored only as bcrypt hashes. */
export const demoPasswords = demoAccounts.map((account) => account.password);
