// One drizzle schema for PGlite and PostgreSQL, one file per area.
export * from "./accounts";
export * from "./applications";
export * from "./sandbox";
export * from "./funds";
export * from "./security";
