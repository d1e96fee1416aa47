import AxeBuilder from "@axe-core/playwright";
import { asRole, expect, test } from "./fixtures";

// The server's METRICS_TOKEN, as scripts/e2e-server.mjs sets it.
const metricsToken = process.env.METRICS_TOKEN ?? "e2e-metrics-token-0123456789";

test.describe("System page", () => {
  test.use(asRole("support"));

  test("support sees every job with its last run, the backlogs and the last errors", async ({ page }) => {
    // It waits for the runner and runs axe over a long page: allowed more than the default time.
    test.slow();
    await page.goto("/support/review");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "系统" }).click();
    await expect(page).toHaveURL(/\/support\/system$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("系统");
    const jobs = page.getByTestId("job-row");
    await expect(jobs).toHaveCount(11);
    // The runner started at boot has run the WeChat submission job by now (every second in e2e).
    const submit = page.locator('[data-job="wechat.submit"]');
    await expect(submit).toContainText("向微信提交进件");
    await expect(async () => {
      await page.reload();
      await expect(submit.locator("[data-job-state]")).toHaveAttribute("data-job-state", /^(ok|running|failing)$/);
    }).toPass({ timeout: 20_000 });
    await expect(submit).toContainText(/毫秒/);
    await expect(page.locator("[data-backlog]")).toHaveCount(7);
    await expect(page.locator('[data-backlog="webhooks_undelivered"]')).toContainText("尚未送达的 Webhook");
    await expect(page.getByRole("heading", { name: "最近错误" })).toBeVisible();
    const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => v.id)).toEqual([]);
  });

  test("at 390 px each job's name and state are on screen without scrolling sideways", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/support/system");
    const first = page.getByTestId("job-row").first();
    for (const cell of [first.getByText("向微信提交进件"), first.locator("[data-job-state]")]) {
      const box = await cell.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});

test("GET /metrics answers the scraper holding the token, and nobody else", async ({ request }) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  expect((await request.get("/metrics", { headers: { authorization: "Bearer not-the-token-at-all" } })).status()).toBe(401);
  const response = await request.get("/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/console_job_runs_total\{job="wechat\.submit",outcome="ok"\} [1-9]/);
  expect(text).toContain('console_backlog{queue="wechat_queued"}');
  expect(text).toMatch(/console_http_request_seconds_count\{route="\/api\/health"|console_http_request_seconds/);
});
