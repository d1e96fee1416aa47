"use client";

import { useTranslations } from "next-intl";
import type { ReviewActionResult } from "@/lib/review/action-result";

/** The sentence to show for a failed review action, in the user's language. */
export function useActionMessage() {
  const t = useTranslations();
  return (result: ReviewActionResult): string | null => {
    if (result.ok) return null;
    switch (result.error) {
      case "conflict":
        return t("review.errors.conflict", { status: result.status ? t(`review.status.${result.status}`) : "—" });
      case "forbidden":
        return t("review.errors.forbidden");
      case "notFound":
        return t("review.errors.notFound");
      case "invalid": {
        const keys = Object.values(result.fields ?? {});
        return keys.length ? keys.map((key) => (t.has(key as never) ? t(key as never) : t("review.errors.failed"))).join(" ") : t("review.errors.failed");
      }
      default:
        return t("review.errors.failed");
    }
  };
}
