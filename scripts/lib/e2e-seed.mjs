// Writes the end-to-end test data into the data folder named by env.DATA_DIR, before the server
// starts there (two processes must not open one PGlite folder at once).
import { spawnSync } from "node:child_process";
import { root } from "./build.mjs";

export function seedE2e(env) {
  // `react-server` lets the seed import server-only modules outside Next, as the server does.
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/seed/run.ts"], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`The end-to-end seed failed (exit ${result.status ?? result.signal}).`);
}
