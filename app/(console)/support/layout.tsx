import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/guard";

export default async function SupportLayout({ children }: { children: ReactNode }) {
  await requirePageUser("support");
  return children;
}
