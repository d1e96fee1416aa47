import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { registeredJobs } from "@/lib/boot/jobs";

const names = (locale: string) => JSON.parse(readFileSync(path.join(__dirname, "../../messages", locale, "system.json"), "utf8")).jobs.names as Record<string, string>;

describe("background jobs on the System page", () => {
  it.each(["zh-CN", "en"])("every registered job has a label in %s, so support never reads a raw job name", (locale) => {
    const labels = names(locale);
    expect(registeredJobs.map((job) => job.name).filter((name) => !labels[name.replaceAll(".", "_")])).toEqual([]);
  });
});
