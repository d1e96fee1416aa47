import type { APIRequestContext } from "@playwright/test";
import { DEMO_MERCHANT_ID, SECOND_MERCHANT_ID } from "../../db/seed";

/**
 * The access-control matrix: every page, route handler method and server action, and what each
 * kind of visitor gets. e2e/access-control.spec.ts fails when the app has an endpoint without a
 * row here (or a row for an endpoint that is gone), so a new route must be thought through.
 *
 * Visitors: signed out, merchant admin of merchant A (深圳市示例科技有限公司), merchant admin of
 * merchant B (杭州二号商贸有限公司), support. Merchant A's data is the sample the others guess at:
 * a row for `/api/things/[id]` prepares one of A's ids and expects B to get 404 (or 403), never
 * A's data.
 */
export type Visitor = "anon" | "merchantA" | "merchantB" | "support";
export const visitors: Visitor[] = ["anon", "merchantA", "merchantB", "support"];

/** An HTTP status, or "login": a page that sends the visitor to /login (307). */
export type Outcome = number | "login";

export type Sample = {
  /** Contexts signed in as each visitor, for preparing data (e.g. merchant A uploads a photo). */
  as: (visitor: Visitor) => APIRequestContext;
  ids: { merchantA: string; merchantB: string };
};

export type Row = {
  /** `PAGE /route`, `GET /api/route/[id]`, or `ACTION file#exportName`, as scanned from app/. */
  key: string;
  /** The URL to request (sample ids filled in); defaults to the route. May prepare data first. */
  url?: string | ((sample: Sample) => Promise<string>);
  /** A JSON body for route handlers, or the argument list for a server action. */
  body?: unknown;
  expect: Record<Visitor, Outcome>;
  /**
   * Route handlers that change state refuse cross-site requests (403) unless they authenticate
   * otherwise: next-auth's own CSRF token, a webhook signature.
   */
  crossSite?: "refused" | "exempt: next-auth CSRF token" | "exempt: signed webhook" | "exempt: sandbox API (server to server, dev only)";
  /** Why e2e/fuzz.spec.ts leaves this endpoint out of its random input, if it does. */
  noFuzz?: string;
  /** Checks on the answer beyond the status (e.g. that B's answer holds none of A's data). */
  verify?: (visitor: Visitor, response: { status: number; text: string; headers: Record<string, string> }) => void;
};

const NO_APPLICATION = "00000000-0000-4000-8000-000000000000";
const reviewActions: [string, Record<string, unknown>][] = [
  ["commentAction", { fieldPath: "merchant_shortname", body: "x" }],
  ["deleteCommentAction", { commentId: NO_APPLICATION }],
  ["requestChangesAction", {}],
  ["approveAction", {}],
  ["revealAction", { fieldPath: "id_card_info.id_card_number", reason: "access check" }],
];

const merchantPage: Record<Visitor, Outcome> = { anon: "login", merchantA: 200, merchantB: 200, support: 403 };
const supportPage: Record<Visitor, Outcome> = { anon: "login", merchantA: 403, merchantB: 403, support: 200 };
const everyone = (status: number): Record<Visitor, Outcome> => ({ anon: status, merchantA: status, merchantB: status, support: status });
const merchantApi = (merchants: number): Record<Visitor, Outcome> => ({ anon: 401, merchantA: merchants, merchantB: merchants, support: 403 });
/**
 * Server actions behind a merchant page: signed-out visitors never reach them. A merchant action
 * whose guard throws (support calling it) answers Next's opaque 500 with nothing done; an action
 * that returned `{ error }` instead would answer 200.
 */
const merchantAction = (merchants: number, support: number): Record<Visitor, Outcome> => ({ anon: "login", merchantA: merchants, merchantB: merchants, support });
const supportAction = (merchants: number, support: number): Record<Visitor, Outcome> => ({ anon: "login", merchantA: merchants, merchantB: merchants, support });
/** An id nobody owns: guessing it must look exactly like guessing another merchant's. */
const unknownId = "00000000-0000-4000-8000-000000000000";

export const accessTable: Row[] = [
  // Pages.
  { key: "PAGE /", expect: { anon: "login", merchantA: 307, merchantB: 307, support: 307 } },
  { key: "PAGE /login", expect: { anon: 200, merchantA: 307, merchantB: 307, support: 307 } },
  { key: "PAGE /onboarding", expect: merchantPage },
  { key: "PAGE /payments", expect: merchantPage },
  { key: "PAGE /withdrawals", expect: merchantPage },
  { key: "PAGE /settings", expect: merchantPage },
  { key: "PAGE /support/review", expect: supportPage },
  { key: "PAGE /support/merchants", expect: supportPage },
  { key: "PAGE /support/audit", expect: supportPage },
  { key: "PAGE /support/review/[applicationId]", url: `/support/review/${unknownId}`, expect: { anon: "login", merchantA: 403, merchantB: 403, support: 404 } },
  { key: "PAGE /withdrawals/[id]", url: `/withdrawals/${unknownId}`, expect: { anon: "login", merchantA: 404, merchantB: 404, support: 403 } },

  // Route handlers.
  { key: "GET /api/health", expect: everyone(200) },
  {
    key: "GET /api/auth/[...nextauth]",
    url: "/api/auth/session",
    expect: everyone(200),
    verify: (visitor, response) => {
      const session = JSON.parse(response.text) as { user?: { merchantId: string | null } };
      const merchantId = { anon: undefined, merchantA: DEMO_MERCHANT_ID, merchantB: SECOND_MERCHANT_ID, support: null }[visitor];
      if (session.user?.merchantId !== merchantId) throw new Error(`${visitor} sees merchant ${session.user?.merchantId}`);
    },
  },
  // Without next-auth's CSRF token a sign-out is answered with a redirect and changes nothing.
  { key: "POST /api/auth/[...nextauth]", url: "/api/auth/signout", expect: everyone(302), crossSite: "exempt: next-auth CSRF token" },

  { key: "GET /api/application", expect: merchantApi(200) },
  { key: "PUT /api/application/draft", body: {}, expect: merchantApi(400) },
  { key: "POST /api/application/submit", body: {}, expect: merchantApi(400) },
  { key: "POST /api/media", body: {}, expect: merchantApi(400) },
  { key: "GET /api/media/file", url: "/api/media/file?media_id=wxashop_guessed_id", expect: { anon: 401, merchantA: 404, merchantB: 404, support: 404 } },
  { key: "GET /api/payments/[id]", url: `/api/payments/${unknownId}`, expect: merchantApi(404) },
  { key: "GET /api/payments/export", expect: merchantApi(200) },
  { key: "POST /api/webhooks/payments", body: {}, expect: everyone(401), crossSite: "exempt: signed webhook" },
  { key: "GET /sandbox/wechat/[...path]", url: "/sandbox/wechat/no-such-api", expect: everyone(404) },
  { key: "POST /sandbox/wechat/[...path]", url: "/sandbox/wechat/shop/wxpay/apply", body: {}, expect: everyone(200), crossSite: "exempt: sandbox API (server to server, dev only)" },
  { key: "POST /sandbox/provider/mch-api/v1/pa/payment_intents/create", body: {}, expect: everyone(400), crossSite: "exempt: sandbox API (server to server, dev only)" },
  { key: "POST /sandbox/provider/mch-api/v1/pa/payment_intents/query", body: {}, expect: everyone(400), crossSite: "exempt: sandbox API (server to server, dev only)" },

  // Server actions (answer 200 with the action's result; guards inside them are asserted per row).
  ...reviewActions.map(([name, input]) => ({
    key: `ACTION app/(console)/support/review/[applicationId]/actions.ts#${name}`,
    body: [{ applicationId: NO_APPLICATION, expectedRevision: 1, revision: 1, ...input }],
    expect: { anon: "login", merchantA: 200, merchantB: 200, support: 200 } as Record<Visitor, Outcome>,
    verify: (visitor: Visitor, response: { text: string }) => {
      // Anonymous calls never reach the action (the proxy sends them to sign in); merchants are refused
      // by the guard; support passes it and finds no such application.
      if (visitor === "anon") return;
      const expected = visitor === "support" ? /"error":"notFound"/ : /"error":"forbidden"/;
      if (!expected.test(response.text)) throw new Error(`${visitor}: ${response.text.slice(0, 200)}`);
    },
  })),
  {
    key: "ACTION app/actions/locale.ts#setLocale",
    body: ["en"],
    expect: everyone(200),
    verify: (visitor, response) => {
      if (!/NEXT_LOCALE=en/.test(response.headers["set-cookie"] ?? "")) throw new Error(`${visitor}: the language was not saved`);
    },
  },
  { key: "ACTION app/(console)/(merchant)/payments/actions.ts#refreshPaymentAction", body: [unknownId], expect: merchantAction(200, 500) },
  {
    key: "ACTION app/(console)/(merchant)/payments/actions.ts#simulatePaymentsAction",
    body: [0],
    expect: merchantAction(200, 500),
    noFuzz: "sandbox demo generator: any input is clamped to 1..200 payments, each with a webhook delivery; fuzzing it only floods merchant A",
  },
  { key: "ACTION app/(console)/(merchant)/settings/actions.ts#requestSettlementChangeAction", body: [{}], expect: merchantAction(200, 500) },
  { key: "ACTION app/(console)/(merchant)/withdrawals/actions.ts#requestWithdrawalAction", body: [{}], expect: merchantAction(200, 500) },
];
