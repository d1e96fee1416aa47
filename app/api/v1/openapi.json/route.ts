import { NextResponse } from "next/server";
import { getConfig } from "@/lib/config";
import { openApiDocument } from "@/lib/payments/openapi";

/** The API's OpenAPI document; public, like any API reference. */
export async function GET() {
  return NextResponse.json(openApiDocument(getConfig().authUrl));
}
