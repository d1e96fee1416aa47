"use client";

import { useTranslations } from "next-intl";
import { LONG_TERM } from "@/lib/qualification/constants";
import { regionName } from "@/lib/qualification/regions";
import { STEP_FIELDS, WIZARD_STEPS, normalizeQualification, stepOfPath, type WizardStep } from "@/lib/qualification/rules";
import { Button } from "@/components/ui/button";
import { useFieldLabel } from "@/components/form";

type Kind = "text" | "name" | "idNumber" | "email" | "phone" | "address" | "account" | "photo" | "photos" | "orgType" | "idDocType" | "contactType" | "accountType" | "region" | "date";

/** What each section shows, in order; absent branches (another document type, no agent…) are skipped. */
const ROWS: Record<Exclude<WizardStep, "review">, [string, Kind][]> = {
  subject: [["organization_type", "orgType"]],
  license: [
    ["business_license_info.wxa_business_license_copy", "photo"],
    ["business_license_info.legal_person", "name"],
    ["business_license_info.business_time.0", "date"],
    ["business_license_info.business_time.1", "date"],
  ],
  identity: [
    ["id_doc_type", "idDocType"],
    ["id_card_info.wxa_id_card_copy", "photo"],
    ["id_card_info.wxa_id_card_national", "photo"],
    ["id_card_info.id_card_name", "name"],
    ["id_card_info.id_card_number", "idNumber"],
    ["id_card_info.id_card_valid_time_begin", "date"],
    ["id_card_info.id_card_valid_time", "date"],
    ["id_card_info.id_card_address", "address"],
    ["id_doc_info.wxa_id_doc_copy", "photo"],
    ["id_doc_info.wxa_id_doc_copy_back", "photo"],
    ["id_doc_info.id_doc_name", "name"],
    ["id_doc_info.id_doc_number", "idNumber"],
    ["id_doc_info.doc_period_begin", "date"],
    ["id_doc_info.doc_period_end", "date"],
    ["id_doc_info.id_doc_address", "address"],
  ],
  contact: [
    ["contact_info.contact_type", "contactType"],
    ["contact_info.contact_email", "email"],
    ["contact_info.mobile_phone", "phone"],
    ["contact_info.wxa_contact_id_doc_copy", "photo"],
    ["contact_info.wxa_contact_id_doc_copy_back", "photo"],
    ["contact_info.contact_id_doc_period_begin", "date"],
    ["contact_info.contact_id_doc_period_end", "date"],
    ["contact_info.wxa_business_authorization_letter", "photo"],
  ],
  account: [
    ["account_info.bank_account_type", "accountType"],
    ["account_info.account_bank", "text"],
    ["account_info.bank_address_code", "region"],
    ["account_info.bank_branch_id", "text"],
    ["account_info.bank_name", "text"],
    ["account_info.account_name", "name"],
    ["account_info.account_number", "account"],
    ["account_info.account_cert_info.wxa_settlement_cert_pic", "photo"],
    ["account_info.account_cert_info.wxa_relation_cert_pic", "photo"],
    ["account_info.account_cert_info.wxa_other_cert_pics", "photos"],
  ],
  additional: [
    ["merchant_shortname", "text"],
    ["business_addition_desc", "text"],
    ["qualifications.pic_file_list", "photos"],
    ["business_addition_pics.pic_file_list", "photos"],
  ],
};

/** Rows that are always listed, even when empty (the others only appear when their branch applies). */
const ALWAYS = new Set(["organization_type", "business_license_info.legal_person", "id_doc_type", "contact_info.contact_type", "contact_info.contact_email", "contact_info.mobile_phone", "account_info.bank_account_type", "account_info.account_bank", "account_info.bank_address_code", "account_info.account_name", "account_info.account_number", "merchant_shortname"]);

function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), value);
}

/**
 * Every section of the application, with an Edit link per section when editable. Values are shown
 * as given: the person filling the form checks their own values in full, and a submitted
 * application arrives already masked from the server.
 */
export function ReviewSummary({ values, errors, onEdit }: { values: Record<string, unknown>; errors?: Record<string, string>; onEdit?: (step: WizardStep) => void }) {
  const t = useTranslations("wizard");
  const tRoot = useTranslations();
  const labelOf = useFieldLabel();
  const v = (normalizeQualification(values) ?? {}) as Record<string, unknown>;

  const show = (kind: Kind, raw: unknown): string => {
    if (raw === undefined || raw === null || raw === "") return t("review.notProvided");
    const s = String(raw);
    switch (kind) {
      case "photo":
        return t("review.photos", { count: 1 });
      case "photos":
        return t("review.photos", { count: Array.isArray(raw) ? raw.length : 0 });
      case "orgType":
        return t(`orgTypes.${s}.name` as never);
      case "idDocType":
        return t(`idDocTypes.${s}` as never);
      case "contactType":
        return t(`contactTypes.${s}` as never);
      case "accountType":
        return t(`accountTypes.${s}` as never);
      case "region":
        return regionName(s) ?? s;
      case "date":
        return s === LONG_TERM ? t("picker.longTerm") : s;
      default:
        return s;
    }
  };

  const errorsByStep = new Map<WizardStep, [string, string][]>();
  for (const [path, message] of Object.entries(errors ?? {})) {
    const step = stepOfPath(path);
    errorsByStep.set(step, [...(errorsByStep.get(step) ?? []), [path, message]]);
  }

  return (
    <div className="flex flex-col gap-4">
      {WIZARD_STEPS.filter((s): s is Exclude<WizardStep, "review"> => s !== "review").map((step) => {
        const problems = errorsByStep.get(step) ?? [];
        const rows = ROWS[step].filter(([path]) => ALWAYS.has(path) || at(v, path) !== undefined);
        const headingId = `review-${step}`;
        return (
          <section key={step} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id={headingId} className="text-base font-semibold text-slate-900">
                {t(`steps.${step}`)}
                {problems.length ? <span className="ml-2 rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800">{t("review.problems", { count: problems.length })}</span> : null}
              </h3>
              {onEdit ? (
                <Button variant="secondary" onClick={() => onEdit(step)} aria-label={t("review.editSection", { section: t(`steps.${step}`) })}>
                  {t("review.edit")}
                </Button>
              ) : null}
            </div>
            <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[minmax(10rem,max-content)_1fr]">
              {rows.map(([path, kind]) => (
                <div key={path} className="contents">
                  <dt className="pt-1 text-slate-600">{labelOf(path)}</dt>
                  <dd className="break-all pb-1 font-medium text-slate-900 sm:pt-1">{show(kind, at(v, path))}</dd>
                </div>
              ))}
            </dl>
            {problems.length ? (
              <ul className="mt-3 list-disc pl-5 text-sm text-red-700">
                {problems.map(([path, message]) => (
                  <li key={path}>
                    <span className="font-medium">{safeLabel(labelOf, path)}</span>: {tRoot(message as never)}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

/** Labels exist for leaf fields; an error on a nested photo part falls back to its parent's label. */
function safeLabel(labelOf: (p: string) => string, path: string): string {
  const parts = path.split(".");
  while (parts.length) {
    const candidate = parts.join(".");
    if ((Object.values(STEP_FIELDS).flat() as string[]).includes(parts[0]!)) {
      try {
        const label = labelOf(candidate);
        if (label && !label.includes("wizard.fields")) return label;
      } catch {
        // next-intl throws on missing keys in development; try the parent.
      }
    }
    parts.pop();
  }
  return path;
}
