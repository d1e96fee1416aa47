import { chromium, type FullConfig } from "@playwright/test";
import { signIn, storageStateFor, type Role } from "./fixtures";

/** Signs each role in once through the form and saves the session for the tests that start signed in. */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0]!.use;
  const browser = await chromium.launch(launchOptions);
  for (const role of ["merchant", "other-merchant", "support"] as Role[]) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signIn(page, role);
    await context.storageState({ path: storageStateFor(role) });
    await context.close();
  }
  await browser.close();
}
