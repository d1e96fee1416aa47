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
];
