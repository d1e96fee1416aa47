import { setTimeout as sleep } from "node:timers/promises";
import type { PicFile } from "@/lib/qualification/schema";
import { WeChatError, tokenErrcodes } from "./errors";
import { parseApplicationStatus, type ApplicationStatus } from "./application-status";
import { metrics } from "@/lib/runtime/metrics";

/** The client of a merchant's Mini Program (lib/wechat `wechatFor`, or a test's sandbox client). */
export type WeChatFor = (merchantId: string) => Promise<WeChatClient>;

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


type CachedToken = { token: string; expiresAt: number };

/** One bank a card number may belong to (getbankbynum's `data[]`). */
export type BankOfCard = { bank_code: string; bank_id?: number; bank_name: string; need_branch: boolean; account_bank: string };

/** The bank look-ups' "暂无数据". */
const NO_DATA_ERRCODE = 9710001;
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

  /**
   * `POST /shop/wxpay/apply` with sensitive fields already encrypted; throws WeChatError unless errcode 0.
   * The access_token names the Mini Program: WeChat keeps one application per Mini Program.
   * https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/wxpay/apply.html
   */
  async apply(body: Record<string, unknown>, options: { serial: string }): Promise<void> {
    await this.call("/shop/wxpay/apply", { headers: { "Wechatpay-Serial": options.serial }, body: { json: body } });
  }

  /**
   * `POST /shop/wxpay/get` with `{}`: the Mini Program's application as WeChat reports it.
   * https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/wxpay/get.html
   */
  async getApplication(): Promise<ApplicationStatus> {
    const answer = await this.call<Record<string, unknown>>("/shop/wxpay/get", { body: { json: {} } });
    return parseApplicationStatus(answer);
  }

  /**
   * `GET /sns/jscode2session`: the openid (and session_key) behind a `wx.login` code of this Mini Program.
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
   */
  async jscode2session(code: string): Promise<{ openid: string; session_key: string; unionid?: string }> {
    const answer = await this.call<{ openid?: string; session_key?: string; unionid?: string }>("/sns/jscode2session", {
      method: "GET",
      auth: false,
      query: { appid: this.options.appid, secret: this.options.secret, js_code: code, grant_type: "authorization_code" },
      retryErrcodes: false,
    });
    if (!answer.openid || !answer.session_key) throw new WeChatError("http", "jscode2session answer without openid/session_key", { transient: false });
    return { openid: answer.openid, session_key: answer.session_key, ...(answer.unionid ? { unionid: answer.unionid } : {}) };
  }

  /**
   * `POST <path>` of the funds API of Mini Program shops with a JSON body under this Mini Program's
   * token, answering WeChat's JSON as sent, a business errcode included (lib/funds reads it).
   * `once`: a call that moves money or changes the account is never repeated after WeChat may have
   * acted on it (no answer, 5xx, -1); only a stale token, refused before anything happened, is retried.
   */
  async funds(path: string, body: Record<string, unknown>, options: { once?: boolean } = {}): Promise<Record<string, unknown>> {
    try {
      return await this.call<Record<string, unknown>>(path, { body: { json: body }, ...(options.once ? { retries: 0 } : {}) });
    } catch (error) {
      if (error instanceof WeChatError && typeof error.errcode === "number") return { errcode: error.errcode, errmsg: error.errmsg };
      throw error;
    }
  }

  /**
   * `POST /shop/funds/getbankbynum`: the banks a card number may belong to.
   * https://developers.weixin.qq.com/doc/store/shop/API/funds/bank/getbankbynum.html
   */
  async bankByNumber(accountNumber: string): Promise<BankOfCard[]> {
    const answer = await this.listCall<BankOfCard>("/shop/funds/getbankbynum", { account_number: accountNumber });
    return answer.filter((b) => typeof b.account_bank === "string" && typeof b.bank_code === "string");
  }

  /**
   * `POST /shop/funds/getprovince` with `{}`: WeChat's own province numbers (for getcity).
   * https://developers.weixin.qq.com/doc/store/API/funds/bank/getprovince.html
   */
  async bankProvinces(): Promise<{ province_code: number; province_name: string }[]> {
    return this.listCall("/shop/funds/getprovince", {});
  }

  /**
   * `POST /shop/funds/getcity`: a province's cities, each with WeChat's city_code and our bank_address_code.
   * https://developers.weixin.qq.com/doc/store/shop/API/funds/bank/getcity.html
   */
  async bankCities(provinceCode: number): Promise<{ city_code: number; city_name: string; bank_address_code: string }[]> {
    return this.listCall("/shop/funds/getcity", { province_code: provinceCode });
  }

  /**
   * `POST /shop/funds/getsubbranch`: a bank's branches in one city (WeChat's city_code), paged.
   * https://developers.weixin.qq.com/doc/store/API/funds/bank/getsubbranch.html
   */
  async subBranches(query: { bank_code: string; city_code: number; offset?: number; limit?: number }): Promise<{ branch_id: number | string; branch_name: string }[]> {
    return this.listCall("/shop/funds/getsubbranch", query);
  }

  /** A documented list answer's `data`; errcode 9710001 ("暂无数据") is an empty list, not an error. */
  private async listCall<T>(path: string, body: Record<string, unknown>): Promise<T[]> {
    try {
      const answer = await this.call<{ data?: unknown }>(path, { body: { json: body } });
      return Array.isArray(answer.data) ? (answer.data as T[]) : [];
    } catch (error) {
      if (error instanceof WeChatError && error.errcode === NO_DATA_ERRCODE) return [];
      throw error;
    }
  }

  get appid(): string {
    return this.options.appid;
  }

  /** Sandbox only: the sandbox's platform public key and its serial (WeChat's is configured). */
  async sandboxPlatformKey(): Promise<{ serial: string; public_key: string }> {
    return this.call("/sandbox/platform_key", { method: "GET", auth: false });
  }

  /**
   * `POST /cgi-bin/stable_token`: one token per appid that stays valid across callers; `force_refresh`
   * only when WeChat refused the one we hold.
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
   */
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
    request: { method?: "GET" | "POST"; query?: Record<string, string>; headers?: Record<string, string>; body?: Body; auth?: boolean; retryErrcodes?: boolean; retries?: number },
  ): Promise<T & { errcode?: number; errmsg?: string }> {
    const auth = request.auth ?? true;
    const retries = request.retries ?? this.options.retries;
    let refreshedToken = false;
    let lastError: WeChatError | null = null;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(this.backoff(attempt));
      const token = auth ? await this.accessToken() : undefined;
      const url = new URL(this.options.baseUrl + path);
      if (token) url.searchParams.set("access_token", token);
      for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
      const body = request.body;
      const started = this.now();
      // Latency of each attempt and what it answered, for /metrics (errcode 0 is a success).
      const observe = (errcode: string) => {
        metrics().wechatLatency.observe({ path }, Math.max(0, this.now() - started) / 1000);
        metrics().wechatErrcodes.inc({ path, errcode });
      };
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
        observe("network");
        this.log("wechat.call_failed", { path, attempt, error: lastError.errmsg, ms: this.now() - started });
        continue;
      }
      if (response.status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        lastError = new WeChatError("http", `HTTP ${response.status}`, { transient: true });
        observe(`http_${response.status}`);
        this.log("wechat.call_failed", { path, attempt, status: response.status });
        continue;
      }
      let answer: T & { errcode?: number; errmsg?: string };
      try {
        answer = (await response.json()) as T & { errcode?: number; errmsg?: string };
      } catch (error) {
        // The timeout also covers reading the body: a body cut off by it is WeChat being slow.
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        lastError = timedOut
          ? new WeChatError("network", `no answer within ${this.options.timeoutMs} ms`)
          : new WeChatError("http", `HTTP ${response.status} without a JSON body`, { transient: response.status === 429 });
        observe(timedOut ? "network" : `http_${response.status}`);
        this.log("wechat.call_failed", { path, attempt, status: response.status });
        if (lastError.transient) continue;
        throw lastError;
      }
      const errcode = typeof answer.errcode === "number" ? answer.errcode : 0;
      observe(errcode === 0 && !response.ok ? `http_${response.status}` : String(errcode));
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
      // A login code is single-use: a retry after WeChat's "busy" would only find it spent.
      if (!error.transient || request.retryErrcodes === false) throw error;
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
