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
  // The WeChat sandbox's private key is sealed like personal data, so it rotates with it.
  { table: "sandbox_keys", idColumn: "id", column: "private_key_sealed", kind: "string" },
];
