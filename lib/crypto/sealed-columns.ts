/**
 * Every database column that holds sealed personal data (lib/crypto/at-rest). Key rotation
 * re-seals exactly these, so a new sealed column is added here or it is never rotated.
 */
export type SealedColumn = {
  table: string;
  idColumn: string;
  column: string;
  /** `string`: sealString text; `bytes`: sealBytes bytea. */
  kind: "string" | "bytes";
};

export const sealedColumns: readonly SealedColumn[] = [
  { table: "applications", idColumn: "id", column: "draft_sealed", kind: "string" },
  { table: "application_revisions", idColumn: "id", column: "data_sealed", kind: "string" },
  { table: "media_files", idColumn: "id", column: "content_sealed", kind: "bytes" },
  { table: "settlement_accounts", idColumn: "merchant_id", column: "account_name_sealed", kind: "string" },
  { table: "settlement_accounts", idColumn: "merchant_id", column: "account_number_sealed", kind: "string" },
  { table: "settlement_account_changes", idColumn: "id", column: "account_name_sealed", kind: "string" },
  { table: "settlement_account_changes", idColumn: "id", column: "account_number_sealed", kind: "string" },
  // The funds sandbox holds settlement accounts as WeChat would: sealed, like ours.
  { table: "sandbox_funds_bank_accounts", idColumn: "appid", column: "account_sealed", kind: "string" },
  { table: "sandbox_funds_bank_accounts", idColumn: "appid", column: "pending_sealed", kind: "string" },
  // Each merchant's Mini Program AppSecret (the per-merchant WeChat access_token is fetched with it).
  { table: "merchants", idColumn: "id", column: "app_secret_sealed", kind: "string" },
  // Staff and merchant people's two-factor (TOTP) secrets.
  { table: "users", idColumn: "id", column: "totp_secret_sealed", kind: "string" },
  // The WeChat sandbox's private key is sealed like personal data, so it rotates with it.
  { table: "sandbox_keys", idColumn: "id", column: "private_key_sealed", kind: "string" },
  // The provider sandbox's notification-signing key, likewise.
  { table: "provider_sandbox_keys", idColumn: "serial", column: "private_key_sealed", kind: "string" },
  { table: "webhook_endpoints", idColumn: "id", column: "secret_sealed", kind: "string" },
];
