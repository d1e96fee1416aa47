import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages, type Messages, type Namespace } from "@/lib/i18n/messages";

/**
 * Sends the browser only the message namespaces the client components below use (the base ones
 * always): a page's HTML carries its own words, not the whole console's. A nested provider replaces
 * its parent's messages, so each list is whole; tests/unit/client-messages.test.ts checks it.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const messages = (await getMessages()) as unknown as Messages;
  return <NextIntlClientProvider messages={clientMessages(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
