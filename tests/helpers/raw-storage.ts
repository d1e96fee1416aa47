import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Every byte PGlite keeps on disk (tables, indexes, WAL) under a data folder. */
export function pgliteFolderBytes(dataDir: string): Buffer {
  return Buffer.concat(files(path.join(dataDir, "pglite")).map((file) => readFileSync(file)));
}

/** A plain-text `pg_dump` of a PostgreSQL database, as a backup would hold it. */
export function postgresDump(url: string): Buffer {
  const dump = spawnSync("pg_dump", ["--no-owner", "--format=plain", url], { maxBuffer: 512 * 1024 * 1024 });
  if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr.toString()}`);
  return dump.stdout;
}

/** The probes found in raw storage: as UTF-8 text, and for bytes as they are and as pg_dump's hex. */
export function plaintextFound(raw: Buffer, probes: (string | Buffer)[]): string[] {
  const text = raw.toString("latin1");
  return probes
    .filter((probe) => {
      const bytes = typeof probe === "string" ? Buffer.from(probe, "utf8") : probe;
      return raw.includes(bytes) || text.includes(bytes.toString("hex"));
    })
    .map((probe) => (typeof probe === "string" ? probe : `<${probe.length} bytes>`));
}
