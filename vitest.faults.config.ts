import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:faults`: starts the built console, kills it mid-request and checks what survived.
// Slow (a server start per step), so kept out of `npx vitest run`; .ci/run runs it after `npm test`.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/faults/**/*.fault.ts"],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
