import { asRole, test } from "./fixtures";

// Not a test of behaviour: `SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts` saves
// pictures of the pages at desktop and phone width in both languages, to look at before a change lands.
test.skip(!process.env.SCREENSHOTS, "only when SCREENSHOTS=1");

const pages: { role: "merchant" | "support"; path: string; name: string }[] = [
  { role: "merchant", path: "/onboarding", name: "merchant-onboarding" },
  { role: "support", path: "/support/review", name: "support-review" },
];

for (const locale of ["zh-CN", "en"]) {
  for (const width of [1280, 390]) {
    for (const p of pages) {
      test.describe(() => {
        test.use(asRole(p.role));
        test(`${p.name} ${locale} ${width}`, async ({ page, context, baseURL }) => {
          await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
          await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
          await page.goto(p.path);
          await page.screenshot({ path: `screenshots/${p.name}-${locale}-${width}.png`, fullPage: true });
        });
      });
    }
    test(`login ${locale} ${width}`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/login");
      await page.screenshot({ path: `screenshots/login-${locale}-${width}.png`, fullPage: true });
    });
  }
}
