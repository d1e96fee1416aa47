import { sandboxProviderRoute } from "@/lib/payments/sandbox/route";

// The sandbox payment provider (seed 003); the app's provider client calls it over HTTP.
export const POST = sandboxProviderRoute;
