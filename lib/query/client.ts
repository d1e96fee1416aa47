import { QueryClient } from "@tanstack/react-query";

function statusOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "status" in error ? Number((error as { status: unknown }).status) : undefined;
}

/** One React Query client setup: no retries on 401/403/404/422, which will not change by retrying. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          const status = statusOf(error);
          if (status && [401, 403, 404, 409, 422].includes(status)) return false;
          return failureCount < 2;
        },
      },
    },
  });
}
