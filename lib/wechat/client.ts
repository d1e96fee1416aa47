import { setTimeout as sleep } from "node:timers/promises";
import type { PicFile } from "@/lib/media/types";
import { WeChatError, tokenErrcodes } from "./errors";

export type WeChatLogger = (event: string, fields: Record<string, unknown>) => void;

export type WeChatClientOptions = {
  /** `https://api.weixin.qq.com`, or the sandbox's `…/sandbox/wechat`. */
  baseUrl: string;
  appid: string;
  secret: string;
  timeoutMs: number;
  /** Extra attempts after the first on network errors, 5xx and errcode -1. */
  retries: number;
  /** First backoff; doubled per attempt, with jitter. */
  backoffMs?: number;
  log?: WeChatLogger;
  fetch?: typeof fetch;
  now?: () => number;
};

export type ApplicationStatus = {
  status: "auditing" | "finished" | "rejected";
  audit_detail: { field: string; field_name?: string; reject_reason: string }[];
  sub_mchid?: string;
};

type CachedToken = { token: string; expiresAt: number };
type Body = { json: unknown } | { form: () => FormData } | undefined;

/**
 * HTTP client for the WeChat endpoints the console uses. The access_token is cached until shortly
 * before it expires, refreshed by one request however many callers wait for it, and refreshed
 * once more when WeChat says it is stale (40001/42001).
 */
export class WeChatClient {
  private cached: CachedToken | null = null;
  private inflight: Promise<CachedToken> | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(readonly options: WeChatClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  /** A valid access_token; callers arriving during a refresh share its one request. */
  async accessToken(options: { force?: boolean } = {}): Promise<string> {
    const cached = this.cached;
    if (!options.force && cached && this.now() < cached.expiresAt) return cached.token;
    this.inflight ??= this.fetchToken(Boolean(options.force)).finally(() => {
      this.inflight = null;
    });
    return (await this.inflight).token;
  }

  /** `POST /shop/img/upload` with `resp_type=2`: both ids of the picture. */
  async uploadImage(image: { bytes: Buffer; filename: string; mimeType: string }): Promise<PicFile> {
    const answer = await this.call<{ img_info?: { media_id?: string; pay_media_id?: string } }>("/shop/img/upload", {
      query: { resp_type: "2", upload_type: "0" },
      body: {
        form: () => {
          const form = new FormData();
          form.set("resp_type", "2");
          form.set("upload_type", "0");
          form.set("media", new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }), image.filename);
          return form;
        },
      },
    });
    const info = answer.img_info;
    if (!info?.media_id || !info.pay_media_id) throw new WeChatError("http", "upload answer without img_info.media_id/pay_media_id", { transient: false });
    return { media_id: info.media_id, pay_media_id: info.pay_media_id };
  }

  /** `POST /shop/wxpay/apply` with sensitive fields already encrypted; throws WeChatError unless errcode 0. */
  async apply(body: Record<string, unknown>, options: { serial: string; merchantRef: string }): Promise<void> {
    await this.call("/shop/wxpay/apply", { query: { merchant_ref: options.merchantRef }, headers: { "Wechatpay-Serial": options.serial }, body: { json: body } });
  }

  /** `POST /shop/wxpay/get`: where the application stands in WeChat's review. */
  async getApplication(options: { merchantRef: string }): Promise<ApplicationStatus> {
    const answer = await this.call<{ data?: Partial<ApplicationStatus> } & Partial<ApplicationStatus>>("/shop/wxpay/get", {
      query: { merchant_ref: options.merchantRef },
      body: { json: {} },
    });
    const data = answer.data ?? answer;
    const status = String(data.status ?? "").toLowerCase();
    if (status !== "auditing" && status !== "finished" && status !== "rejected") {
      throw new WeChatError("http", `unknown application status ${JSON.stringify(data.status)}`, { transient: true });
    }
    return { status, audit_detail: Array.isArray(data.audit_detail) ? data.audit_detail : [], sub_mchid: data.sub_mchid };
  }

  /** Sandbox only: the sandbox's platform public key and its serial (WeChat's is configured). */
  async sandboxPlatformKey(): Promise<{ serial: string; public_key: string }> {
    return this.call("/sandbox/platform_key", { method: "GET", auth: false });
  }

  private async fetchToken(force: boolean): Promise<CachedToken> {
    const requestedAt = this.now();
    const answer = await this.call<{ access_token?: string; expires_in?: number }>("/cgi-bin/stable_token", {
      auth: false,
      body: { json: { grant_type: "client_credential", appid: this.options.appid, secret: this.options.secret, force_refresh: force } },
    });
    if (!answer.access_token || !answer.expires_in) throw new WeChatError("http", "token answer without access_token", { transient: true });
    // Refresh early: 5 minutes before expiry, or a fifth of a short lifetime.
    const margin = Math.min(300, answer.expires_in / 5) * 1000;
    this.cached = { token: answer.access_token, expiresAt: requestedAt + answer.expires_in * 1000 - margin };
    return this.cached;
  }

  private async call<T>(
    path: string,
    request: { method?: "GET" | "POST"; query?: Record<string, string>; headers?: Record<string, string>; body?: Body; auth?: boolean },
  ): Promise<T & { errcode?: number; errmsg?: string }> {
    const auth = request.auth ?? true;
    let refreshedToken = false;
    let lastError: WeChatError | null = null;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) await sleep(this.backoff(attempt));
      const token = auth ? await this.accessToken() : undefined;
      const url = new URL(this.options.baseUrl + path);
      if (token) url.searchParams.set("access_token", token);
      for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
      const body = request.body;
      const started = this.now();
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method: request.method ?? "POST",
          headers: { ...(body && "json" in body ? { "content-type": "application/json" } : {}), ...request.headers },
          body: body ? ("json" in body ? JSON.stringify(body.json) : body.form()) : undefined,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        lastError = new WeChatError("network", timedOut ? `no answer within ${this.options.timeoutMs} ms` : `network error: ${describe(error)}`);
        this.log("wechat.call_failed", { path, attempt, error: lastError.errmsg, ms: this.now() - started });
        continue;
      }
      if (response.status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        lastError = new WeChatError("http", `HTTP ${response.status}`, { transient: true });
        this.log("wechat.call_failed", { path, attempt, status: response.status });
        continue;
      }
      let answer: T & { errcode?: number; errmsg?: string };
      try {
        answer = (await response.json()) as T & { errcode?: number; errmsg?: string };
      } catch {
        lastError = new WeChatError("http", `HTTP ${response.status} without a JSON body`, { transient: response.status === 429 });
        this.log("wechat.call_failed", { path, attempt, status: response.status });
        if (lastError.transient) continue;
        throw lastError;
      }
      const errcode = typeof answer.errcode === "number" ? answer.errcode : 0;
      if (errcode === 0 && response.ok) return answer;
      const error = new WeChatError(errcode || "http", answer.errmsg ?? `HTTP ${response.status}`, errcode ? {} : { transient: false });
      this.log("wechat.errcode", { path, attempt, errcode: error.errcode, errmsg: error.errmsg });
      if (auth && typeof errcode === "number" && tokenErrcodes.has(errcode) && !refreshedToken) {
        // The cached token went stale early (revoked, another caller refreshed it): once more with a new one.
        refreshedToken = true;
        // Only the first caller to see the stale token refreshes it; the others take the new one.
        if (this.cached === null || this.cached.token === token) {
          this.cached = null;
          // Another instance may have refreshed it already: ask plainly first, and force a new
          // token (which invalidates everyone's) only when WeChat hands back the stale one.
          const fresh = await this.accessToken();
          if (fresh === token && errcode !== 42001) await this.accessToken({ force: true });
        }
        attempt--;
        continue;
      }
      if (!error.transient) throw error;
      lastError = error;
    }
    throw lastError ?? new WeChatError("network", "no attempt made");
  }

  private backoff(attempt: number): number {
    const base = this.options.backoffMs ?? 250;
    return Math.round(base * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
  }

  private log(event: string, fields: Record<string, unknown>) {
    this.options.log?.(event, fields);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
