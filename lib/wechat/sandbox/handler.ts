import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { sandboxApplications, sandboxLoginCodes, sandboxMedia, sandboxTokens } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { MAX_IMAGE_BYTES, readBmpInfo, sniffImageFormat } from "@/lib/images/format";
import { decryptSensitiveFields, FieldDecryptError } from "../sensitive-fields";
import { bankByNumber, cities, provinces, subBranches } from "./banks";
import { takeFault, noFaults, type SandboxFaults } from "./faults";
import { sandboxKeyPair } from "./keys";
import { APPID_PATTERN, sandboxAppSecret } from "./mini-programs";
import { nextState, rejectionDetail, stateDesc, validateApplication, waitsForPerson, type SandboxState } from "./review";

export type SandboxOptions = {
  db: Db;
  keyRing: KeyRing;
  /** Seconds between receipt of an application and its decision (read on the next poll). */
  reviewSeconds: number;
  tokenTtlSeconds?: number;
  faults?: SandboxFaults;
  now?: () => Date;
};

export type Sandbox = {
  handle: (request: Request) => Promise<Response>;
  faults: SandboxFaults;
  /** Tests: every issued token becomes expired (42001) or invalid (40001). */
  expireTokens: () => Promise<void>;
  revokeTokens: () => Promise<void>;
  /** The support dev control: the application of this appid takes its next step now; answers the new state. */
  advance: (appid: string) => Promise<string | null>;
  /** The sandbox's record of a Mini Program's application (tests, the dev control). */
  application: (appid: string) => Promise<typeof sandboxApplications.$inferSelect | null>;
  /** A `wx.login` code for this Mini Program (dev checkout page): valid once, for five minutes. */
  mintLoginCode: (appid: string, openid?: string) => Promise<string>;
};

const json = (body: unknown, status = 200) => Response.json(body, { status });

/** The bank look-ups: the same answers for every Mini Program, as at WeChat. */
const bankLookups: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
  "/shop/funds/getbankbynum": bankByNumber,
  "/shop/funds/getprovince": provinces,
  "/shop/funds/getcity": cities,
  "/shop/funds/getsubbranch": subBranches,
};
const wxError = (errcode: number, errmsg: string) => json({ errcode, errmsg });
const ok = (extra: Record<string, unknown> = {}) => json({ errcode: 0, errmsg: "ok", ...extra });

/**
 * The WeChat endpoints the console uses, served by the console itself when no credentials are
 * configured: a plain `(Request) => Promise<Response>` so that a Next route and a test server can
 * both host it. Paths are matched on their end (`…/cgi-bin/stable_token`), whatever the prefix.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const { db, keyRing } = options;
  const faults = options.faults ?? noFaults();
  const now = options.now ?? (() => new Date());
  const ttl = options.tokenTtlSeconds ?? 7200;

  async function checkToken(url: URL): Promise<{ appid: string } | Response> {
    const token = url.searchParams.get("access_token");
    if (!token) return wxError(41001, "access_token missing");
    const [row] = await db.select().from(sandboxTokens).where(eq(sandboxTokens.token, token));
    if (!row || row.revokedAt || poisoned.has(token)) return wxError(40001, "invalid credential, access_token is invalid or not latest");
    // An injected 40001 refuses the token for the API but not at the stable endpoint, as when a
    // plain /cgi-bin/token call elsewhere replaced it: only a forced refresh gets a working one.
    if (takeFault(faults, "invalid_token")) {
      poisoned.add(token);
      return wxError(40001, "invalid credential, access_token is invalid or not latest");
    }
    if (row.expiresAt <= now() || takeFault(faults, "expired_token")) return wxError(42001, "access_token expired");
    return { appid: row.appid };
  }

  const poisoned = new Set<string>();

  async function stableToken(request: Request): Promise<Response> {
    const body = await readJson(request);
    if (!body) return wxError(47001, "data format error");
    if (body.grant_type !== "client_credential") return wxError(40002, "invalid grant_type");
    if (typeof body.appid !== "string" || !APPID_PATTERN.test(body.appid)) return wxError(40013, "invalid appid");
    if (typeof body.secret !== "string" || body.secret !== sandboxAppSecret(body.appid)) return wxError(40125, "invalid appsecret");
    const appid = body.appid;
    const at = now();
    if (body.force_refresh !== true) {
      const [current] = await db
        .select()
        .from(sandboxTokens)
        .where(and(eq(sandboxTokens.appid, appid), isNull(sandboxTokens.revokedAt), gt(sandboxTokens.expiresAt, at)))
        .orderBy(sql`${sandboxTokens.expiresAt} desc`)
        .limit(1);
      if (current) return json({ access_token: current.token, expires_in: Math.floor((current.expiresAt.getTime() - at.getTime()) / 1000) });
    } else {
      await db.update(sandboxTokens).set({ revokedAt: at }).where(and(eq(sandboxTokens.appid, appid), isNull(sandboxTokens.revokedAt)));
    }
    const token = `sbx_${randomBytes(24).toString("base64url")}`;
    await db.insert(sandboxTokens).values({ token, appid, expiresAt: new Date(at.getTime() + ttl * 1000) });
    return json({ access_token: token, expires_in: ttl });
  }

  async function upload(request: Request, url: URL, appid: string): Promise<Response> {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return wxError(44002, "empty post data: send multipart/form-data with a media file");
    }
    const media = form.get("media");
    if (!(media instanceof Blob)) return wxError(41005, "media data missing");
    const bytes = Buffer.from(await media.arrayBuffer());
    if (bytes.length === 0 || bytes.length >= MAX_IMAGE_BYTES) return wxError(40006, "invalid meida size: images must be under 2 MB");
    const format = sniffImageFormat(bytes);
    if (!format || !(await wholeImage(bytes, format))) return wxError(40005, "invalid file type: jpg, png or bmp only");
    const mediaId = `wxashop_${randomBytes(48).toString("base64")}`;
    const payMediaId = randomBytes(64).toString("base64url");
    await db.insert(sandboxMedia).values({ mediaId, payMediaId, appid, byteSize: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
    const respType = form.get("resp_type") ?? url.searchParams.get("resp_type");
    return ok({ img_info: respType === "2" ? { media_id: mediaId, pay_media_id: payMediaId } : { media_id: mediaId } });
  }

  async function apply(request: Request, appid: string): Promise<Response> {
    const body = await readJson(request);
    if (!body) return wxError(47001, "data format error");
    const keys = await sandboxKeyPair(db, keyRing);
    if (request.headers.get("wechatpay-serial") !== keys.serial) return wxError(40097, "invalid args: Wechatpay-Serial does not name the platform key");
    let plain: Record<string, unknown>;
    try {
      plain = decryptSensitiveFields(body, keys.privateKeyPem);
    } catch (error) {
      if (error instanceof FieldDecryptError) return wxError(40097, `invalid args: ${error.path} must be encrypted with the platform public key`);
      throw error;
    }
    const invalid = validateApplication(plain);
    if (invalid.length) return wxError(40097, `invalid args hint: [${invalid.slice(0, 10).join(", ")}]`);
    const mediaIds = collectMediaIds(plain);
    if (mediaIds.length) {
      const known = await db
        .select({ mediaId: sandboxMedia.mediaId, payMediaId: sandboxMedia.payMediaId, appid: sandboxMedia.appid })
        .from(sandboxMedia)
        .where(inArray(sandboxMedia.mediaId, mediaIds.map((m) => m.media_id)));
      const byId = new Map(known.map((k) => [k.mediaId, k]));
      // A picture uploaded under another Mini Program's token is unknown to this one.
      if (mediaIds.some((m) => byId.get(m.media_id)?.payMediaId !== m.pay_media_id || byId.get(m.media_id)?.appid !== appid)) return wxError(40007, "invalid media_id");
    }
    const at = now();
    const [existing] = await db.select().from(sandboxApplications).where(eq(sandboxApplications.appid, appid));
    // One application per Mini Program: only a rejected (or never sent) one may be replaced.
    if (existing && !["REJECTED", "CANCELED"].includes(existing.state)) return wxError(9401020, existing.state === "FINISH" ? "the merchant account is already open" : "an application is already under review");
    const shortname = String(plain.merchant_shortname ?? "");
    const values = {
      applymentId: String(2_000_002_000_000_000 + Math.floor(Math.random() * 999_999_999)),
      merchantShortname: shortname,
      organizationType: plain.organization_type === undefined ? null : String(plain.organization_type),
      record: nonPersonalRecord(plain, mediaIds),
      state: "CHECKING",
      receivedAt: at,
      nextStepAt: new Date(at.getTime() + options.reviewSeconds * 1000),
      auditDetail: null,
      accountValidation: null,
      subMchid: null,
    };
    await db
      .insert(sandboxApplications)
      .values({ appid, ...values })
      .onConflictDoUpdate({ target: sandboxApplications.appid, set: { ...values, applyCount: sql`${sandboxApplications.applyCount} + 1` } });
    return ok();
  }

  /** Takes every step whose time has come; conditional on the state read, so two readers step once. */
  async function catchUp(appid: string, force = false): Promise<typeof sandboxApplications.$inferSelect | undefined> {
    for (let guard = 0; guard < 10; guard++) {
      const [row] = await db.select().from(sandboxApplications).where(eq(sandboxApplications.appid, appid));
      if (!row) return undefined;
      const due = force || (row.nextStepAt !== null && row.nextStepAt <= now());
      const next = due ? nextState(row.state, row.merchantShortname) : null;
      if (!next) return row;
      force = false;
      const stepAt = row.nextStepAt && row.nextStepAt <= now() ? row.nextStepAt : now();
      await db
        .update(sandboxApplications)
        .set({
          state: next,
          nextStepAt: nextState(next, row.merchantShortname) && !waitsForPerson(next, row.merchantShortname) ? new Date(stepAt.getTime() + options.reviewSeconds * 1000) : null,
          auditDetail: next === "REJECTED" || next === "FROZEN" ? rejectionDetail() : null,
          accountValidation: next === "ACCOUNT_NEED_VERIFY" ? transferFor(row, stepAt) : null,
          subMchid: next === "NEED_SIGN" ? String(1_600_000_000 + Math.floor(Math.random() * 99_999_999)) : row.subMchid,
        })
        .where(and(eq(sandboxApplications.appid, appid), eq(sandboxApplications.state, row.state)));
    }
    const [row] = await db.select().from(sandboxApplications).where(eq(sandboxApplications.appid, appid));
    return row;
  }

  async function get(appid: string): Promise<Response> {
    const row = await catchUp(appid);
    if (!row) return wxError(9401021, "no application found");
    return ok(documentedAnswer(row, Math.random() < 0.5 ? "pay" : "wxpay"));
  }

  async function jscode2session(url: URL): Promise<Response> {
    const appid = url.searchParams.get("appid") ?? "";
    if (!APPID_PATTERN.test(appid)) return wxError(40013, "invalid appid");
    if (url.searchParams.get("secret") !== sandboxAppSecret(appid)) return wxError(40125, "invalid appsecret");
    if (url.searchParams.get("grant_type") !== "authorization_code") return wxError(40002, "invalid grant_type");
    const code = url.searchParams.get("js_code") ?? "";
    // Spent, expired, unknown or another Mini Program's code: one answer, as WeChat gives.
    const used = await db
      .update(sandboxLoginCodes)
      .set({ usedAt: now() })
      .where(and(eq(sandboxLoginCodes.code, code), eq(sandboxLoginCodes.appid, appid), isNull(sandboxLoginCodes.usedAt), gt(sandboxLoginCodes.expiresAt, now())))
      .returning({ openid: sandboxLoginCodes.openid });
    if (!used[0]) return wxError(40029, "invalid code");
    return json({ openid: used[0].openid, session_key: randomBytes(16).toString("base64") });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, "");
    if (path.endsWith("/sandbox/platform_key") && request.method === "GET") {
      const keys = await sandboxKeyPair(db, keyRing);
      return json({ serial: keys.serial, public_key: keys.publicKeyPem });
    }
    if (path.endsWith("/sandbox/application") && request.method === "GET") {
      // Dev inspection: what the sandbox holds for one Mini Program (no personal data is kept).
      const [row] = await db.select().from(sandboxApplications).where(eq(sandboxApplications.appid, url.searchParams.get("appid") ?? ""));
      return row ? json({ appid: row.appid, applyment_state: row.state, apply_count: row.applyCount, record: row.record }) : json({ errcode: 9401021, errmsg: "no application found" }, 404);
    }
    const route = ["/cgi-bin/stable_token", "/sns/jscode2session", "/shop/img/upload", "/shop/wxpay/apply", "/shop/wxpay/get", ...Object.keys(bankLookups)].find((r) => path.endsWith(r));
    if (!route) return json({ errcode: 404, errmsg: "no such sandbox endpoint" }, 404);
    const method = route === "/sns/jscode2session" ? "GET" : "POST";
    if (request.method !== method) return json({ errcode: 43002, errmsg: `require ${method} method` }, 405);
    if (faults.delayMs > 0) await sleep(faults.delayMs);
    if (takeFault(faults, "http_5xx")) return new Response("sandbox: injected server error", { status: 503 });
    if (takeFault(faults, "errcode_minus1")) return wxError(-1, "system error");
    if (route === "/cgi-bin/stable_token") return stableToken(request);
    if (route === "/sns/jscode2session") return jscode2session(url);
    const auth = await checkToken(url);
    if (auth instanceof Response) return auth;
    if (route === "/shop/img/upload") return upload(request, url, auth.appid);
    if (route === "/shop/wxpay/apply") return apply(request, auth.appid);
    const lookup = bankLookups[route];
    if (lookup) return json(lookup((await readJson(request)) ?? {}));
    return get(auth.appid);
  }

  return {
    handle,
    faults,
    expireTokens: async () => {
      await db.update(sandboxTokens).set({ expiresAt: now() });
    },
    revokeTokens: async () => {
      await db.update(sandboxTokens).set({ revokedAt: now() });
    },
    advance: async (appid) => (await catchUp(appid, true))?.state ?? null,
    application: async (appid) => (await db.select().from(sandboxApplications).where(eq(sandboxApplications.appid, appid)))[0] ?? null,
    mintLoginCode: async (appid, openid) => {
      const code = `sbxcode_${randomBytes(12).toString("hex")}`;
      await db.insert(sandboxLoginCodes).values({ code, appid, openid: openid ?? `o_sbx_${createHash("sha256").update(appid + randomBytes(8).toString("hex")).digest("base64url").slice(0, 22)}`, expiresAt: new Date(now().getTime() + 5 * 60_000) });
      return code;
    },
  };
}

async function readJson(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json();
    return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function wholeImage(bytes: Buffer, format: "jpeg" | "png" | "bmp"): Promise<boolean> {
  if (format === "bmp") return readBmpInfo(bytes) !== null;
  try {
    // Every pixel row is read (which is what finds a truncated file) into a thumbnail: a JPEG is
    // decoded at an eighth of its size, so checking a photo costs kilobytes, not its pixels.
    await sharp(bytes, { failOn: "truncated" }).resize({ width: 256, height: 256, fit: "inside" }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Every `{media_id, pay_media_id}` anywhere in the application. */
function collectMediaIds(value: unknown, out: { media_id: string; pay_media_id: string }[] = []) {
  if (Array.isArray(value)) for (const item of value) collectMediaIds(item, out);
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.media_id === "string") out.push({ media_id: record.media_id, pay_media_id: String(record.pay_media_id ?? "") });
    else for (const item of Object.values(record)) collectMediaIds(item, out);
  }
  return out;
}

type SandboxApplication = typeof sandboxApplications.$inferSelect;

/**
 * The documented `/shop/wxpay/get` answer: the status inside `pay_resp` or `wxpay_resp` (documented
 * samples use both; chosen per answer so a client cannot lean on one) and the request echoed beside
 * it as `pay_req` / `wxpay_req` (here only its non-personal part).
 * https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/wxpay/get.html
 * Status fields: https://developer.work.weixin.qq.com/document/path/98974
 */
export function documentedAnswer(row: SandboxApplication, spelling: "pay" | "wxpay"): Record<string, unknown> {
  const state = row.state as SandboxState;
  const resp: Record<string, unknown> = {
    applyment_id: Number(row.applymentId),
    applyment_state: row.state,
    applyment_state_desc: stateDesc[state] ?? row.state,
    sign_state: state === "FINISH" ? "SIGNED" : "UNSIGNED",
    audit_detail: row.auditDetail ?? [],
  };
  if (state === "NEED_SIGN") resp.sign_url = `https://pay.weixin.qq.com/public/apply4ec_sign/s?applymentId=${row.applymentId}&sign=${createHash("md5").update(row.appid + row.applymentId).digest("hex")}`;
  if (state === "NEED_SIGN" || state === "FINISH") resp.sub_mchid = row.subMchid;
  if (state === "ACCOUNT_NEED_VERIFY") {
    if (row.accountValidation) resp.account_validation = row.accountValidation;
    else resp.legal_validation_url = `https://pay.weixin.qq.com/public/apply4ec_sign/s?applymentId=${row.applymentId}&legal=${createHash("md5").update(row.applymentId).digest("hex")}`;
  }
  return { [`${spelling}_req`]: { ...row.record, out_request_no: row.appid }, [`${spelling}_resp`]: resp };
}

/**
 * The transfer that verifies a corporate settlement account (74): a few fen from that account to
 * WeChat's, with a remark, within ten days. A personal account (75) is verified by the legal
 * person's scan instead (legal_validation_url).
 */
function transferFor(row: SandboxApplication, at: Date): Record<string, unknown> | null {
  if (row.record.bank_account_type !== "74") return null;
  return {
    account_name: String(row.record.subject ?? ""),
    account_no: String(row.record.account_tail ?? ""),
    pay_amount: 1 + Math.floor(Math.random() * 98),
    destination_account_number: "7222 0000 0000 1234",
    destination_account_name: "财付通支付科技有限公司",
    destination_account_bank: "招商银行深圳分行大冲支行",
    city: "深圳",
    remark: `WX${row.applymentId.slice(-6)}`,
    deadline: new Date(at.getTime() + 10 * 86_400_000).toISOString().slice(0, 19).replace("T", " "),
  };
}

/** What the sandbox keeps of an application: no personal data, only what a test or demo checks. */
function nonPersonalRecord(plain: Record<string, unknown>, media: { media_id: string }[]): Record<string, unknown> {
  const account = (plain.account_info ?? {}) as Record<string, unknown>;
  const contact = (plain.contact_info ?? {}) as Record<string, unknown>;
  const accountNumber = String(account.account_number ?? "");
  return {
    merchant_shortname: plain.merchant_shortname,
    organization_type: plain.organization_type,
    id_doc_type: plain.id_doc_type,
    contact_type: contact.contact_type,
    contact_id_doc_type: contact.contact_id_doc_type,
    bank_account_type: account.bank_account_type,
    account_bank: account.account_bank,
    bank_address_code: account.bank_address_code,
    bank_branch_id: account.bank_branch_id,
    // The account's holder is the business (corporate account) or its owner: the name to transfer from.
    subject: account.bank_account_type === "74" ? account.account_name : undefined,
    account_tail: accountNumber ? `****${accountNumber.slice(-4)}` : undefined,
    media_ids: media.map((m) => m.media_id),
  };
}
