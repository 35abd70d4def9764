/**
 * Graceful degradation below ExcelApi 1.9 (src/excel/requirements.ts): the segment links select the
 * graded rows instead of filtering them, and the report says why; with 1.9 they filter. Against the
 * fake Excel host, with an `Office` whose requirements answer as an older or a newer Excel would.
 */
import * as path from "path";
import { readInput } from "../../src/cli/input";
import { labelText, RF_SEGMENTS } from "../../src/engine/common/labels";
import type { Cell } from "../../src/engine/common/types";
import { createOfficeHost } from "../../src/excel/officeHost";
import { isSetSupported } from "../../src/excel/requirements";
import { FakeWorkbook } from "../support/fakeExcel";

let sample: Cell[][];
beforeAll(async () => {
  sample = (await readInput(path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx"), { keepAllColumns: true })).cells;
});

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  delete (globalThis as { Excel?: unknown }).Excel;
});

/** An Office.js whose host supports ExcelApi up to `highest` (minor versions of 1.x). */
function officeWith(highest: number): string[] {
  const asked: string[] = [];
  (globalThis as { Office?: unknown }).Office = {
    context: {
      requirements: {
        isSetSupported: (set: string, version: string) => {
          asked.push(`${set} ${version}`);
          return set === "ExcelApi" && Number(version.split(".")[1]) <= highest;
        },
      },
    },
  };
  return asked;
}

async function gradeAndClickFirstSegment(book: FakeWorkbook) {
  book.addTable("Sheet1", sample);
  book.selection = { sheet: "Sheet1", address: "A1" };
  (globalThis as { Excel?: unknown }).Excel = book.excel();
  const host = createOfficeHost();
  const response = await host.grade({ mapping: {}, options: {}, lang: "en" }, () => undefined, new AbortController().signal);
  if (!response.ok) throw new Error(JSON.stringify(response.issues));
  book.activeSheet = "Summary";
  const segment = response.report.summary.segments.find((s) => s.customers > 0)!;
  await host.selectSegment(segment.key);
  return { report: response.report, segment };
}

test("isSetSupported asks Office.js; without Office.js (fake hosts) it answers true", () => {
  expect(isSetSupported("ExcelApi", "1.9")).toBe(true);
  const asked = officeWith(8);
  expect(isSetSupported("ExcelApi", "1.9")).toBe(false);
  expect(isSetSupported("ExcelApi", "1.7")).toBe(true);
  expect(asked).toEqual(["ExcelApi 1.9", "ExcelApi 1.7"]);
});

test("ExcelApi 1.8: no AutoFilter; the segment link selects the graded sheet's rows, and a note says why", async () => {
  const asked = officeWith(8);
  const book = new FakeWorkbook();
  const { report } = await gradeAndClickFirstSegment(book);
  expect(asked).toContain("ExcelApi 1.9");
  expect(book.sheet("Sheet1").autoFilter).toBeNull();
  expect(book.activeSheet).toBe("Sheet1");
  expect(report.notes.join(" ")).toMatch(/cannot filter from the pane \(that needs Excel API 1\.9\)/);
});

test("ExcelApi 1.9: the segment link filters the rows to that segment, and no note", async () => {
  officeWith(9);
  const book = new FakeWorkbook();
  const { report, segment } = await gradeAndClickFirstSegment(book);
  expect(book.sheet("Sheet1").autoFilter).toMatchObject({ criteria: { filterOn: "Values", values: [labelText(RF_SEGMENTS, segment.code, "en")] } });
  expect(report.notes.join(" ")).not.toMatch(/cannot filter/);
});
