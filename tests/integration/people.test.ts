import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase, queryRows } from "@/db/client";
import { accountLinks, auditLog, merchants, rateLimitBuckets, users } from "@/db/schema";
import { DEMO_MERCHANT_ID, SECOND_MERCHANT_ID, demoAccounts, seedDemoData } from "@/db/seed";
import { acceptInvitation, invite, resendInvitation, revokeInvitation } from "@/lib/accounts/invitations";
import { hashLinkToken } from "@/lib/accounts/links";
import { changeMemberRole, removeMember } from "@/lib/accounts/members";
import { createMerchant, setMerchantActive } from "@/lib/accounts/merchants";
import { changePassword, requestPasswordReset, setPasswordWithLink } from "@/lib/accounts/passwords";
import { createStaff } from "@/lib/accounts/staff";
import { confirmEnrolment, pendingEnrolment, resetTwoFactor } from "@/lib/accounts/two-factor";
import { hashPassword } from "@/lib/auth/password";
import { checkSession, SESSION_ABSOLUTE_SECONDS, SessionEnded } from "@/lib/auth/session";
import { signInWithLimits } from "@/lib/auth/sign-in";
import { checkSecondFactor, currentTotpCode } from "@/lib/auth/two-factor";
import { authenticate } from "@/lib/auth/users";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { startTestSmtp } from "../helpers/smtp";

const ring: KeyRing = { keys: new Map([["t1", Buffer.alloc(32, 7)]]), activeKeyId: "t1" };
const secret = "test-secret-test-secret-test-secret-1234";
const base = "http://console.test";
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
  // The mail module reads its transport from the configuration, parsed once per process.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "people-"));
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => smtp?.close());

function tokenOf(text: string, kind: "set-password" | "invitation"): string {
  const match = new RegExp(`${base}/${kind}/([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${kind} link in: ${text}`);
  return match[1]!;
}

describe.each(testEngines)("people and tenants on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    await seedDemoData(t.db, hashPassword);
    // One SMTP server serves both engines: the other engine's mails carry links to another database.
    smtp.messages.length = 0;
  });
  afterAll(async () => t?.destroy());

  it("creates staff with a one-time set-password link and refuses a duplicate email in any spelling", async () => {
    const { userId, token } = await createStaff(t.db, { email: "Ops@Example.com", name: "Ops", role: "support_admin" }, null);
    await expect(createStaff(t.db, { email: " ops@example.COM ", name: "Again", role: "support" }, null)).rejects.toThrow("already exists");
    const [link] = await t.db.select().from(accountLinks).where(eq(accountLinks.userId, userId));
    expect(link!.tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(link)).not.toContain(token);
    expect(await authenticate(t.db, "ops@example.com", "")).toBeNull();
    await setPasswordWithLink(t.db, token, "a-long-enough-password", secret);
    expect(await authenticate(t.db, "ops@example.com", "a-long-enough-password")).toMatchObject({ role: "support_admin" });
    await expect(setPasswordWithLink(t.db, token, "another-long-password", secret)).rejects.toThrow("already used");
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, userId));
    expect(audit.map((a) => a.action).sort()).toEqual(["password_reset", "staff_created"]);
    expect(audit.find((a) => a.action === "staff_created")!.actorId).toBeNull();
  });

  it("sends a reset link in the person's language, answers alike for unknown emails, limits requests and lifts the sign-in lock", async () => {
    const owner = demoAccounts[1]!;
    await t.db.update(users).set({ locale: "en" }).where(eq(users.email, owner.email));
    const limits = { perAccount: 2, perAddress: 100, windowSeconds: 900 };
    for (let i = 0; i < 3; i++) await signInWithLimits(t.db, { email: owner.email, password: "wrong", address: "10.1.1.1" }, limits, secret);
    expect(await signInWithLimits(t.db, { email: owner.email, password: owner.password, address: "10.1.1.2" }, limits, secret)).toEqual({ ok: false, reason: "rate_limited" });

    const before = smtp.messages.length;
    await expect(requestPasswordReset(t.db, { email: "nobody@example.com", address: "10.1.1.3" }, { baseUrl: base, secret })).resolves.toBeUndefined();
    await requestPasswordReset(t.db, { email: owner.email.toUpperCase(), address: "10.1.1.3" }, { baseUrl: base, secret });
    const mail = await smtp.waitFor(owner.email);
    expect(smtp.messages.length).toBe(before + 1);
    expect(mail.subject).toBe("Reset your console password");
    expect(mail.html).toContain("<a href=");
    const token = tokenOf(mail.text!, "set-password");

    await setPasswordWithLink(t.db, token, "my-new-owner-password", secret);
    expect(await signInWithLimits(t.db, { email: owner.email, password: "my-new-owner-password", address: "10.1.1.2" }, limits, secret)).toMatchObject({ ok: true });
    // Three requests an hour per email; the fourth sends nothing and answers the same.
    for (let i = 0; i < 3; i++) await requestPasswordReset(t.db, { email: owner.email, address: `10.2.0.${i}` }, { baseUrl: base, secret });
    await smtp.waitFor(owner.email, 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.filter((m) => m.subject === "Reset your console password").length).toBe(3);
    await t.db.delete(rateLimitBuckets);
  });

  it("ends every session on sign-out, password change and deactivation, and never renews past the absolute lifetime", async () => {
    const [user] = await t.db.select().from(users).where(eq(users.email, demoAccounts[0]!.email));
    const now = new Date();
    const claims = { uid: user!.id, sv: user!.sessionVersion, authAt: Math.floor(now.getTime() / 1000) };
    await expect(checkSession(t.db, claims, now)).resolves.toMatchObject({ id: user!.id });
    const late = new Date(now.getTime() + (SESSION_ABSOLUTE_SECONDS + 1) * 1000);
    await expect(checkSession(t.db, claims, late)).rejects.toBeInstanceOf(SessionEnded);

    await changePassword(t.db, user!.id, demoAccounts[0]!.password, "changed-password-2026");
    await expect(checkSession(t.db, claims, now)).rejects.toThrow("revoked");
    await expect(changePassword(t.db, user!.id, "wrong-current", "x-changed-password")).rejects.toThrow("current password");
    const fresh = { ...claims, sv: claims.sv + 1 };
    await expect(checkSession(t.db, fresh, now)).resolves.toBeTruthy();
    await setMerchantActive(t.db, user!.id, DEMO_MERCHANT_ID, false);
    await expect(checkSession(t.db, fresh, now)).rejects.toThrow("user gone");
    expect(await authenticate(t.db, demoAccounts[0]!.email, "changed-password-2026")).toBeNull();
    await setMerchantActive(t.db, user!.id, DEMO_MERCHANT_ID, true);
    await expect(checkSession(t.db, fresh, now)).resolves.toBeTruthy();
  });

  it("invites by a single-use link stored as a hash; resend replaces it, revoke ends it, and it expires", async () => {
    const [owner] = await t.db.select().from(users).where(eq(users.email, demoAccounts[0]!.email));
    const inviter = { id: owner!.id, name: owner!.name };
    await invite(t.db, inviter, DEMO_MERCHANT_ID, { email: "colleague@example.com", role: "admin" }, base);
    const first = tokenOf((await smtp.waitFor("colleague@example.com")).text!, "invitation");
    const [pending] = await t.db.select().from(accountLinks).where(eq(accountLinks.tokenHash, hashLinkToken(first)));
    expect(pending!.expiresAt.getTime() - pending!.createdAt.getTime()).toBe(72 * 3600_000);
    await resendInvitation(t.db, inviter, DEMO_MERCHANT_ID, pending!.id, base, "zh-CN");
    const second = tokenOf((await smtp.waitFor("colleague@example.com", 2)).text!, "invitation");
    await expect(acceptInvitation(t.db, first, { name: "旧链接", password: "colleague-password-1" })).rejects.toThrow();
    await acceptInvitation(t.db, second, { name: "同事", password: "colleague-password-1" });
    await expect(acceptInvitation(t.db, second, { name: "again", password: "colleague-password-1" })).rejects.toThrow();
    expect(await authenticate(t.db, "colleague@example.com", "colleague-password-1")).toMatchObject({ role: "admin", merchantId: DEMO_MERCHANT_ID });
    await expect(invite(t.db, inviter, DEMO_MERCHANT_ID, { email: "colleague@example.com", role: "viewer" }, base)).rejects.toThrow("already has an account");
    // A staff role does not fit a merchant.
    await expect(invite(t.db, inviter, DEMO_MERCHANT_ID, { email: "x1@example.com", role: "support" }, base)).rejects.toThrow("role");

    await invite(t.db, inviter, DEMO_MERCHANT_ID, { email: "late@example.com", role: "viewer" }, base);
    const late = tokenOf((await smtp.waitFor("late@example.com")).text!, "invitation");
    await t.db.update(accountLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountLinks.tokenHash, hashLinkToken(late)));
    await expect(acceptInvitation(t.db, late, { name: "Late", password: "late-password-123" })).rejects.toThrow("expired");

    await invite(t.db, inviter, DEMO_MERCHANT_ID, { email: "revoked@example.com", role: "viewer" }, base);
    const revoked = tokenOf((await smtp.waitFor("revoked@example.com")).text!, "invitation");
    const [row] = await t.db.select().from(accountLinks).where(eq(accountLinks.tokenHash, hashLinkToken(revoked)));
    // Another merchant's owner cannot revoke it.
    await expect(revokeInvitation(t.db, owner!.id, SECOND_MERCHANT_ID, row!.id)).rejects.toThrow("no longer open");
    await revokeInvitation(t.db, owner!.id, DEMO_MERCHANT_ID, row!.id);
    await expect(acceptInvitation(t.db, revoked, { name: "R", password: "revoked-password-1" })).rejects.toThrow();
    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.merchantId, DEMO_MERCHANT_ID))).map((a) => a.action);
    for (const a of ["invitation_sent", "invitation_resent", "invitation_accepted", "invitation_revoked"]) expect(actions).toContain(a);
  });

  it("never leaves a merchant without an owner, even when two owners demote each other at once", async () => {
    const { id: merchantId } = await createMerchant(t.db, ring, (await t.db.select().from(users).limit(1))[0]!.id, {
      name: "并发测试有限公司", subjectName: "并发测试有限公司", nickname: "并发小店", appid: "wx00000000000000aa", licenseNumber: "91440300MA5F00001A", appSecret: "0123456789abcdef0123456789abcdef",
    });
    const hash = await hashPassword("owner-password-123");
    const [a, b] = await t.db.insert(users).values([
      { email: "owner-a@example.com", name: "A", role: "owner", merchantId, passwordHash: hash },
      { email: "owner-b@example.com", name: "B", role: "owner", merchantId, passwordHash: hash },
    ]).returning();
    const results = await Promise.allSettled([
      changeMemberRole(t.db, a!.id, merchantId, { userId: b!.id, role: "viewer" }),
      changeMemberRole(t.db, b!.id, merchantId, { userId: a!.id, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const owners = await t.db.select().from(users).where(sql`${users.merchantId} = ${merchantId} and ${users.role} = 'owner'`);
    expect(owners).toHaveLength(1);
    await expect(removeMember(t.db, owners[0]!.id, merchantId, owners[0]!.id)).rejects.toThrow("last owner");
    await expect(changeMemberRole(t.db, owners[0]!.id, merchantId, { userId: owners[0]!.id, role: "admin" })).rejects.toThrow("last owner");
    // The AppSecret is stored sealed, never in plaintext.
    const [stored] = await t.db.select({ sealed: merchants.appSecretSealed }).from(merchants).where(eq(merchants.id, merchantId));
    expect(stored!.sealed).not.toContain("0123456789abcdef");
  });

  it("enrols TOTP with ten hashed recovery codes, refuses a replayed code, spends a recovery code once, and resets", async () => {
    const [staff] = await t.db.select().from(users).where(eq(users.email, demoAccounts[2]!.email));
    const enrolment = await pendingEnrolment(t.db, ring, staff!.id);
    expect(enrolment!.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment!.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await pendingEnrolment(t.db, ring, staff!.id))!.secret).toBe(enrolment!.secret);
    const now = new Date();
    await expect(confirmEnrolment(t.db, ring, staff!.id, "000000", now)).rejects.toThrow("not correct");
    const codes = await confirmEnrolment(t.db, ring, staff!.id, currentTotpCode(enrolment!.secret, now), now);
    expect(codes).toHaveLength(10);
    const stored = await queryRows<{ code_hash: string }>(t.db, sql`select code_hash from recovery_codes where user_id = ${staff!.id}`);
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
    // The code that confirmed enrolment cannot sign in again.
    expect(await checkSecondFactor(t.db, ring, staff!.id, currentTotpCode(enrolment!.secret, now), now)).toBe("invalid");
    const later = new Date(now.getTime() + 30_000);
    expect(await checkSecondFactor(t.db, ring, staff!.id, currentTotpCode(enrolment!.secret, later), later)).toBe("ok");
    expect(await checkSecondFactor(t.db, ring, staff!.id, codes[3]!.toUpperCase(), later)).toBe("ok");
    expect(await checkSecondFactor(t.db, ring, staff!.id, codes[3]!, later)).toBe("invalid");
    await expect(resetTwoFactor(t.db, staff!.id, staff!.id)).rejects.toThrow("own");
    const [admin] = await t.db.select().from(users).where(eq(users.email, "ops@example.com"));
    await resetTwoFactor(t.db, admin!.id, staff!.id);
    const [after] = await t.db.select().from(users).where(eq(users.id, staff!.id));
    expect(after).toMatchObject({ totpSecretSealed: null, totpEnabledAt: null, sessionVersion: staff!.sessionVersion + 1 });
    expect((await t.db.select().from(auditLog).where(eq(auditLog.subjectId, staff!.id))).map((a) => a.action)).toEqual(expect.arrayContaining(["two_factor_enabled", "two_factor_reset"]));
  });
});

describe("the accounts migration", () => {
  it("turns the merchant admins of before into owners", { timeout: 180_000 }, async () => {
    // Apply only the first migration, add a merchant admin as the old schema had them, then the rest.
    const folder = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(migrationsFolder, folder, { recursive: true });
    const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8"));
    writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
    const handle = await openDatabase({});
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: folder });
    await handle.db.execute(sql`insert into merchants (id, name, mini_program) values (${DEMO_MERCHANT_ID}, 'M', '{}'::jsonb)`);
    await handle.db.execute(sql`insert into users (email, name, password_hash, role, merchant_id) values ('old@example.com', 'Old', 'h', 'merchant_admin', ${DEMO_MERCHANT_ID})`);
    await migrate(handle.db as never, { migrationsFolder });
    const rows = await queryRows<{ role: string; session_version: number }>(handle.db, sql`select role, session_version from users`);
    expect(rows).toEqual([{ role: "owner", session_version: 0 }]);
    await handle.close();
  });
});
