import { getSandbox } from "@/lib/wechat";

// The WeChat sandbox (lib/wechat/sandbox): served only when no WeChat credentials are configured.
async function serve(request: Request): Promise<Response> {
  const sandbox = getSandbox();
  if (!sandbox) return Response.json({ errcode: 404, errmsg: "the WeChat sandbox is off: real credentials are configured" }, { status: 404 });
  return (await sandbox).handle(request);
}

export const GET = serve;
export const POST = serve;
export const dynamic = "force-dynamic";
