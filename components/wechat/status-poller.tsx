"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { QueryProvider } from "@/components/providers";

export type LiveStatusProps = { url: string; version: string; active: boolean; intervalMs?: number };

/** The poller behind LiveStatus, with the React Query client it uses. */
export function StatusPoller(props: LiveStatusProps) {
  return (
    <QueryProvider>
      <Poller {...props} />
    </QueryProvider>
  );
}

function Poller({ url, version, active, intervalMs = 3000 }: LiveStatusProps) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["application-status", url],
    queryFn: async () => {
      const response = await fetch(url, { cache: "no-store" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return (await response.json()) as { version: string };
    },
    enabled: active,
    refetchInterval: active ? intervalMs : false,
  });
  useEffect(() => {
    if (data && data.version !== version) router.refresh();
  }, [data, version, router]);
  return null;
}
