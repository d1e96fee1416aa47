import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loggerTo } from "@/lib/runtime/logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: loggerTo(stream) };
}

describe("logger", () => {
  it("writes one JSON line with time, level, event and fields", () => {
    const { lines, log } = capture();
    log.info("wechat.worker", { claimed: 2, applicationId: "a-1" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", event: "wechat.worker", claimed: 2, applicationId: "a-1" });
    expect(new Date(String(lines[0]!.time)).getTime()).not.toBeNaN();
  });

  it("redacts personal fields a caller passed by mistake, at the top level and nested", () => {
    const { lines, log } = capture();
    log.warn("oops", {
      merchantId: "m-1",
      id_card_number: "110101199003071234",
      mobile: "13800138000",
      email: "owner@example.com",
      account_number: "6222020200001234",
      password: "hunter2hunter2",
      body: { contact: { name: "张三" }, appSecret: "secret-of-the-mini-program", address: "北京市朝阳区" },
    });
    const text = JSON.stringify(lines[0]);
    for (const value of ["110101199003071234", "13800138000", "owner@example.com", "6222020200001234", "hunter2hunter2", "张三", "secret-of-the-mini-program", "北京市朝阳区"]) {
      expect(text).not.toContain(value);
    }
    expect(lines[0]).toMatchObject({ merchantId: "m-1", id_card_number: "[redacted]", body: { contact: { name: "[redacted]" }, appSecret: "[redacted]" } });
  });

  it("a child logger carries its bindings and still redacts", () => {
    const { lines, log } = capture();
    log.child({ job: "wechat.submit" }).error("job.failed", { token: "abc.def" });
    expect(lines[0]).toMatchObject({ level: "error", job: "wechat.submit", token: "[redacted]" });
  });
});
