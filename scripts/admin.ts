// `npm run admin -- <command> [--flag value …]`: the operator's commands. Each command is one file
// in scripts/admin/ (`create-staff.ts` is `create-staff`) exporting `summary`, `usage` and `run`;
// files starting with `_` are shared helpers. Adding a command touches no other file.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CommandError, parseFlags, type AdminCommand } from "./admin/_command";

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), "admin");

function commandNames(): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith(".ts") && !f.startsWith("_") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<AdminCommand> {
  return (await import(`./admin/${name}.ts`)) as AdminCommand;
}

async function help(): Promise<void> {
  console.log("Usage: npm run admin -- <command> [options]\n\nCommands:");
  for (const name of commandNames()) {
    const command = await load(name);
    console.log(`  ${name.padEnd(22)} ${command.summary}\n  ${"".padEnd(22)} ${command.usage}`);
  }
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === "help" || name === "--help") {
    await help();
    return name ? 0 : 1;
  }
  if (!commandNames().includes(name)) {
    console.error(`Unknown command "${name}". Run \`npm run admin -- help\` for the list.`);
    return 1;
  }
  const command = await load(name);
  await command.run(parseFlags(rest));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // One sentence for the operator; a stack only for what is not the operator's to fix.
    if (error instanceof CommandError) console.error(error.message);
    else console.error(`The command failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
