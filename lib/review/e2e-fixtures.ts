/**
 * Merchants and accounts that SEED_E2E adds for the end-to-end tests of the review (pure data,
 * shared with e2e/): `flow` has a complete draft not yet submitted, the others are pending review.
 */
export const e2eReviewMerchants = {
  flow: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae201", name: "端到端审核甲有限公司", shortname: "审核甲店", admin: { email: "admin@e2e-review.test", password: "e2e-review-2026", name: "审核甲管理员" } },
  race: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae202", name: "端到端并发乙有限公司", shortname: "并发乙店", admin: { email: "admin@e2e-race.test", password: "e2e-review-2026", name: "并发乙管理员" } },
  // The WeChat sandbox rejects a short name containing 驳回 (lib/wechat/sandbox/review.ts).
  reject: { id: "6f1c2a4e-0b7d-4c39-9a51-3d2e8f0ae203", name: "端到端驳回丙有限公司", shortname: "驳回丙店", admin: { email: "admin@e2e-reject.test", password: "e2e-review-2026", name: "驳回丙管理员" } },
} as const;

export const e2eSecondSupport = { email: "support2@console.test", password: "support-demo-2026", name: "Support Zhao" };

/** The ID number the flow merchant submitted (what a reveal must show). */
export const e2eIdCardNumber = "11010519491231002X";
