import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Every path, pages, route handlers and static files alike (asserted by e2e/security-headers.spec.ts).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and tools build into their own folder so they never clobber a running console.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project first, so its e2e build skips Next's second pass.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  // Native and wasm packages stay in node_modules instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "sharp", "bcryptjs"],
  experimental: {
    authInterrupts: true,
    // The proxy buffers request bodies and cuts them at 10 MB by default, so a valid 15 MB photo
    // arrived truncated. Our own limit is 20 MB (lib/media/types.ts) plus the multipart envelope;
    // WeChat itself takes 2 MB, which the console reaches by shrinking:
    // https://developers.weixin.qq.com/miniprogram/dev/framework/ministore/minishopopencomponent2/API/public/upload_img.html
    proxyClientMaxBodySize: "21mb",
  },
  // The CSP (with a nonce per page) and HSTS depend on the request and APP_ENV: proxy.ts sets them.
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
