import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
// @ts-expect-error: a plain .mjs module shared with the start scripts
import { buildIfStale, nextStartArgs, root } from "../../scripts/lib/build.mjs";
// @ts-expect-error: a plain .mjs module shared with the start scripts
import { seedE2e } from "../../scripts/lib/e2e-seed.mjs";
import { currentTotpCode } from "@/lib/auth/two-factor";

/** The built console (`.next-e2e/`, shared with the end-to-end tests), served by `next start`. */
export const distDir = ".next-e2e";

export function buildOnce(): void {
  (buildIfStale as (dir: string, env: NodeJS.ProcessEnv) => void)(distDir, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "console-faults-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type Server = {
  url: string;
  pid: number;
  output: () => string;
  /** Ends the process the hard way, as a crash or an OOM kill would: no shutdown code runs. */
  crash: () => Promise<void>;
  stop: () => Promise<void>;
};

/** Starts `next start` on a data folder and waits until /api/health answers 200. */
export async function startServer(options: { dataDir: string; port: number; env?: Record<string, string>; seedE2e?: boolean; databaseUrl?: string }): Promise<Server> {
  const url = `http://localhost:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    DATA_DIR: options.dataDir,
    PORT: String(options.port),
    NEXTAUTH_URL: url,
    // The test plays the load balancer and names client addresses in X-Forwarded-For.
    TRUSTED_PROXIES: "127.0.0.0/8,::1",
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.seedE2e) (seedE2e as (env: NodeJS.ProcessEnv) => void)(env);
  const child: ChildProcess = spawn(process.execPath, (nextStartArgs as (port: number) => string[])(options.port), { cwd: root as string, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited during start:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not become healthy in 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const server: Server = { url, pid: child.pid!, output: () => output, crash: () => end("SIGKILL"), stop: () => end("SIGTERM") };
  started.add(server);
  return server;
}

const started = new Set<Server>();

/** A suite's data folder: the console is built before the suite; after it, every server it started is stopped and the folder removed. */
export function faultSuite(): { dir: string } {
  const data = tempDataDir();
  beforeAll(() => buildOnce());
  afterAll(async () => {
    for (const server of started) await server.stop();
    started.clear();
    data.remove();
  });
  return data;
}

/** A cookie jar of one: enough for next-auth's CSRF and session cookies. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string, private readonly headers: Record<string, string> = {}) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) headers.set(k, v);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    headers.set("origin", this.baseUrl);
    const response = await fetch(`${this.baseUrl}${pathname}`, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    return response;
  }

  /** Signs in through next-auth's credentials endpoint; answers next-auth's error code or null. */
  /** Signs in through next-auth's form endpoint; staff answer the second factor from their TOTP secret. */
  async signIn(email: string, password: string, totpSecret?: string): Promise<string | null> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const form: Record<string, string> = { csrfToken, email, password, json: "true" };
    if (totpSecret) form.code = currentTotpCode(totpSecret);
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    const body = (await response.json()) as { url: string };
    return new URL(body.url, this.baseUrl).searchParams.get("error");
  }
}
