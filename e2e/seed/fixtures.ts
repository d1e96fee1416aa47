import type { UserRole } from "@/db/schema";

/**
 * Merchants used only by end-to-end tests: one application per merchant, so each
 * spec that submits an application signs in as its own merchant and tests stay independent.
 */
export const e2eMerchants = Array.from({ length: 10 }, (_, i) => {
  const n = i + 1;
  const id = `6f1c2a4e-0b7d-4c39-9a51-3d2e8f0a1e${String(n).padStart(2, "0")}`;
  const name = `上海测试${n}号科技有限公司`;
  return {
    id,
    name,
    miniProgram: { subject_name: name, nickname: `测试${n}号小店`, appid: `wxe2e0000000000${String(n).padStart(3, "0")}`, license_number: `91310000MA1E2E${String(n).padStart(4, "0")}` },
    account: { email: `wizard-${n}@e2e.test`, password: "merchant-demo-2026", name: `测试员${n}`, role: "owner" as UserRole, merchantId: id },
  };
});

/** A read-only member of the tenth wizard merchant: what a viewer of an editable draft receives (masking.spec). */
/**
 * Which journey uses which wizard merchant: each submits or edits an application of its own, so no
 * two specs share one. (The fault tests start their own console and reuse two of them there.)
 */
const wizardMerchantNumbers = { enterprise: 1, individualBusiness: 2, passport: 3, personalSeller: 4, rules: 5, twoTabs: 6, screens: 7, photoField: 8, autosave: 9, masking: 10 } as const;
export type WizardMerchant = keyof typeof wizardMerchantNumbers;
export const e2eMerchant = (name: WizardMerchant) => e2eMerchants[wizardMerchantNumbers[name] - 1]!;

export const e2eDraftViewer = { email: "viewer-10@e2e.test", password: "merchant-demo-2026", name: "只读测试十", role: "viewer" as UserRole, merchantId: e2eMerchant("masking").id };

/**
 * People of the demo merchant used only by end-to-end tests that sign out or change their
 * password: signing out ends every session of that person, so they must not share an account
 * with the tests running beside them.
 */
export const e2eSessionAccounts = [
  { email: "session-1@e2e.test", password: "merchant-demo-2026", name: "会话测试一", role: "admin" as UserRole },
  { email: "session-2@e2e.test", password: "merchant-demo-2026", name: "会话测试二", role: "admin" as UserRole },
  { email: "session-3@e2e.test", password: "merchant-demo-2026", name: "会话测试三", role: "admin" as UserRole },
];

/**
 * Merchants and accounts the test server's seed adds for the end-to-end tests of the review (pure
 * data, shared with the specs): `flow` has a complete draft not yet submitted, the others are pending review.
 */
export const e2eReviewMerchants = {
  flow: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae201", name: "端到端审核甲有限公司", shortname: "审核甲店", admin: { email: "admin@e2e-review.test", password: "e2e-review-2026", name: "审核甲管理员" } },
  race: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae202", name: "端到端并发乙有限公司", shortname: "并发乙店", admin: { email: "admin@e2e-race.test", password: "e2e-review-2026", name: "并发乙管理员" } },
  // The WeChat sandbox rejects a short name containing 驳回 (lib/wechat/sandbox/review.ts).
  reject: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae203", name: "端到端驳回丙有限公司", shortname: "驳回丙店", admin: { email: "admin@e2e-reject.test", password: "e2e-review-2026", name: "驳回丙管理员" } },
  // WeChat's lifecycle (e2e/wechat-lifecycle.spec.ts): 手动 makes the sandbox's hand-offs wait for support's control.
  walk: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae204", name: "端到端开户丁有限公司", shortname: "手动丁店", admin: { email: "admin@e2e-walk.test", password: "e2e-review-2026", name: "开户丁管理员" } },
  bounce: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae205", name: "端到端重交戊有限公司", shortname: "驳回戊店", admin: { email: "admin@e2e-bounce.test", password: "e2e-review-2026", name: "重交戊管理员" } },
  // An answer WeChat does not document (the sandbox's 未知状态 trigger), for support's dashboard alert.
  unknown: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae206", name: "端到端未知己有限公司", shortname: "未知状态己店", admin: { email: "admin@e2e-unknown.test", password: "e2e-review-2026", name: "未知己管理员" } },
  banks: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae207", name: "端到端银行庚有限公司", shortname: "银行庚店", admin: { email: "admin@e2e-banks.test", password: "e2e-review-2026", name: "银行庚管理员" } },
} as const;

/** Review merchants whose complete application is still a draft (the spec submits it). */
export const e2eDraftMerchants: readonly (keyof typeof e2eReviewMerchants)[] = ["flow", "walk", "bounce", "banks"];

export const e2eSecondSupport = { email: "support2@console.test", password: "support-demo-2026", name: "Support Zhao", totpSecret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" };

/** The ID number the flow merchant submitted (what a reveal must show). */
export const e2eIdCardNumber = "11010519491231002X";

/**
 * The reconciliation's merchant (pure data, shared with the spec): on the China day before the seed
 * ran, one payment WeChat never booked, one booked at another amount, one WeChat flow the console
 * does not know; its last balance check found WeChat's balance apart from the ledger.
 */
export const e2eReconciliation = {
  merchant: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae301", name: "端到端对账丙有限公司", appid: "wxe2e0000000rec301" },
  consoleOnly: { orderId: "E2E-RECON-CONSOLE-ONLY", amountMinor: 1234 },
  differs: { orderId: "E2E-RECON-DIFFERS", amountMinor: 5000, wechatMinor: 4900 },
  wechatOnly: { requestNo: "E2E-RECON-WECHAT-ONLY", amountMinor: 777 },
  balance: { wechatMinor: 10_000, ledgerMinor: 12_345 },
};

/** The Mini Program appid of a review e2e merchant. */
export const e2eAppid = (merchantId: string) => `wxe2e${merchantId.slice(-12)}`;
