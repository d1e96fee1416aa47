/**
 * The wizard's steps as sections of the review page: each takes the fields under its top-level
 * keys, in this order. Fields under no listed key go to a last "other" section.
 */
export const reviewSections = [
  { key: "subject", roots: ["organization_type", "merchant_shortname", "biz_type"] },
  { key: "business_license", roots: ["business_license_info"] },
  { key: "identity", roots: ["id_doc_type", "id_card_info", "id_doc_info"] },
  { key: "contact", roots: ["contact_info"] },
  { key: "account", roots: ["account_info"] },
  { key: "additional", roots: ["qualifications", "business_addition_pics", "business_addition_desc"] },
] as const;

export type ReviewSectionKey = (typeof reviewSections)[number]["key"] | "other";

export function groupBySection<T extends { path: string }>(fields: T[]): { key: ReviewSectionKey; fields: T[] }[] {
  const groups = new Map<ReviewSectionKey, T[]>([...reviewSections.map((s) => [s.key, []] as [ReviewSectionKey, T[]]), ["other", []]]);
  for (const field of fields) {
    const root = field.path.split(".")[0]!;
    const section = reviewSections.find((s) => (s.roots as readonly string[]).includes(root));
    groups.get(section?.key ?? "other")!.push(field);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([key, list]) => ({ key, fields: list }));
}
