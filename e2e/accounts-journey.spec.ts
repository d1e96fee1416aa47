import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { Client } from "pg";
import sharp from "sharp";
import { currentTotpCode } from "../lib/auth/two-factor";
import { startTestSmtp } from "../tests/helpers/smtp";
import { expect, test } from "./fixtures";

// The accounts issue's "done when": a fresh production start on PostgreSQL with no demo data is
// made operable from the command line and the browser alone, with mail read from a real SMTP
// server. It runs its own console (the build Playwright made, another port, its own database).
const adminUrl = process.env.TEST_DATABASE_URL;
const port = Number(process.env.E2E_PORT ?? 3100) + 50;
const base = `http://localhost:${port}`;
const root = process.cwd();

test.describe("a console for real people", () => {
  test.skip(!adminUrl, "needs TEST_DATABASE_URL (a PostgreSQL server)");
  test.describe.configure({ mode: "serial", timeout: 300_000 });

  let server: ChildProcess | undefined;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let env: NodeJS.ProcessEnv;
  let dbName: string;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    smtp = await startTestSmtp();
    dbName = `e2e_accounts_${randomBytes(4).toString("hex")}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    env = {
      ...process.env,
      APP_ENV: "production",
      DATABASE_URL: url.toString(),
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      NEXTAUTH_URL: base,
      DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "accounts-journey-")),
      SMTP_URL: smtp.url,
      NEXT_DIST_DIR: ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
      SEED_E2E: "",
      PORT: String(port),
      // WeChat and the payment provider are not what this journey is about: their sandboxes, allowed explicitly.
      ALLOW_SANDBOX: "true",
      WECHAT_MODE: "sandbox",
    };
    server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    server.stderr?.on("data", (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the production console did not start: ${stderr}`);
  });

  test.afterAll(async () => {
    server?.kill("SIGTERM");
    await smtp?.close();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  function linkIn(text: string, kind: "set-password" | "invitation"): string {
    const match = new RegExp(`${base}/${kind}/[A-Za-z0-9_-]+`).exec(text);
    if (!match) throw new Error(`no ${kind} link in ${text}`);
    return match[0];
  }

  test("bootstrap → staff with 2FA → merchant → owner → viewer → reset → old session refused", async ({ browser }) => {
    // No demo data: nobody can sign in.
    const staffEmail = "ops@platform.example";
    const admin = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", "create-staff", "--email", staffEmail, "--name", "Ops Admin", "--role", "support_admin"], { cwd: root, env, encoding: "utf8" });
    expect(admin.status, admin.stderr).toBe(0);
    const setPasswordLink = linkIn(admin.stdout, "set-password");
    const again = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/admin.ts", "create-staff", "--email", staffEmail, "--name", "Again", "--role", "support"], { cwd: root, env, encoding: "utf8" });
    expect(again.status).not.toBe(0);
    expect(again.stderr.trim()).toBe(`An account with the email ${staffEmail} already exists.`);

    // The staff member sets a password and signs in.
    const staff = await (await browser.newContext({ baseURL: base })).newPage();
    await staff.goto(setPasswordLink);
    await staff.getByLabel("新密码", { exact: true }).fill("password123");
    await staff.getByLabel("再次输入新密码").fill("password123");
    await staff.getByRole("button", { name: "保存密码" }).click();
    await expect(staff.getByText("此密码过于常见")).toBeVisible();
    await staff.getByLabel("新密码", { exact: true }).fill("ops-admin-strong-2026");
    await staff.getByLabel("再次输入新密码").fill("ops-admin-strong-2026");
    await staff.getByRole("button", { name: "保存密码" }).click();
    await expect(staff).toHaveURL(/\/login/);
    await staff.getByLabel("邮箱").fill(staffEmail);
    await staff.getByLabel("密码").fill("ops-admin-strong-2026");
    await staff.getByRole("button", { name: "登录" }).click();

    // No merchant data before two-factor: enrol by scanning the QR code.
    await expect(staff).toHaveURL(/\/account\/two-factor$/);
    await staff.goto("/support/merchants");
    await expect(staff).toHaveURL(/\/account\/two-factor$/);
    const qr = await staff.getByTestId("totp-qr").getAttribute("src");
    const { data, info } = await sharp(Buffer.from(qr!.split(",")[1]!, "base64")).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const scanned = jsQR(new Uint8ClampedArray(data), info.width, info.height)!.data;
    expect(scanned).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const secret = new URL(scanned).searchParams.get("secret")!;
    expect(secret).toBe(await staff.getByTestId("totp-secret").textContent());
    await staff.getByLabel("应用中的验证码").fill(currentTotpCode(secret));
    await staff.getByRole("button", { name: "开启两步验证" }).click();
    await expect(staff.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    await staff.getByRole("link", { name: "已保存，继续" }).click();
    await expect(staff).toHaveURL(/\/support\/review$/);

    // Create a merchant.
    await staff.goto("/support/merchants");
    await staff.getByText("创建商户").first().click();
    await staff.getByLabel("商户名称").fill("广州真实商户有限公司");
    await staff.getByLabel("主体名称（与营业执照一致）").fill("广州真实商户有限公司");
    await staff.getByLabel("小程序名称").fill("真实小店");
    await staff.getByLabel("小程序 appid").fill("wx0123456789abcdef");
    await staff.getByLabel("营业执照注册号").fill("91440101MA5C00001X");
    await staff.getByLabel("AppSecret").fill("0123456789ABCDEF");
    await staff.getByRole("button", { name: "创建商户" }).click();
    await expect(staff.getByText("AppSecret 为 32 位 0-9、a-f 字符。")).toBeVisible();
    await expect(staff.getByLabel("商户名称")).toHaveValue("广州真实商户有限公司");
    await staff.getByLabel("AppSecret").fill("0123456789abcdef0123456789abcdef");
    await staff.getByRole("button", { name: "创建商户" }).click();
    await expect(staff).toHaveURL(/\/support\/merchants\/[0-9a-f-]{36}/);
    await expect(staff.getByTestId("app-secret-state")).toContainText("由 Ops Admin 于");
    await expect(staff.locator("body")).not.toContainText("0123456789abcdef0123456789abcdef");

    // Invite the owner; the mail arrives at the SMTP server, in the chosen language.
    const ownerEmail = "owner@merchant.example";
    await staff.getByLabel("邮箱", { exact: true }).fill(ownerEmail);
    await staff.getByLabel("邀请邮件语言").selectOption("en");
    await staff.getByRole("button", { name: "发送邀请" }).click();
    await expect(staff.getByText(`已向 ${ownerEmail} 发送邀请。`)).toBeVisible();
    const invitation = await smtp.waitFor(ownerEmail);
    expect(invitation.subject).toBe("Ops Admin invites you to 广州真实商户有限公司");
    expect(invitation.html).toContain("Accept the invitation");

    const owner = await (await browser.newContext({ baseURL: base })).newPage();
    await owner.goto(linkIn(invitation.text!, "invitation"));
    await owner.getByLabel("您的姓名").fill("林店主");
    await owner.getByLabel("密码", { exact: true }).fill("owner-strong-pass-1");
    await owner.getByLabel("再次输入密码").fill("owner-strong-pass-1");
    await owner.getByRole("button", { name: "创建账户" }).click();
    await expect(owner).toHaveURL(/\/login/);
    await owner.getByLabel("邮箱").fill(ownerEmail);
    await owner.getByLabel("密码").fill("owner-strong-pass-1");
    await owner.getByRole("button", { name: "登录" }).click();
    await expect(owner).toHaveURL(/\/onboarding$/);
    await expect(owner.getByTestId("merchant-name").filter({ visible: true })).toContainText("广州真实商户有限公司");

    // The owner invites a viewer.
    const viewerEmail = "viewer@merchant.example";
    await owner.goto("/team");
    await owner.getByLabel("邮箱", { exact: true }).fill(viewerEmail);
    await owner.getByLabel("角色", { exact: true }).selectOption("viewer");
    await owner.getByRole("button", { name: "发送邀请" }).click();
    await expect(owner.getByText(`已向 ${viewerEmail} 发送邀请。`)).toBeVisible();
    const viewerMail = await smtp.waitFor(viewerEmail);
    expect(viewerMail.subject).toBe("林店主 邀请您加入广州真实商户有限公司");

    const viewerContext = await browser.newContext({ baseURL: base });
    const viewer = await viewerContext.newPage();
    await viewer.goto(linkIn(viewerMail.text!, "invitation"));
    await viewer.getByLabel("您的姓名").fill("只读小王");
    await viewer.getByLabel("密码", { exact: true }).fill("viewer-strong-pass-1");
    await viewer.getByLabel("再次输入密码").fill("viewer-strong-pass-1");
    await viewer.getByRole("button", { name: "创建账户" }).click();
    await expect(viewer).toHaveURL(/\/login/);
    await viewer.getByLabel("邮箱").fill(viewerEmail);
    await viewer.getByLabel("密码").fill("viewer-strong-pass-1");
    await viewer.getByRole("button", { name: "登录" }).click();
    await expect(viewer).toHaveURL(/\/onboarding$/);

    // The viewer reads but cannot change anything.
    await viewer.goto("/team");
    await expect(viewer.getByText("只有所有者可以邀请成员、修改角色或移除成员。")).toBeVisible();
    await expect(viewer.getByRole("button", { name: "发送邀请" })).toHaveCount(0);
    const api = viewerContext.request;
    expect((await api.get("/api/application")).status()).toBe(200);
    expect((await api.put("/api/application/draft", { headers: { origin: base }, data: { version: 0, step: 0, values: {} } })).status()).toBe(403);
    expect((await api.post("/api/application/submit", { headers: { origin: base }, data: { version: 0 } })).status()).toBe(403);
    expect((await api.post("/api/media", { headers: { origin: base }, multipart: { field: "x" } })).status()).toBe(403);

    // The owner forgot the password: reset by mail; the old session is refused on its next request.
    const cookiesBefore = await owner.context().cookies();
    const forgot = await (await browser.newContext({ baseURL: base })).newPage();
    await forgot.goto("/login");
    await forgot.getByRole("link", { name: "忘记密码？" }).click();
    // The sign-in page has an 邮箱 field too: type only once the reset page has replaced it.
    await expect(forgot.getByRole("heading", { level: 1, name: "重置密码" })).toBeVisible();
    await forgot.getByLabel("邮箱").fill(ownerEmail);
    await forgot.getByRole("button", { name: "发送链接" }).click();
    await expect(forgot.getByText("如果该邮箱存在账户，链接已发出。")).toBeVisible();
    const resetMail = await smtp.waitFor(ownerEmail, 2);
    // In the language the owner set the account up in (the Chinese pages), not the inviter's.
    expect(resetMail.subject).toBe("重置您的控制台密码");
    await forgot.goto(linkIn(resetMail.text!, "set-password"));
    await forgot.getByLabel("新密码", { exact: true }).fill("owner-new-pass-2026");
    await forgot.getByLabel("再次输入新密码").fill("owner-new-pass-2026");
    await forgot.getByRole("button", { name: "保存密码" }).click();
    await expect(forgot).toHaveURL(/\/login/);

    await owner.goto("/team");
    await expect(owner).toHaveURL(/\/login/);
    // A copy of the old cookie is refused too, and /api/auth/session does not renew it.
    const copy = await browser.newContext({ baseURL: base });
    await copy.addCookies(cookiesBefore);
    expect(await (await copy.request.get("/api/auth/session")).json()).toEqual({});
    const page = await copy.newPage();
    await page.goto("/onboarding");
    await expect(page).toHaveURL(/\/login/);
    // The new password works.
    await forgot.getByLabel("邮箱").fill(ownerEmail);
    await forgot.getByLabel("密码").fill("owner-new-pass-2026");
    await forgot.getByRole("button", { name: "登录" }).click();
    await expect(forgot).toHaveURL(/\/onboarding$/);
  });
});
