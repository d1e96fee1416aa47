// `npm start`: builds when the sources are newer than the last build, then serves the console.
// Migrations and the demo seed run inside the server at start (instrumentation.ts).
import { spawn } from "node:child_process";
import { buildIfStale, nextStartArgs, root } from "./lib/build.mjs";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir };
buildIfStale(distDir, env);

const server = spawn(process.execPath, nextStartArgs(process.env.PORT || "3000"), { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
