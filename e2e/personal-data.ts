import { demoAccounts } from "../db/seed";

/**
 * Plaintext values the specs type into the console that must never be written anywhere in the
 * clear: not in the database files, not in the server log. e2e/after-run/ checks both once every
 * other spec has run. Specs that enter personal data (ID names and numbers, addresses, phone
 * numbers, emails, bank account names and numbers) take their values from here.
 */
export const personalDataProbes: string[] = [];

/** Passwords typed in the sign-in specs: never stored, never logged. */
export const typedPasswords = ["not-the-password", "whatever-password"];

/** The demo passwords are printed at start on purpose (README), but stored only as bcrypt hashes. */
export const demoPasswords = demoAccounts.map((account) => account.password);
