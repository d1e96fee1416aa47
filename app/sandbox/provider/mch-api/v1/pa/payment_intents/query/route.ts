import { sandboxProviderRoute } from "@/lib/payments/sandbox/route";

// The sandbox payment provider (the payment provider's Mini Program API document); the app's provider client calls it over HTTP.
export const POST = sandboxProviderRoute;
