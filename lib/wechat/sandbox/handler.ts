import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { sandboxApplications, sandboxMedia, sandboxTokens } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { readBmpInfo, sniffImageFormat } from "@/lib/media/image-format";
import { MAX_IMAGE_BYTES } from "@/lib/media/types";
import { decryptSensitiveFields, FieldDecryptError } from "../sensitive-fields";
import { takeFault, noFaults, type SandboxFaults } from "./faults";
import { sandboxKeyPair } from "./keys";
import { reviewOutcome, validateApplication } from "./review";

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
};

const json = (body: unknown, status = 200) => Response.json(body, { status });
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
    if (typeof body.appid !== "string" || !/^wx[0-9a-zA-Z]{8,30}$/.test(body.appid)) return wxError(40013, "invalid appid");
    if (typeof body.secret !== "string" || body.secret.length < 8) return wxError(40125, "invalid appsecret");
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

  async function apply(request: Request, url: URL, appid: string): Promise<Response> {
    const merchantRef = url.searchParams.get("merchant_ref");
    if (!merchantRef) return wxError(40097, "invalid args: merchant_ref missing (sandbox routing key)");
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
      const known = await db.select({ mediaId: sandboxMedia.mediaId, payMediaId: sandboxMedia.payMediaId }).from(sandboxMedia).where(inArray(sandboxMedia.mediaId, mediaIds.map((m) => m.media_id)));
      const byId = new Map(known.map((k) => [k.mediaId, k.payMediaId]));
      if (mediaIds.some((m) => byId.get(m.media_id) !== m.pay_media_id)) return wxError(40007, "invalid media_id");
    }
    const at = now();
    const [existing] = await db.select().from(sandboxApplications).where(and(eq(sandboxApplications.appid, appid), eq(sandboxApplications.merchantRef, merchantRef)));
    if (existing?.status === "auditing") return wxError(9401020, "an application is already under review");
    if (existing?.status === "finished") return wxError(9401020, "the merchant account is already open");
    const values = {
      merchantShortname: String(plain.merchant_shortname ?? ""),
      organizationType: plain.organization_type === undefined ? null : String(plain.organization_type),
      status: "auditing",
      receivedAt: at,
      decideAt: new Date(at.getTime() + options.reviewSeconds * 1000),
      auditDetail: null,
      subMchid: null,
    };
    await db
      .insert(sandboxApplications)
      .values({ appid, merchantRef, ...values })
      .onConflictDoUpdate({ target: [sandboxApplications.appid, sandboxApplications.merchantRef], set: { ...values, applyCount: sql`${sandboxApplications.applyCount} + 1` } });
    return ok();
  }

  async function get(url: URL, appid: string): Promise<Response> {
    const merchantRef = url.searchParams.get("merchant_ref");
    if (!merchantRef) return wxError(40097, "invalid args: merchant_ref missing (sandbox routing key)");
    const where = and(eq(sandboxApplications.appid, appid), eq(sandboxApplications.merchantRef, merchantRef));
    let [row] = await db.select().from(sandboxApplications).where(where);
    if (!row) return wxError(9401021, "no application found");
    if (row.status === "auditing" && row.decideAt <= now()) {
      const outcome = reviewOutcome(row.merchantShortname);
      // Conditional on still auditing: two instances polling at once decide once.
      await db
        .update(sandboxApplications)
        .set(outcome.status === "finished" ? { status: "finished", subMchid: String(1_600_000_000 + Math.floor(Math.random() * 99_999_999)) } : { status: "rejected", auditDetail: outcome.auditDetail })
        .where(and(where, eq(sandboxApplications.status, "auditing")));
      [row] = await db.select().from(sandboxApplications).where(where);
    }
    return ok({ data: { status: row!.status, audit_detail: row!.auditDetail ?? [], ...(row!.subMchid ? { sub_mchid: row!.subMchid } : {}) } });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, "");
    if (path.endsWith("/sandbox/platform_key") && request.method === "GET") {
      const keys = await sandboxKeyPair(db, keyRing);
      return json({ serial: keys.serial, public_key: keys.publicKeyPem });
    }
    const route = ["/cgi-bin/stable_token", "/shop/img/upload", "/shop/wxpay/apply", "/shop/wxpay/get"].find((r) => path.endsWith(r));
    if (!route) return json({ errcode: 404, errmsg: "no such sandbox endpoint" }, 404);
    if (request.method !== "POST") return json({ errcode: 43002, errmsg: "require POST method" }, 405);
    if (faults.delayMs > 0) await sleep(faults.delayMs);
    if (takeFault(faults, "http_5xx")) return new Response("sandbox: injected server error", { status: 503 });
    if (takeFault(faults, "errcode_minus1")) return wxError(-1, "system error");
    if (route === "/cgi-bin/stable_token") return stableToken(request);
    const auth = await checkToken(url);
    if (auth instanceof Response) return auth;
    if (route === "/shop/img/upload") return upload(request, url, auth.appid);
    if (route === "/shop/wxpay/apply") return apply(request, url, auth.appid);
    return get(url, auth.appid);
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
    await sharp(bytes, { failOn: "truncated" }).stats();
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
