"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import { clsx } from "clsx";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned (amounts). */
    align?: "right";
    /**
     * How the column shows on a phone, where each row becomes a card: `key` cells (amount, status,
     * the row's link) open the card on one line without a label; the others follow with their label.
     */
    phone?: "key" | "detail" | "hidden";
    /** The label beside the value on a phone card (defaults to the header when that is a string). */
    label?: string;
    /** The header stays visible above the cards on a phone (a sort link). */
    phoneHeader?: boolean;
    /** The header's `aria-sort`. */
    sort?: "ascending" | "descending";
  }
}

/**
 * Every list of the console: TanStack Table for the rows, a table on wide screens and one card per
 * row below 640 px, so amount, status and the row's link are on screen without sideways scrolling.
 */
export function DataTable<T>({ data, columns, getRowId, rowTestId, rowProps, label, labelledBy }: {
  data: T[];
  // The columns of one list have different value types; TanStack's own examples type them `any` too.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  getRowId: (row: T) => string;
  rowTestId?: string;
  rowProps?: (row: T) => Record<`data-${string}`, string>;
  label?: string;
  labelledBy?: string;
}) {
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId });
  return (
    <div className="rounded-lg border border-slate-200 bg-white sm:overflow-x-auto" role="region" aria-label={label} aria-labelledby={labelledBy} tabIndex={0}>
      <table className="w-full text-left text-sm max-sm:block">
        <thead className="bg-slate-50 text-xs text-slate-600 max-sm:block">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="max-sm:flex max-sm:flex-wrap max-sm:gap-3">
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta;
                return (
                  <th key={header.id} scope="col" aria-sort={meta?.sort} className={clsx("px-3 py-2 font-medium", meta?.align === "right" && "text-right", !meta?.phoneHeader && "max-sm:sr-only")}>
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100 max-sm:block">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid={rowTestId} {...rowProps?.(row.original)} className="phone-row align-top hover:bg-slate-50">
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta;
                const header = cell.column.columnDef.header;
                const label = meta?.label ?? (typeof header === "string" ? header : undefined);
                const phone = meta?.phone ?? "detail";
                return (
                  <td
                    key={cell.id}
                    data-label={phone === "detail" ? label : undefined}
                    className={clsx(
                      meta?.align === "right" && "sm:text-right",
                      phone === "key" && "phone-key",
                      phone === "detail" && "phone-detail",
                      phone === "hidden" && "px-3 py-2 max-sm:hidden",
                    )}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
