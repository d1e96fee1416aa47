import { asRole, expect, test } from "./fixtures";

test.use({ ...asRole("merchant"), viewport: { width: 390, height: 844 } });

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
});

/** Words of `root` (outside monospace ids) that the layout splits over two lines, as "Pa / yment" was. */
function brokenWords(root: Element): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(".font-mono") || getComputedStyle(parent).fontFamily.includes("mono")) continue;
    const text = node.textContent ?? "";
    for (const match of text.matchAll(/[A-Za-z][A-Za-z'’-]{2,}/g)) {
      const range = document.createRange();
      range.setStart(node, match.index!);
      range.setEnd(node, match.index! + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}

test("English at 390 px: the payment drawer splits no word across lines", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/payments");
  const rows = page.getByTestId("payment-row");
  if ((await rows.count()) === 0) {
    await page.getByRole("button", { name: "Simulate payments" }).click();
    await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  }
  await rows.first().getByRole("link", { name: /Details/ }).click();
  const drawer = page.getByRole("dialog", { name: "Payment details" });
  await expect(drawer.getByTestId("payment-timeline")).toBeVisible();
  expect(await drawer.evaluate(brokenWords)).toEqual([]);
  const overflow = await drawer.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("English at 390 px: every Settings tab is on screen, whole", async ({ page }) => {
  await page.goto("/settings");
  const tabs = page.getByRole("navigation", { name: "Settings sections" }).getByRole("link");
  await expect(tabs.first()).toBeVisible();
  for (const tab of await tabs.all()) {
    const box = (await tab.boundingBox())!;
    expect(box.x, await tab.innerText()).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, await tab.innerText()).toBeLessThanOrEqual(390);
  }
  expect(await page.getByRole("navigation", { name: "Settings sections" }).evaluate(brokenWords)).toEqual([]);
});
