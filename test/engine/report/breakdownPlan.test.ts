/** The breakdown on the workbook plan: Summary by value (with a chart) and value × segment; the Customers column. */
import { gradeTable } from "../../../src/engine/grade/pipeline";
import { customerDimensions } from "../../../src/engine/grade/breakdown";
import { buildWorkbookPlan } from "../../../src/engine/report/buildWorkbookPlan";
import { blockDataTop, blockRow, blockRowCount, type Block, type PlanCell, type WorkbookPlan } from "../../../src/engine/report/workbookPlan";
import type { Cell } from "../../../src/engine/common/types";

const CELLS: Cell[][] = [
  ["Customer", "Date", "Amount", "Country"],
  ["a", "2024-06-01", 100, "France"], ["a", "2024-01-01", 30, "Spain"],
  ["b", "2024-02-01", 50, "Spain"], ["b", "2024-03-01", 50, "France"], // tie → France (later)
  ["c", "2024-06-20", 70, "Spain"],
  ["d", "2023-09-01", 20, ""],
];
/** Worked by hand from the rows above: each customer's value and monetary. */
const EXPECTED = { a: ["France", 130], b: ["France", 100], c: ["Spain", 70], d: [null, 20] } as const;

function planFor(lang: "en" | "zh"): WorkbookPlan {
  const outcome = gradeTable({ cells: CELLS, mapping: { dimension: "Country" } }, { asOf: "2024-07-01", lang });
  if (!outcome.ok) throw new Error(outcome.issues[0].message);
  const result = outcome.result;
  return buildWorkbookPlan(result, { lang, source: { cells: CELLS }, extras: { breakdown: customerDimensions(result) }, method: { generated: "2026-12-01", version: "9.9.9" } });
}
const rowsOf = (b: Block): PlanCell[][] => Array.from({ length: blockRowCount(b) }, (_, i) => blockRow(b, i));

describe("breakdown in the workbook plan", () => {
  const p = planFor("en");
  const summary = p.sheets.find((s) => s.role === "summary")!;

  test("Summary: one row per value, most revenue first, customers and revenue as worked by hand, with a chart beside", () => {
    const block = summary.blocks.find((b) => b.key === "breakdown")!;
    expect(block.title).toContain("Country");
    const rows = rowsOf(block);
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([["France", 2, 230], ["Spain", 1, 70], ["(none)", 1, 20]]);
    expect(rows[0][4]).toBeCloseTo(230 / 320, 12);
    const chart = summary.charts.find((c) => c.anchor.row === block.top)!;
    expect(chart.kind).toBe("column");
    expect(chart.categories).toMatchObject({ top: blockDataTop(block), rows: 3, left: block.left });
  });

  test("Summary: value × segment rows add up to each value's row", () => {
    const rows = rowsOf(summary.blocks.find((b) => b.key === "breakdownSegments")!);
    const per: Record<string, number> = {};
    for (const r of rows) per[r[0] as string] = (per[r[0] as string] ?? 0) + (r[3] as number);
    expect(per).toEqual({ France: 230, Spain: 70, "(none)": 20 });
    expect(rows.reduce((s, r) => s + (r[4] as number), 0)).toBeCloseTo(1, 12);
  });

  test("Customers: the value under the column's own header, blank without one", () => {
    const block = p.sheets.find((s) => s.role === "customers")!.blocks[0];
    const at = block.columns.findIndex((c) => c.key === "dimension");
    expect(block.columns[at].title).toBe("Country");
    const id = block.columns.findIndex((c) => c.key === "customer_id");
    const got = Object.fromEntries(rowsOf(block).map((r) => [r[id], r[at]]));
    expect(got).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, v[0]])));
  });

  test("in Chinese: titles and the no-value row in Chinese", () => {
    const zh = planFor("zh").sheets.find((s) => s.role === "summary")!;
    const block = zh.blocks.find((b) => b.key === "breakdown")!;
    expect(block.title).toContain("按Country细分");
    expect(rowsOf(block).map((r) => r[0])).toContain("（无）");
  });
});
