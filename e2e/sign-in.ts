import { expect, type APIRequestContext } from "@playwright/test";
import { currentTotpCode } from "../lib/auth/two-factor";

/**
 * Signs in through next-auth's credentials endpoint, as the sign-in form does, without typing: the
 * session cookie lands in the request context's cookie jar (shared with its browser context).
 * Staff answer two-factor with a code from their fixed demo secret; a code is accepted once, so a
 * refused code (another worker used this 30-second step) is retried with the next step's.
 * The form itself is tested in auth.spec.ts.
 */
export async function signInThroughApi(request: APIRequestContext, { email, password, totpSecret }: { email: string; password: string; totpSecret?: string }) {
  let status = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const form: Record<string, string> = { csrfToken, email, password, json: "true" };
    if (totpSecret) form.code = currentTotpCode(totpSecret, new Date());
    const answer = await request.post("/api/auth/callback/credentials", { form, maxRedirects: 0 });
    status = answer.status();
    if (status < 400 || !totpSecret) break;
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
  }
  expect(status, `sign-in of ${email}`).toBeLessThan(400);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email, `session of ${email}`).toBe(email);
}
