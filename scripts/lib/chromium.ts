import { existsSync } from "node:fs";

// Debian's chromium by default; PLAYWRIGHT_CHROMIUM_PATH for another; Playwright's own when neither exists.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** How the e2e tests and the tool scripts start Chromium on a machine without a network. */
export const chromiumLaunchOptions = {
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};
