import { getConfig } from "@/lib/config";

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

function write(level: Level, event: string, fields?: Record<string, unknown>) {
  let min: Level = "info";
  try {
    min = getConfig().logLevel;
  } catch {
    // Configuration errors are reported by boot; logging still works.
  }
  if (levels[level] < levels[min]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

/** Structured one-line JSON logs. Callers pass ids and codes, never personal data. */
export const logger = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
