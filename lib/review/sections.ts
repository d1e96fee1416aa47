import { STEP_FIELDS, type WizardStep } from "@/lib/qualification/rules";

export type ReviewSectionKey = Exclude<WizardStep, "review"> | "other";

const steps = (Object.keys(STEP_FIELDS) as WizardStep[]).filter((s): s is Exclude<WizardStep, "review"> => s !== "review");

/** The fields grouped as the wizard's steps, in the wizard's order; fields of no step go last. */
export function groupBySection<T extends { path: string }>(fields: T[]): { key: ReviewSectionKey; fields: T[] }[] {
  const groups = new Map<ReviewSectionKey, T[]>([...steps.map((s) => [s, []] as [ReviewSectionKey, T[]]), ["other", []]]);
  for (const field of fields) {
    const root = field.path.split(".")[0]!;
    // biz_type is fixed (always 1) and belongs to no step: it sits with the subject type.
    const step = root === "biz_type" ? "subject" : steps.find((s) => (STEP_FIELDS[s] as readonly string[]).includes(root));
    groups.get(step ?? "other")!.push(field);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([key, list]) => ({ key, fields: list }));
}
