import type { APIRequestContext } from "@playwright/test";
import { DEMO_MERCHANT_ID, SECOND_MERCHANT_ID } from "../../db/seed";

/**
 * The access-control matrix: every page, route handler method and server action, and what each
 * kind of visitor gets. e2e/access-control.spec.ts fails when the app has an endpoint without a
 * row here (or a row for an endpoint that is gone), so a new route must be thought through.
 *
 * Visitors: signed out, owner of merchant A (深圳市示例科技有限公司), viewer of merchant A, owner of
 * merchant B (杭州二号商贸有限公司), support. Merchant A's data is the sample the others guess at:
 * a row for `/api/things/[id]` prepares one of A's ids and expects B to get 404 (or 403), never
 * A's data.
 */
export type Visitor = "anon" | "merchantA" | "viewerA" | "merchantB" | "support" | "supportAdmin";
export const visitors: Visitor[] = ["anon", "merchantA", "viewerA", "merchantB", "support", "supportAdmin"];
/** Rows name these four always; the viewer of A and the support admin default to their neighbours. */
type CoreVisitor = "anon" | "merchantA" | "merchantB" | "support";

/**
 * What a visitor gets from a row: the viewer of A (read-only member of merchant A) gets what A's
 * owner gets unless the row says otherwise (every row that changes data says so); the support
 * admin gets what support gets unless the row says otherwise.
 */
export function expectedFor(row: Row, visitor: Visitor): Outcome {
  if (visitor === "viewerA") return row.expect.viewerA ?? row.expect.merchantA;
  if (visitor === "supportAdmin") return row.expect.supportAdmin ?? row.expect.support;
  return row.expect[visitor];
}

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
  expect: Record<CoreVisitor, Outcome> & Partial<Record<"viewerA" | "supportAdmin", Outcome>>;
  /**
   * Route handlers that change state refuse cross-site requests (403) unless they authenticate
   * otherwise: next-auth's own CSRF token, a webhook signature.
   */
  crossSite?: "refused" | "exempt: next-auth CSRF token" | "exempt: signed webhook" | "exempt: sandbox API (server to server, dev only)" | "exempt: API key (no cookies)";
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

type Expect = Row["expect"];
const merchantPage: Expect = { anon: "login", merchantA: 200, merchantB: 200, support: 403 };
const supportPage: Expect = { anon: "login", merchantA: 403, merchantB: 403, support: 200 };
const everyone = (status: number): Expect => ({ anon: status, merchantA: status, merchantB: status, support: status });
const merchantApi = (merchants: number): Expect => ({ anon: 401, merchantA: merchants, merchantB: merchants, support: 403 });
/** A route handler that changes merchant data: viewers are refused like support. */
const merchantEditApi = (merchants: number): Expect => ({ ...merchantApi(merchants), viewerA: 403 });
/**
 * Server actions behind a merchant page: signed-out visitors never reach them; everyone else gets
 * 200 with the action's result, a refusal included.
 */
const editorsOnly = (visitor: Visitor, response: { text: string }) => refusedBy(["viewerA", "support", "supportAdmin"])(visitor, response);
const merchantAction = (merchants: number, support: number, viewer = merchants): Expect => ({ anon: "login", merchantA: merchants, viewerA: viewer, merchantB: merchants, support });
const supportAction = (merchants: number, support: number): Expect => ({ anon: "login", merchantA: merchants, merchantB: merchants, support });
/**
 * Actions answer every signed-in caller with the one result shape (lib/server/action.ts): the
 * guard's refusal is `"reason":"forbidden"` with nothing done, and only the refused visitors get it.
 */
const refusedBy = (refused: Visitor[]) => (visitor: Visitor, response: { text: string }) => {
  if (visitor === "anon") return;
  const wasRefused = /"reason":"forbidden"/.test(response.text) && !/"ok":true/.test(response.text);
  if (refused.includes(visitor) !== wasRefused) throw new Error(`${visitor}: ${response.text.slice(0, 300)}`);
};
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
  { key: "PAGE /settings/developers", expect: merchantPage },
  { key: "PAGE /settings/developers/docs", expect: merchantPage },
  { key: "PAGE /settings/developers/checkout", expect: merchantPage },
  { key: "PAGE /support/review", expect: supportPage },
  { key: "PAGE /support/merchants", expect: supportPage },
  { key: "PAGE /support/audit", expect: supportPage },
  { key: "PAGE /support/system", expect: supportPage },
  { key: "PAGE /support/reconciliation", expect: supportPage },
  { key: "PAGE /support/reconciliation/[record]/[id]", url: `/support/reconciliation/payment/${unknownId}`, expect: { anon: "login", merchantA: 403, merchantB: 403, support: 404 } },
  { key: "PAGE /support/review/[applicationId]", url: `/support/review/${unknownId}`, expect: { anon: "login", merchantA: 403, merchantB: 403, support: 404 } },
  { key: "PAGE /withdrawals/[id]", url: `/withdrawals/${unknownId}`, expect: { anon: "login", merchantA: 404, merchantB: 404, support: 403 } },

  // Route handlers.
  { key: "GET /api/health", expect: everyone(200) },
  // A scraper's bearer token, never a session: cookies get nothing (the e2e server sets METRICS_TOKEN).
  {
    key: "GET /metrics",
    expect: everyone(401),
    verify: (visitor, response) => {
      if (response.text.includes("console_job")) throw new Error(`${visitor} read the metrics`);
    },
  },
  {
    key: "GET /api/auth/[...nextauth]",
    url: "/api/auth/session",
    expect: everyone(200),
    verify: (visitor, response) => {
      const session = JSON.parse(response.text) as { user?: { merchantId: string | null } };
      const merchantId = { anon: undefined, merchantA: DEMO_MERCHANT_ID, viewerA: DEMO_MERCHANT_ID, merchantB: SECOND_MERCHANT_ID, support: null, supportAdmin: null }[visitor];
      if (session.user?.merchantId !== merchantId) throw new Error(`${visitor} sees merchant ${session.user?.merchantId}`);
    },
  },
  // Without next-auth's CSRF token a sign-out is answered with a redirect and changes nothing.
  { key: "POST /api/auth/[...nextauth]", url: "/api/auth/signout", expect: everyone(302), crossSite: "exempt: next-auth CSRF token" },

  { key: "GET /api/application", expect: merchantApi(200) },
  { key: "GET /api/application/status", expect: merchantApi(200) },
  { key: "GET /api/support/applications/[applicationId]/status", url: `/api/support/applications/${unknownId}/status`, expect: { anon: 401, merchantA: 403, merchantB: 403, support: 404 } },
  { key: "POST /api/support/applications/[applicationId]/sandbox-advance", url: `/api/support/applications/${unknownId}/sandbox-advance`, body: {}, expect: { anon: 401, merchantA: 403, merchantB: 403, support: 404 } },
  { key: "PUT /api/application/draft", body: {}, expect: merchantEditApi(400) },
  { key: "POST /api/application/submit", body: {}, expect: merchantEditApi(400) },
  { key: "POST /api/banks/lookup", body: {}, expect: merchantEditApi(422) },
  { key: "POST /api/banks/branches", body: {}, expect: merchantEditApi(422) },
  { key: "POST /api/media", body: {}, expect: merchantEditApi(400) },
  { key: "GET /api/media/file", url: "/api/media/file?media_id=wxashop_guessed_id", expect: { anon: 401, merchantA: 404, merchantB: 404, support: 404 } },
  { key: "GET /api/payments/[id]", url: `/api/payments/${unknownId}`, expect: merchantApi(404) },
  { key: "GET /api/payments/export", expect: merchantApi(200) },
  // A withdrawal's live status and its QR code: another merchant's id answers like an unknown one.
  { key: "GET /api/withdrawals/[id]", url: `/api/withdrawals/${unknownId}`, expect: merchantApi(404) },
  { key: "GET /api/withdrawals/[id]/qrcode", url: `/api/withdrawals/${unknownId}/qrcode`, expect: merchantApi(404) },
  { key: "POST /api/webhooks/payments", body: {}, expect: everyone(401), crossSite: "exempt: signed webhook" },
  { key: "GET /sandbox/wechat/[...path]", url: "/sandbox/wechat/no-such-api", expect: everyone(404) },
  { key: "POST /sandbox/wechat/[...path]", url: "/sandbox/wechat/shop/wxpay/apply", body: {}, expect: everyone(200), crossSite: "exempt: sandbox API (server to server, dev only)" },
  // The sandbox provider wants its step-0 token, which no visitor has.
  { key: "POST /sandbox/provider/mch-api/v1/pa/payment_intents/create", body: {}, expect: everyone(401), crossSite: "exempt: sandbox API (server to server, dev only)" },
  { key: "POST /sandbox/provider/mch-api/v1/pa/payment_intents/query", body: {}, expect: everyone(401), crossSite: "exempt: sandbox API (server to server, dev only)" },
  { key: "POST /sandbox/provider/oauth/token", body: {}, expect: everyone(400), crossSite: "exempt: sandbox API (server to server, dev only)" },
  // The merchant API authenticates by API key only: a session cookie opens nothing (e2e/payments-api.spec.ts covers keys: B's key never sees A's payments).
  { key: "GET /api/v1/payments", expect: everyone(401) },
  { key: "POST /api/v1/payments", body: {}, expect: everyone(401), crossSite: "exempt: API key (no cookies)" },
  { key: "GET /api/v1/payments/[id]", url: `/api/v1/payments/${unknownId}`, expect: everyone(401) },
  { key: "GET /api/v1/openapi.json", expect: everyone(200) },

  // Server actions (answer 200 with the action's result; guards inside them are asserted per row).
  ...reviewActions.map(([name, input]) => ({
    key: `ACTION app/(console)/support/review/[applicationId]/actions.ts#${name}`,
    body: [{ applicationId: NO_APPLICATION, expectedRevision: 1, revision: 1, ...input }],
    expect: { anon: "login", merchantA: 200, merchantB: 200, support: 200 } as Expect,
    verify: (visitor: Visitor, response: { text: string }) => {
      // Anonymous calls never reach the action (the proxy sends them to sign in); merchants are refused
      // by the guard; support passes it and finds no such application.
      if (visitor === "anon") return;
      const expected = visitor === "support" || visitor === "supportAdmin" ? /"reason":"not_found"/ : /"reason":"forbidden"/;
      if (!expected.test(response.text)) throw new Error(`${visitor}: ${response.text.slice(0, 200)}`);
    },
  })),
  {
    key: "ACTION lib/server/set-locale.ts#setLocale",
    body: [{ locale: "en" }],
    expect: everyone(200),
    verify: (visitor, response) => {
      if (!/NEXT_LOCALE=en/.test(response.headers["set-cookie"] ?? "")) throw new Error(`${visitor}: the language was not saved`);
    },
  },
  { key: "ACTION app/(console)/(merchant)/payments/actions.ts#refreshPaymentAction", body: [{ id: unknownId }], expect: merchantAction(200, 200), verify: refusedBy(["support", "supportAdmin"]) },
  {
    key: "ACTION app/(console)/(merchant)/payments/actions.ts#simulatePaymentsAction",
    body: [{ count: 0 }],
    expect: merchantAction(200, 200, 200),
    verify: refusedBy(["viewerA", "support", "supportAdmin"]),
    noFuzz: "sandbox demo generator: any input is clamped to 1..200 payments, each with a webhook delivery; fuzzing it only floods merchant A",
  },
  // Developers: keys, endpoints and the sandbox checkout change data, so viewers are refused like support.
  { key: "ACTION app/(console)/(merchant)/settings/developers/actions.ts#createApiKeyAction", body: [{ name: "" }], expect: merchantAction(200, 200, 200), verify: editorsOnly, noFuzz: "every valid name makes a key: fuzzing only piles up keys of merchant A" },
  { key: "ACTION app/(console)/(merchant)/settings/developers/actions.ts#revokeApiKeyAction", body: [{ id: unknownId }], expect: merchantAction(200, 200, 200), verify: editorsOnly },
  { key: "ACTION app/(console)/(merchant)/settings/developers/actions.ts#createWebhookEndpointAction", body: [{ url: "not a url" }], expect: merchantAction(200, 200, 200), verify: editorsOnly, noFuzz: "resolves the URL's host name: random hosts mean DNS lookups that time out in a closed network" },
  { key: "ACTION app/(console)/(merchant)/settings/developers/actions.ts#deleteWebhookEndpointAction", body: [{ id: unknownId }], expect: merchantAction(200, 200, 200), verify: editorsOnly },
  { key: "ACTION app/(console)/(merchant)/settings/developers/actions.ts#resendDeliveryAction", body: [{ id: unknownId }], expect: merchantAction(200, 200, 200), verify: editorsOnly },
  { key: "ACTION app/(console)/(merchant)/settings/developers/actions.ts#sandboxLoginAction", body: [{}], expect: merchantAction(200, 200, 200), verify: editorsOnly },
  { key: "ACTION app/(console)/(merchant)/settings/developers/actions.ts#sandboxPayAction", body: [{ paymentId: unknownId, outcome: "SUCCEEDED" }], expect: merchantAction(200, 200, 200), verify: editorsOnly },
  ...["settings/actions.ts#requestSettlementChangeAction", "withdrawals/actions.ts#requestWithdrawalAction"].map((action): Row => ({
    key: `ACTION app/(console)/(merchant)/${action}`,
    body: [{}],
    expect: merchantAction(200, 200, 200),
    // lib/server/action.ts answers every caller: merchants' empty input is invalid, other roles may not act.
    verify: (visitor: Visitor, response: { text: string }) => {
      if (visitor === "anon") return;
      const expected = visitor === "merchantA" || visitor === "merchantB" ? /"reason":"invalid"/ : /"reason":"forbidden"/;
      if (!expected.test(response.text)) throw new Error(`${visitor}: ${response.text.slice(0, 200)}`);
    },
  })),
  // Sandbox only (stands for the phone scanning): a merchant may scan only its own withdrawal's code.
  {
    key: "ACTION app/(console)/(merchant)/withdrawals/actions.ts#sandboxScanAction",
    body: [{ id: unknownId, outcome: "confirmed" }],
    expect: merchantAction(200, 200, 200),
    verify: (visitor: Visitor, response: { text: string }) => {
      if (visitor === "anon") return;
      const expected = visitor === "merchantA" || visitor === "merchantB" ? /"done":false/ : /"reason":"forbidden"/;
      if (!expected.test(response.text)) throw new Error(`${visitor}: ${response.text.slice(0, 200)}`);
    },
  },
  ...peopleRows(),
];

/**
 * People and tenants (accounts): sign-in helpers for the signed out, one's own account, the team
 * (owners manage, others read), merchants and staff (support_admin changes, support reads and
 * invites owners). Actions answer `{ ok: false, reason: "forbidden" }` when the guard refuses, so their rows check the body: nothing is ever done for a refused visitor.
 */
function peopleRows(): Row[] {
  // The guard refuses these visitors; everyone else passes it (and may then fail on the input).
  const guarded = refusedBy;
  // Nothing is done for anyone (a wrong token, password or code).
  const refused = (visitors: Visitor[]) => (visitor: Visitor, response: { text: string }) => {
    if (visitors.includes(visitor) && /"ok":true/.test(response.text)) throw new Error(`${visitor} was let through: ${response.text.slice(0, 200)}`);
  };
  const signedIn = (status: number): Expect => ({ anon: "login", merchantA: status, merchantB: status, support: status });
  const publicPage = (status: number): Expect => ({ anon: status, merchantA: status, merchantB: status, support: status });
  const teamAction = (name: string, body: unknown): Row => ({
    key: `ACTION app/(console)/(merchant)/team/actions.ts#${name}`,
    body: [body],
    expect: signedIn(200),
    verify: guarded(["viewerA", "support", "supportAdmin"]),
  });
  const merchantsAction = (name: string, body: unknown, refusedFor: Visitor[]): Row => ({
    key: `ACTION app/(console)/support/merchants/actions.ts#${name}`,
    body: [body],
    expect: signedIn(200),
    verify: guarded(refusedFor),
  });
  const staffAction = (name: string, body: unknown): Row => ({
    key: `ACTION app/(console)/support/staff/actions.ts#${name}`,
    body: [body],
    expect: signedIn(200),
    verify: guarded(["merchantA", "viewerA", "merchantB", "support"]),
  });
  const merchantOnly: Visitor[] = ["merchantA", "viewerA", "merchantB"];
  const notSupportAdmin: Visitor[] = [...merchantOnly, "support"];
  return [
    { key: "PAGE /forgot-password", expect: publicPage(200) },
    { key: "PAGE /set-password/[token]", url: "/set-password/not-a-real-token-000000000000", expect: publicPage(200) },
    { key: "PAGE /invitation/[token]", url: "/invitation/not-a-real-token-000000000000", expect: publicPage(200) },
    { key: "PAGE /account", expect: signedIn(200) },
    { key: "PAGE /account/two-factor", expect: signedIn(200) },
    { key: "PAGE /team", expect: merchantPage },
    { key: "PAGE /support/merchants/[merchantId]", url: (s) => Promise.resolve(`/support/merchants/${s.ids.merchantA}`), expect: supportPage },
    { key: "PAGE /support/staff", expect: { ...supportPage, support: 403, supportAdmin: 200 } },
    // Public: the same answer for any email; an unknown token changes nothing.
    { key: "ACTION lib/accounts/public-actions.ts#requestResetAction", body: [{ email: "nobody@example.com" }], expect: publicPage(200), noFuzz: "sends mail; limited per email and address, fuzzing it only fills the outbox" },
    { key: "ACTION lib/accounts/public-actions.ts#setPasswordAction", body: [{ token: "not-a-real-token-000000000000", password: "a-long-new-password", confirm: "a-long-new-password" }], expect: publicPage(200), verify: refused(visitors) },
    { key: "ACTION lib/accounts/public-actions.ts#acceptInvitationAction", body: [{ token: "not-a-real-token-000000000000", name: "x", password: "a-long-new-password", confirm: "a-long-new-password" }], expect: publicPage(200), verify: refused(visitors) },
    // One's own account; wrong current password and wrong code change nothing.
    { key: "ACTION app/(console)/account/actions.ts#changePasswordAction", body: [{ current: "wrong", password: "a-long-new-password", confirm: "a-long-new-password" }], expect: signedIn(200), verify: refused(visitors) },
    // An incomplete body changes nobody's settings (the e2e opt-out spec saves real ones).
    { key: "ACTION app/(console)/account/actions.ts#mailSettingsAction", body: [{}], expect: signedIn(200), verify: refused(visitors) },
    // Without its page's token a sign-out is refused and ends nobody's sessions (the shared accounts
    // of every other spec stay signed in); e2e/auth.spec.ts signs out through the button.
    { key: "ACTION app/(console)/account/actions.ts#signOutAction", body: [{}], expect: signedIn(200), verify: guarded(["merchantA", "viewerA", "merchantB", "support", "supportAdmin"]) },
    { key: "ACTION app/(console)/account/actions.ts#confirmTwoFactorAction", body: [{ code: "000000" }], expect: signedIn(200), verify: refused(visitors) },
    teamAction("inviteMemberAction", { email: "not-an-email", role: "viewer" }),
    teamAction("resendMemberInvitationAction", { id: unknownId }),
    teamAction("revokeMemberInvitationAction", { id: unknownId }),
    teamAction("changeRoleAction", { userId: unknownId, role: "viewer" }),
    teamAction("removeMemberAction", { userId: unknownId }),
    merchantsAction("createMerchantAction", { name: "" }, notSupportAdmin),
    merchantsAction("updateMerchantAction", { merchantId: unknownId }, notSupportAdmin),
    merchantsAction("setAppSecretAction", { merchantId: unknownId }, notSupportAdmin),
    merchantsAction("setMerchantActiveAction", { merchantId: unknownId, active: "true" }, notSupportAdmin),
    merchantsAction("inviteOwnerAction", { merchantId: unknownId, email: "x@example.com" }, merchantOnly),
    merchantsAction("resendOwnerInvitationAction", { merchantId: unknownId, id: unknownId }, merchantOnly),
    merchantsAction("revokeOwnerInvitationAction", { merchantId: unknownId, id: unknownId }, merchantOnly),
    staffAction("inviteStaffAction", { email: "not-an-email" }),
    staffAction("resetTwoFactorAction", { userId: unknownId }),
    staffAction("deactivateStaffAction", { userId: unknownId }),
  ];
}
