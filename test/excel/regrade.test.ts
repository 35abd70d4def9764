/**
 * Regrade in place on the fake Excel host: a second grade of the same block replaces its own
 * outputs (same sheets, same grade columns, same Customers table), touches no other cell, asks when
 * an output was edited, keeps a dated snapshot when asked, and is undone on failure.
 */
import * as path from "path";
import { readInput } from "../../src/cli/input";
import type { Cell } from "../../src/engine/common/types";
import { createOfficeHost } from "../../src/excel/officeHost";
import type { GradeRequest, GradeResponse } from "../../src/excel/host";
import { OUTPUTS_KEY } from "../../src/excel/regrade";
import { FakeWorkbook, letters, parseAddress } from "../support/fakeExcel";

let sample: Cell[][];
beforeAll(async () => {
  sample = (await readInput(path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx"), { keepAllColumns: true })).cells;
});

function bookWith(rows: Cell[][], excelApi = 1.7): FakeWorkbook {
  const book = new FakeWorkbook();
  book.excelApi = excelApi;
  book.addTable("Sheet1", rows);
  book.addTable("Notes", [["my own sheet"], [42]]);
  book.selection = { sheet: "Sheet1", address: "A1" };
  return book;
}

async function grade(book: FakeWorkbook, extra: Partial<GradeRequest> = {}): Promise<GradeResponse> {
  (globalThis as { Excel?: unknown }).Excel = book.excel();
  (globalThis as { Office?: unknown }).Office = book.office();
  return createOfficeHost().grade({ mapping: {}, options: {}, lang: "en", ...extra }, () => {}, new AbortController().signal);
}

function expectOk(response: GradeResponse): asserts response is Extract<GradeResponse, { ok: true }> {
  if (!response.ok) throw new Error(`grade failed: ${JSON.stringify(response)}`);
}

/** Every non-empty cell of every sheet, as "sheet!row:col" → value. */
function cells(book: FakeWorkbook, only?: (sheet: string) => boolean): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const sheet of book.sheets)
    if (!only || only(sheet.name)) for (const [c, col] of sheet.columns) col.forEach((v, r) => v !== "" && v !== undefined && v !== null && out.set(`${sheet.name}!${r}:${c}`, v));
  return out;
}

/** Everything a writer leaves on the sheets: cells, number formats, tables, charts, colour scales. */
function state(book: FakeWorkbook) {
  return {
    sheets: book.sheets.map((s) => s.name),
    cells: [...cells(book)].sort(),
    formats: book.sheets.map((s) => [s.name, [...s.formats].filter(([, f]) => f !== "General").sort()]),
    tables: book.sheets.map((s) => [s.name, s.tables.map((t) => `${t.name} ${t.address}`)]),
    charts: book.sheets.map((s) => [s.name, s.charts.map((c) => `${c.type} ${c.title} ${c.position}`)]),
    conditionalFormats: book.sheets.map((s) => [s.name, s.conditionalFormats.map((f) => f.address).sort()]),
  };
}

const width = () => sample[0].length;
/** The Amount column, and the sample with every amount changed, so the grades change. */
const AMOUNT = () => sample[0].indexOf("Amount");
const changedSample = () => sample.map((row, i) => (i === 0 ? row : row.map((v, k) => (k === AMOUNT() && typeof v === "number" ? v * 2 + 1 + (i % 7) * 50 : v))));

describe("a second grade of the same block", () => {
  test.each([1.7, 1.13])("replaces its outputs in place: same sheets, same grade columns, same Customers table; no other cell changes (ExcelApi %s)", async (api) => {
    const book = bookWith(sample, api);
    expectOk(await grade(book));
    const first = state(book);
    const userCells = cells(book, (s) => s === "Notes");
    const sourceCells = [...cells(book, (s) => s === "Sheet1")].filter(([k]) => Number(k.split(":")[1]) < width());

    // The data changes (as next month's would); the same block is graded again.
    const data = book.sheet("Sheet1");
    changedSample().forEach((row, r) => row.forEach((v, c) => c === AMOUNT() && r > 0 && data.set(r, c, v)));
    const response = await grade(book);
    expectOk(response);
    const second = state(book);
    expect(response.report.replaced).toBe(true);
    expect(second.sheets).toEqual(first.sheets); // no "Customers (2)", no "Grades"
    expect(second.tables).toEqual(first.tables);
    expect(second.charts.map(([s, list]) => [s, (list as string[]).length])).toEqual(first.charts.map(([s, list]) => [s, (list as string[]).length]));
    expect(response.report.written.gradeColumns).toBe(`Sheet1!${letters(width())}1:${letters(width() + 7)}${sample.length}`);
    expect(data.get(0, width())).toBe("R score");
    // The grades did change (the amounts doubled), so this was a real rewrite.
    expect(second.cells).not.toEqual(first.cells);
    // The user's sheet and the source columns are as they were.
    expect(cells(book, (s) => s === "Notes")).toEqual(userCells);
    expect([...cells(book, (s) => s === "Sheet1")].filter(([k]) => Number(k.split(":")[1]) < width() && Number(k.split(":")[1]) !== AMOUNT())).toEqual(sourceCells.filter(([k]) => Number(k.split(":")[1]) !== AMOUNT()));
    // No backup sheet is left behind.
    expect(book.sheets.some((s) => /backup/.test(s.name))).toBe(false);
  });

  test("grading the same data twice gives the same workbook as grading it once", async () => {
    const once = bookWith(sample);
    expectOk(await grade(once));
    const twice = bookWith(sample);
    expectOk(await grade(twice));
    expectOk(await grade(twice));
    const a = state(once), b = state(twice);
    // Method carries the day it was made: equal here since both ran today.
    expect(b.sheets).toEqual(a.sheets);
    expect(b.cells).toEqual(a.cells);
    expect(b.formats).toEqual(a.formats);
    expect(b.conditionalFormats).toEqual(a.conditionalFormats);
    expect(b.tables).toEqual(a.tables);
  });

  test("more rows next month: the grade columns grow in the same columns", async () => {
    const book = bookWith(sample);
    expectOk(await grade(book));
    const more = [...sample, ...sample.slice(1, 21).map((r) => r.map((v, k) => (k === 4 && typeof v === "number" ? v + 30 : v)))];
    const data = book.sheet("Sheet1");
    more.slice(sample.length).forEach((row, i) => row.forEach((v, c) => data.set(sample.length + i, c, v)));
    // The selection is the block with its new rows, as the pane previews it: the same source (same top-left, columns, headers).
    book.selection = { sheet: "Sheet1", address: "A1" };
    const response = await grade(book);
    expectOk(response);
    expect(response.report.replaced).toBe(true);
    expect(response.report.written.gradeColumns).toBe(`Sheet1!${letters(width())}1:${letters(width() + 7)}${more.length}`);
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "Notes", "Customers", "Summary", "Method"]);
  });
});

describe("edited outputs", () => {
  test("an edited Customers sheet: the grade asks first and changes nothing; replace writes in place; keep both leaves it", async () => {
    const book = bookWith(sample);
    expectOk(await grade(book));
    book.sheet("Customers").set(3, 0, "my correction");
    const before = state(book);
    const asked = await grade(book);
    expect(asked).toMatchObject({ ok: false, issues: [], question: { code: "outputs_edited", edited: ["Customers"] } });
    expect(state(book)).toEqual(before);

    const kept = bookWith(sample);
    expectOk(await grade(kept));
    kept.sheet("Customers").set(3, 0, "my correction");
    const both = await grade(kept, { ifEdited: "keepBoth" });
    expectOk(both);
    expect(both.report.written).toMatchObject({ customers: "Customers (2)", summary: "Summary (2)", method: "Method (2)" });
    expect(kept.sheet("Customers").get(3, 0)).toBe("my correction");

    const replaced = await grade(book, { ifEdited: "replace" });
    expectOk(replaced);
    expect(book.sheets.map((s) => s.name)).toEqual(before.sheets);
    expect(book.sheet("Customers").get(3, 0)).not.toBe("my correction");
  });

  test("an edited grade column and a cell added on Summary are both reported", async () => {
    const book = bookWith(sample);
    expectOk(await grade(book));
    book.sheet("Sheet1").set(5, width() + 4, "VIP");
    book.sheet("Summary").set(300, 30, "note");
    const asked = await grade(book);
    if (asked.ok || !asked.question) throw new Error("expected a question");
    expect(asked.question.edited).toEqual(["Summary", `Sheet1!${letters(width())}1:${letters(width() + 7)}${sample.length}`]);
    expect(asked.question.zh).toMatch(/原位替换/);
    // Replace: the user's note on Summary is not one of the add-in's cells, so it stays.
    expectOk(await grade(book, { ifEdited: "replace" }));
    expect(book.sheet("Summary").get(300, 30)).toBe("note");
    expect(book.sheet("Sheet1").get(5, width() + 4)).not.toBe("VIP");
  });

  test("a user's cell where the new Summary would go: Summary is left as it was and a new one is written", async () => {
    const book = bookWith(sample);
    expectOk(await grade(book));
    const summary = book.sheet("Summary");
    const used = summary.used()!;
    // A cell outside the add-in's cells but under one of its charts (charts reach right of the last column).
    const chart = summary.charts.map((c) => parseAddress(c.position![1])).find((end) => end.left >= used.left + used.cols)!;
    expect(chart).toBeDefined();
    summary.set(chart.top, chart.left, "my total");
    const oldSummary = cells(book, (s) => s === "Summary");
    const response = await grade(book, { ifEdited: "replace" });
    expectOk(response);
    expect(response.report.written.summary).toBe("Summary (2)");
    expect(response.report.notes.join(" ")).toMatch(/"Summary" has cells of yours/);
    expect(cells(book, (s) => s === "Summary")).toEqual(oldSummary);
  });
});

describe("snapshot of the previous results", () => {
  test("keeps the previous Customers and Summary as values on sheets named with their as-of date", async () => {
    const book = bookWith(sample);
    const first = await grade(book);
    expectOk(first);
    const oldCustomers = book.sheet("Customers").values("A1:R10");
    const data = book.sheet("Sheet1");
    changedSample().forEach((row, r) => row.forEach((v, c) => c === AMOUNT() && r > 0 && data.set(r, c, v)));
    const response = await grade(book, { snapshot: true });
    expectOk(response);
    const names = [`Customers ${first.report.asOf}`, `Summary ${first.report.asOf}`];
    expect(response.report.snapshots).toEqual(names);
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "Notes", "Customers", "Summary", "Method", ...names]);
    expect(book.sheet(names[0]).values("A1:R10")).toEqual(oldCustomers);
    expect(book.sheet("Customers").values("A1:R10")).not.toEqual(oldCustomers);
  });
});

describe("a regrade that fails or is cancelled leaves the previous results", () => {
  test.each([
    [1.7, 3],
    [1.7, 12],
    [1.13, 3],
    [1.13, 12],
  ])("ExcelApi %s, a sync failing %i from the end", async (api, offset) => {
    const probe = bookWith(sample, api);
    expectOk(await grade(probe));
    const start = probe.syncAttempts;
    expectOk(await grade(probe));
    const total = probe.syncAttempts - start;

    const book = bookWith(sample, api);
    expectOk(await grade(book));
    const before = state(book);
    const record = book.settings.get(OUTPUTS_KEY);
    const failAt = book.syncAttempts + total - offset;
    book.failSync = (n) => {
      if (n === failAt) throw Object.assign(new Error("The request failed (simulated)"), { code: "GeneralException" });
    };
    const response = await grade(book);
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.issues[0].message).toMatch(/was removed, so the workbook is as it was/);
    book.failSync = () => {};
    const after = state(book);
    expect(after.sheets).toEqual(before.sheets);
    expect(after.cells).toEqual(before.cells);
    expect(after.tables).toEqual(before.tables);
    expect(after.charts).toEqual(before.charts);
    if (api >= 1.9) expect(after.formats).toEqual(before.formats);
    expect(book.settings.get(OUTPUTS_KEY)).toBe(record);
  });

  test("cancel while replacing puts the previous results back", async () => {
    const book = bookWith(sample);
    expectOk(await grade(book));
    const before = state(book);
    const controller = new AbortController();
    (globalThis as { Excel?: unknown }).Excel = book.excel();
    const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en" }, (p) => {
      if (p.phase === "writing" && p.done === 2) controller.abort();
    }, controller.signal);
    expect(response).toMatchObject({ ok: false, cancelled: true });
    const after = state(book);
    expect(after.sheets).toEqual(before.sheets);
    expect(after.cells).toEqual(before.cells);
  });
});
