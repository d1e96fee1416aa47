// One drizzle schema for PGlite and PostgreSQL, one file per area, named for its tables.
export * from "./accounts";
export * from "./applications";
export * from "./media";
export * from "./wechat";
export * from "./audit";
export * from "./payments";
export * from "./ledger";
export * from "./withdrawals";
export * from "./settlement";
export * from "./sandbox";
export * from "./rate-limits";
export * from "./api";
export * from "./funds-flows";
export * from "./funds-sandbox";
export * from "./jobs";
export * from "./notifications";
