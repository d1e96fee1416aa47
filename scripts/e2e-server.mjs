// The server Playwright tests run against: its own build folder, port and fresh data folder,
// so a console you have running is never touched.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { buildIfStale, nextBin, root } from "./lib/build.mjs";

const distDir = ".next-e2e";
const dataDir = process.env.E2E_DATA_DIR || ".data-e2e";
const port = process.env.E2E_PORT || "3100";
rmSync(path.join(root, dataDir), { recursive: true, force: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir, DATA_DIR: dataDir, PORT: port, SEED_E2E: "1", NEXTAUTH_URL: `http://localhost:${port}` };
delete env.DATABASE_URL;
buildIfStale(distDir, env);

const server = spawn(process.execPath, [nextBin, "start", "-p", port], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
