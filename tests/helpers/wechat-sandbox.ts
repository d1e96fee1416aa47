import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/db/client";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { eq } from "drizzle-orm";
import { merchants } from "@/db/schema";
import { WeChatClient, type WeChatClientOptions, type WeChatFor } from "@/lib/wechat/client";
import { noFaults } from "@/lib/wechat/sandbox/faults";
import { sandboxAppSecret } from "@/lib/wechat/sandbox/mini-programs";
import { createSandbox, type Sandbox, type SandboxOptions } from "@/lib/wechat/sandbox/handler";

export const testKeyRing: KeyRing = { keys: new Map([["t1", randomBytes(32)]]), activeKeyId: "t1" };

/** Sets a data key for code that reads getConfig() (uploads seal photos with it). */
export function useTestDataKey() {
  process.env.DATA_ENCRYPTION_KEYS ??= `t1:${testKeyRing.keys.get("t1")!.toString("base64")}`;
}

export type Recorded = { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: Buffer };

export type SandboxServer = {
  sandbox: Sandbox;
  baseUrl: string;
  requests: Recorded[];
  count: (pathEnd: string) => number;
  /** Between tests: no faults armed and no requests recorded. */
  reset: () => void;
  client: (options?: Partial<WeChatClientOptions>) => WeChatClient;
  /** Clients per merchant, each under its own Mini Program's appid and sandbox AppSecret (as `wechatFor`). */
  wechatFor: WeChatFor;
  /** Another process's clients (own token caches), with these options. */
  clientsFor: (options?: Partial<WeChatClientOptions>) => WeChatFor;
  close: () => Promise<void>;
};

/** The sandbox's handler on a real HTTP server on a free port, recording every request it gets. */
export async function startSandboxServer(db: Db, options: Partial<SandboxOptions> = {}): Promise<SandboxServer> {
  const sandbox = createSandbox({ db, keyRing: testKeyRing, reviewSeconds: 0, ...options });
  const requests: Recorded[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    requests.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers, body });
    try {
      const response = await sandbox.handle(
        new Request(new URL(req.url ?? "/", `http://${req.headers.host}`), { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/wechat`;
  const client = (overrides: Partial<WeChatClientOptions> = {}) => {
    const appid = overrides.appid ?? "wxsandbox0000000001";
    return new WeChatClient({ baseUrl, appid, secret: sandboxAppSecret(appid), timeoutMs: 5_000, retries: 3, backoffMs: 10, ...overrides });
  };
  function clientsFor(overrides: Partial<WeChatClientOptions> = {}): WeChatFor {
    const perAppid = new Map<string, WeChatClient>();
    return async (merchantId) => {
      const [row] = await db.select({ miniProgram: merchants.miniProgram }).from(merchants).where(eq(merchants.id, merchantId));
      const appid = row!.miniProgram.appid;
      let cached = perAppid.get(appid);
      if (!cached) perAppid.set(appid, (cached = client({ ...overrides, appid })));
      return cached;
    };
  }
  return {
    sandbox,
    baseUrl,
    requests,
    count: (pathEnd) => requests.filter((r) => r.path.endsWith(pathEnd)).length,
    reset: () => {
      Object.assign(sandbox.faults, noFaults());
      requests.length = 0;
    },
    client,
    wechatFor: clientsFor(),
    clientsFor,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
