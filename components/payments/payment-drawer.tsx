"use client";

import dynamic from "next/dynamic";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import type { DrawerProps } from "./payment-drawer-panel";

// The drawer's code (React Query, the dialog) loads when a payment is first opened, not with the list.
const PaymentDrawerPanel = dynamic(() => import("./payment-drawer-panel").then((m) => m.PaymentDrawerPanel), { ssr: false });

/** The payment named by `?payment=` in a side drawer; kept mounted once opened, for its cache and its closing. */
export function PaymentDrawer(props: DrawerProps) {
  const open = useSearchParams().has("payment");
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened ? <PaymentDrawerPanel {...props} /> : null;
}
