import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sum } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { applicationEvents, applicationRevisions, applications, ledgerEntries, merchants, sandboxFundsFlows, sandboxFundsWithdrawals, settlementAccounts, withdrawals } from "@/db/schema";
import { openDraft } from "@/lib/applications/draft-codec";
import { parseConfig } from "@/lib/config";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { e2eMerchant, e2eReviewMerchants } from "../../e2e/seed/fixtures";
import { Client, distDir, faultSuite, startServer, type Server } from "./harness";

const port = Number(process.env.FAULTS_PORT ?? 3190) + 1;
const draftMerchant = e2eMerchant("rules");
const fundsMerchant = e2eMerchant("twoTabs");
const flow = e2eReviewMerchants.flow;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The data key ring the server generated into the data folder (development secrets). */
function ringOf(dataDir: string): KeyRing {
  const config = parseConfig({ DATA_DIR: dataDir, NODE_ENV: "development" });
  return { keys: config.dataKeys, activeKeyId: config.activeDataKeyId };
}

async function offline<T>(dataDir: string, work: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ dataDir });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

async function signedIn(server: Server, email: string, password: string): Promise<Client> {
  const client = new Client(server.url);
  expect(await client.signIn(email, password)).toBeNull();
  return client;
}

const putDraft = (client: Client, version: number, values: Record<string, unknown>) =>
  client.fetch("/api/application/draft", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ version, step: "subject", values }) });

/** The id Next.js gave the withdrawal server action in this build. */
function withdrawalActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string; filename: string }> };
  const [id] = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === "requestWithdrawalAction")!;
  return id;
}

/** Calls the server action the withdrawal form calls, the way the browser does. */
async function withdraw(client: Client, actionId: string, values: { amount: string; currency: string; idempotency_key: string }) {
  const response = await client.fetch("/withdrawals", {
    method: "POST",
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    body: JSON.stringify([values]),
  });
  return { status: response.status, body: await response.text() };
}

describe("a server killed in the middle of a write", () => {
  const data = faultSuite();
  let server: Server | undefined;

  it("loses no acknowledged draft save", async () => {
    server = await startServer({ dataDir: data.dir, port, seedE2e: true });
    const client = await signedIn(server, draftMerchant.account.email, draftMerchant.account.password);
    let version = 0;
    for (let i = 1; i <= 5; i++) {
      const response = await putDraft(client, version, { organization_type: "2", marker: `save-${i}` });
      expect(response.status).toBe(200);
      version = ((await response.json()) as { version: number }).version;
    }
    expect(version).toBe(5);
    // The sixth save is in flight (not acknowledged) when the process dies.
    const inFlight = putDraft(client, version, { organization_type: "2", marker: "save-6" }).then((r) => r.status, () => "connection lost");
    await pause(Math.floor(Math.random() * 40));
    await server.crash();
    const outcome = await inFlight;
    console.log(`draft save in flight at the crash: ${outcome}`);

    server = await startServer({ dataDir: data.dir, port, seedE2e: true });
    const again = await signedIn(server, draftMerchant.account.email, draftMerchant.account.password);
    // Saving on top of the last acknowledged version either works (the sixth never committed) or
    // reports the sixth as the stored version: never an older one.
    const probe = await putDraft(again, version, { organization_type: "2", marker: "probe" });
    const stored = probe.status === 200 ? version : ((await probe.json()) as { error: { current_version: number } }).error.current_version;
    if (outcome === 200) expect(stored).toBe(6);
    expect([5, 6]).toContain(stored);
    await server.stop();
    server = undefined;

    const ring = ringOf(data.dir);
    await offline(data.dir, async (db) => {
      const [row] = await db.select().from(applications).where(eq(applications.merchantId, draftMerchant.id));
      const values = openDraft(ring, row!.draftSealed);
      if (probe.status === 200) expect(values).toMatchObject({ marker: "probe" });
      else expect(values).toMatchObject({ marker: `save-${stored}` });
      expect(row!.draftVersion).toBe(probe.status === 200 ? 6 : stored);
    });
  });

  it("never submits twice: one revision, one submitted event, and a retry answers the same revision", async () => {
    server = await startServer({ dataDir: data.dir, port, seedE2e: true });
    const client = await signedIn(server, flow.admin.email, flow.admin.password);
    // The seeded complete draft: its version comes back in the conflict answer.
    const conflict = await putDraft(client, 0, {});
    expect(conflict.status).toBe(409);
    const version = ((await conflict.json()) as { error: { current_version: number } }).error.current_version;

    const inFlight = client
      .fetch("/api/application/submit", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ version }) })
      .then((r) => r.status, () => "connection lost");
    await pause(Math.floor(Math.random() * 60));
    await server.crash();
    console.log(`submit in flight at the crash: ${await inFlight}`);

    server = await startServer({ dataDir: data.dir, port, seedE2e: true });
    const again = await signedIn(server, flow.admin.email, flow.admin.password);
    const submit = () => again.fetch("/api/application/submit", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ version }) });
    const first = await submit();
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as { revision: number; status: string };
    expect(firstBody).toMatchObject({ revision: 1, status: "pending_review" });
    const retry = await submit();
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ revision: 1, status: "pending_review", replayed: true });
    await server.stop();
    server = undefined;

    await offline(data.dir, async (db) => {
      const revisions = await db.select().from(applicationRevisions).where(eq(applicationRevisions.merchantId, flow.id));
      expect(revisions.map((r) => r.revision)).toEqual([1]);
      const submitted = await db.select().from(applicationEvents).where(and(eq(applicationEvents.merchantId, flow.id), eq(applicationEvents.toStatus, "pending_review")));
      expect(submitted).toHaveLength(1);
    });
  });

  it("creates no money and loses none: a withdrawal exists once or not at all, WeChat is asked once, and its retry makes no second", async () => {
    // 1 000.00 CNY at WeChat and in the console's ledger, and a settlement account on both sides, written while the server is down.
    const ring = ringOf(data.dir);
    const yesterday = new Date(Date.now() - 86_400_000);
    const appid = await offline(data.dir, async (db) => {
      const [merchant] = await db.select({ miniProgram: merchants.miniProgram }).from(merchants).where(eq(merchants.id, fundsMerchant.id));
      const appid = merchant!.miniProgram!.appid;
      await db.insert(settlementAccounts).values({
        merchantId: fundsMerchant.id,
        bankAccountType: "74",
        accountBank: "工商银行",
        bankAddressCode: "440300",
        accountNameSealed: sealString(ring, fundsMerchant.name),
        accountNumberSealed: sealString(ring, "6222020200009876"),
      }).onConflictDoNothing();
      await db.insert(ledgerEntries).values({ merchantId: fundsMerchant.id, currency: "CNY", kind: "payment", amountMinor: 100_000, availableAt: yesterday });
      await db.insert(sandboxFundsFlows).values({ fundsFlowId: `fault-${randomUUID()}`, appid, type: "交易", busiType: "订单收款", requestNo: randomUUID(), amount: 100_000, bookkeepingTime: yesterday, settlesAt: yesterday });
      return appid;
    });
    const balance = async () => offline(data.dir, async (db) => Number((await db.select({ total: sum(ledgerEntries.amountMinor) }).from(ledgerEntries).where(eq(ledgerEntries.merchantId, fundsMerchant.id)))[0]!.total));
    const atWechat = () => offline(data.dir, (db) => db.select().from(sandboxFundsWithdrawals).where(eq(sandboxFundsWithdrawals.appid, appid)));
    const actionId = withdrawalActionId();
    const key = randomUUID();

    server = await startServer({ dataDir: data.dir, port, seedE2e: true });
    const client = await signedIn(server, fundsMerchant.account.email, fundsMerchant.account.password);
    const inFlight = withdraw(client, actionId, { amount: "250.00", currency: "CNY", idempotency_key: key }).then((r) => r.status, () => "connection lost");
    await pause(Math.floor(Math.random() * 200));
    await server.crash();
    console.log(`withdrawal in flight at the crash: ${await inFlight}`);

    const crashed = await offline(data.dir, async (db) => {
      const rows = await db.select().from(withdrawals).where(eq(withdrawals.merchantId, fundsMerchant.id));
      const debits = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.merchantId, fundsMerchant.id), eq(ledgerEntries.kind, "withdrawal")));
      return { rows, debits };
    });
    // The withdrawal exists at most once, with exactly its one debit; WeChat has at most the one it was sent.
    expect(crashed.rows.length).toBeLessThanOrEqual(1);
    expect(crashed.debits.map((d) => d.withdrawalId).sort()).toEqual(crashed.rows.map((w) => w.id).sort());
    expect(await balance()).toBe(100_000 - crashed.rows.reduce((total, w) => total + w.amountMinor, 0));
    expect((await atWechat()).length).toBeLessThanOrEqual(crashed.rows.length);

    server = await startServer({ dataDir: data.dir, port, seedE2e: true });
    const again = await signedIn(server, fundsMerchant.account.email, fundsMerchant.account.password);
    const retry = await withdraw(again, actionId, { amount: "250.00", currency: "CNY", idempotency_key: key });
    expect(retry.status).toBe(200);
    expect(retry.body).toContain('"ok":true');
    const twice = await withdraw(again, actionId, { amount: "250.00", currency: "CNY", idempotency_key: key });
    expect(twice.body).toContain('"ok":true');
    // A second request the same day is WeChat's one-a-day refusal, said clearly, and moves no money.
    const another = await withdraw(again, actionId, { amount: "10.00", currency: "CNY", idempotency_key: randomUUID() });
    expect(another.body).toContain('"ok":false');
    await server.stop();
    server = undefined;

    const final = await offline(data.dir, (db) => db.select().from(withdrawals).where(eq(withdrawals.merchantId, fundsMerchant.id)));
    expect(final.filter((w) => w.idempotencyKey === key)).toHaveLength(1);
    expect(final.filter((w) => w.status !== "failed").map((w) => w.amountMinor)).toEqual([25_000]);
    // WeChat was asked exactly once for the request, however the crash fell.
    expect((await atWechat()).map((w) => w.amount)).toEqual([25_000]);
    // The ledger adds up: a refused or failed one is reversed.
    const reversals = await offline(data.dir, (db) => db.select().from(ledgerEntries).where(and(eq(ledgerEntries.merchantId, fundsMerchant.id), eq(ledgerEntries.kind, "withdrawal_reversal"))));
    const debited = final.reduce((total, w) => total + w.amountMinor, 0);
    expect(await balance()).toBe(100_000 - debited + reversals.reduce((total, r) => total + r.amountMinor, 0));
  });
});
