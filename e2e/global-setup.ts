import { chromium, type FullConfig } from "@playwright/test";
import { accounts, storageStateFor, type Role } from "./fixtures";
import { signInThroughApi } from "./sign-in";

/** Signs each role in once through the API and saves the session for the tests that start signed in. */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0]!.use;
  const browser = await chromium.launch(launchOptions);
  for (const role of ["merchant", "viewer", "other-merchant", "support", "support-admin"] as Role[]) {
    const context = await browser.newContext({ baseURL });
    await signInThroughApi(context.request, accounts[role]);
    await context.storageState({ path: storageStateFor(role) });
    await context.close();
  }
  await browser.close();
}
