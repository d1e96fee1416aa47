import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const readme = readFileSync("README.md", "utf8");
const engines = (JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } }).engines.node;
const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);

describe("the README a newcomer reads first", () => {
  it("starts with the two commands and the five-minute tour, before any architecture or benchmark", () => {
    expect(sections.slice(0, 2)).toEqual(["Two commands", "Try it in five minutes"]);
    expect(sections.indexOf("Architecture")).toBeGreaterThan(sections.indexOf("Try it in five minutes"));
    expect(sections.at(-1)).toBe("Benchmark");
  });

  it("walks the journey: sign in, fill, support reviews and approves, WeChat's steps, a payment, a withdrawal", () => {
    const tour = readme.slice(readme.indexOf("## Try it in five minutes"), readme.indexOf("\n## ", readme.indexOf("## Try it in five minutes") + 3));
    for (const step of ["admin@demo-merchant.test", "support@console.test", "approve", "signing QR code", "Simulate payments", "Withdrawals"]) expect(tour).toContain(step);
    expect(tour).toMatch(/exactly one application/);
    expect(tour).toMatch(/驳回/);
    expect(tour).toMatch(/DATA_DIR/);
  });

  it("states the Node version the engines field asks for, and links nothing outside the repository", () => {
    expect(engines).toBe(">=20.9");
    expect(readme).toContain("Node 20.9 or newer");
    expect(readme).not.toMatch(/\]\(\.\.\//);
    expect(readme).not.toContain("../shared");
  });
});
