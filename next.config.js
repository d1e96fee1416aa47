import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and tools build into their own folder so they never clobber a running console.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Native and wasm packages stay in node_modules instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "sharp", "bcryptjs"],
  experimental: {
    authInterrupts: true,
  },
};

export default withNextIntl(nextConfig);
