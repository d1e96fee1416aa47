import type { ReactNode } from "react";
import { requireMerchantPage } from "@/lib/auth/guard";

export default async function MerchantLayout({ children }: { children: ReactNode }) {
  await requireMerchantPage();
  return children;
}
