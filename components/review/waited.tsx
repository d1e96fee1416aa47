import { useTranslations } from "next-intl";
import { waitedParts } from "@/lib/review/waited";

export function Waited({ since, now }: { since: Date; now: Date }) {
  const t = useTranslations("review.waited");
  const { key, values } = waitedParts(since, now);
  return <>{t(key, values)}</>;
}
