/**
 * What the grade tells the pane beyond the summary: the period graded, the sheets written (Breaks and
 * Segment map with formulas on), CLV / cluster / trend totals, and the preview's number formats.
 */
import type { Cell } from "../../src/engine/common/types";
import { createOfficeHost } from "../../src/excel/officeHost";
import type { GradeRequest, GradeResponse } from "../../src/excel/host";
import { FakeWorkbook } from "../support/fakeExcel";

/** 40 customers, customer k buys k % 5 + 1 times, 17 days apart, from 2023-03-01 (serial 44986). */
function rows(): Cell[][] {
  const out: Cell[][] = [["Customer", "Date", "Amount"]];
  for (let k = 0; k < 40; ++k) for (let j = 0; j <= k % 5; ++j) out.push([`C${k}`, 44986 + k * 3 + j * 17, 10 + k]);
  return out;
}

function book(): FakeWorkbook {
  const b = new FakeWorkbook();
  const sheet = b.addTable("Sheet1", rows());
  for (let r = 1; r < rows().length; ++r) {
    sheet.formats.set(`${r}:1`, "yyyy-mm-dd");
    sheet.formats.set(`${r}:2`, '"$"#,##0.00');
  }
  b.selection = { sheet: "Sheet1", address: "A1" };
  (globalThis as { Excel?: unknown }).Excel = b.excel();
  return b;
}

async function grade(request: Partial<GradeRequest>): Promise<Extract<GradeResponse, { ok: true }>["report"]> {
  const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en", ...request }, () => {}, new AbortController().signal);
  if (!response.ok) throw new Error(JSON.stringify(response.issues));
  return response.report;
}

const isoOfSerial = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);

test("the preview carries each sample cell's number format", async () => {
  book();
  const outcome = await createOfficeHost().previewSelection();
  if (!outcome.ok) throw new Error("no preview");
  expect(outcome.preview.sampleFormats?.[0]).toEqual(["General", "yyyy-mm-dd", '"$"#,##0.00']);
  expect(outcome.preview.sampleFormats).toHaveLength(outcome.preview.sampleRows.length);
});

test("period, formula sheets, clusters and trends are reported; showSheet activates a written sheet", async () => {
  const b = book();
  const report = await grade({ formulas: true, clusters: 3 });
  const serials = rows().slice(1).map((r) => r[1] as number);
  expect(report.period).toEqual({ first: isoOfSerial(Math.min(...serials)), last: isoOfSerial(Math.max(...serials)) });
  const names = b.sheets.map((s) => s.name);
  expect(report.written.formulaSheets).toHaveLength(2);
  for (const sheet of report.written.formulaSheets!) expect(names).toContain(sheet);
  expect(report.clusters?.length).toBe(3);
  expect(report.clusters!.reduce((s, c) => s + c.customers, 0)).toBe(40);
  expect(report.trends!.reduce((s, t) => s + t.customers, 0)).toBe(40);
  expect(report.clv).toBeUndefined();
  await createOfficeHost().showSheet!(report.written.method);
  expect(b.activeSheet).toBe(report.written.method);
});

test("formulas off: no formula sheets reported", async () => {
  book();
  const report = await grade({});
  expect(report.written.formulaSheets).toBeUndefined();
  expect(report.clusters).toBeUndefined();
});
