import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type Column } from "@/components/ui/table";

type Row = { id: string; name: string; amount: number };
const columns: Column<Row>[] = [
  { id: "name", header: "Name", cell: (r) => r.name },
  { id: "amount", header: "Amount", cell: (r) => `¥${r.amount}`, align: "right", phone: "key" },
  { id: "time", header: h("a", { href: "?sort=asc" }, "Time"), cell: () => "today", label: "Time", phoneHeader: true, sort: "descending" },
  { id: "note", header: "Note", cell: () => null, phone: "hidden" },
];
const rows: Row[] = [
  { id: "r1", name: "A & B <co>", amount: 1 },
  { id: "r2", name: "C", amount: 2 },
];
const render = () => renderToStaticMarkup(h(DataTable<Row>, { data: rows, columns, getRowId: (r) => r.id, rowTestId: "row", rowProps: (r) => ({ "data-id": r.id }), label: "Things" }));

describe("the kit table", () => {
  it("renders a header per column and a cell per column on every row, in order, escaped", () => {
    const html = render();
    expect(html.match(/<th /g)).toHaveLength(4);
    expect(html.match(/<tr data-testid="row"/g)).toHaveLength(2);
    expect(html).toContain('data-id="r1"');
    expect(html).toContain("A &amp; B &lt;co&gt;");
    expect(html.indexOf("A &amp; B")).toBeLessThan(html.indexOf("¥1"));
    expect(html.indexOf("¥1")).toBeLessThan(html.indexOf("¥2"));
    expect(html).toContain('aria-label="Things"');
  });

  it("gives a phone card's detail cells their label, and its key and hidden cells none", () => {
    const html = render();
    const cells = [...html.matchAll(/<td([^>]*)>/g)].slice(0, 4).map((m) => m[1]);
    expect(cells[0]).toContain('data-label="Name"');
    expect(cells[0]).toContain('class="phone-detail"');
    expect(cells[1]).not.toContain("data-label");
    expect(cells[1]).toContain('class="sm:text-right phone-key"');
    // A header that is not a string (a sort link) takes its label from the column.
    expect(cells[2]).toContain('data-label="Time"');
    expect(cells[3]).not.toContain("data-label");
    expect(cells[3]).toContain("max-sm:hidden");
  });

  it("keeps the sort header visible on a phone and says its order; the others are for screen readers there", () => {
    const headers = [...render().matchAll(/<th\s([^>]*)>/g)].map((m) => m[1]);
    expect(headers[2]).toContain('aria-sort="descending"');
    expect(headers[2]).not.toContain("max-sm:sr-only");
    expect(headers[0]).toContain("max-sm:sr-only");
    expect(headers[1]).toContain("text-right");
  });
});
