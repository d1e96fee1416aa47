"use client";

import dynamic from "next/dynamic";
import type { LiveStatusProps } from "./status-poller";

// React Query loads only on a page that polls: an application being edited does not.
const StatusPoller = dynamic(() => import("./status-poller").then((m) => m.StatusPoller), { ssr: false });

/**
 * While WeChat has the application and has not decided, asks the small status endpoint every few
 * seconds and re-renders the page (server data, no reload) when WeChat's answer changed.
 */
export function LiveStatus(props: LiveStatusProps) {
  return props.active ? <StatusPoller {...props} /> : null;
}
