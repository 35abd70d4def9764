/**
 * The Office.js adapter against the fake Excel host: what it reads, what it writes where, the charts
 * and tables, the size of each request, and that nothing the user had is overwritten or lost.
 */
import * as path from "path";
import { readInput } from "../../src/cli/input";
import { customerRows } from "../../src/engine/report/customerTable";
import { gradeTable } from "../../src/engine/grade/pipeline";
import { GRADE_COLUMN_TITLES, transactionGradeRow } from "../../src/engine/report/transactionGrades";
import { activityValue, customerTrends } from "../../src/engine/report/trend";
import type { Cell } from "../../src/engine/common/types";
import { createOfficeHost } from "../../src/excel/officeHost";
import type { GradeProgress, GradeResponse } from "../../src/excel/host";
import { SETTINGS_KEY } from "../../src/excel/settings";
import { FakeWorkbook, letters } from "../support/fakeExcel";

let sample: Cell[][];
beforeAll(async () => {
  sample = (await readInput(path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx"), { keepAllColumns: true })).cells;
});

/** A workbook whose Sheet1 holds `rows` at A1, with A1 selected. */
function bookWith(rows: Cell[][]): FakeWorkbook {
  const book = new FakeWorkbook();
  book.addTable("Sheet1", rows);
  book.selection = { sheet: "Sheet1", address: "A1" };
  return book;
}

function install(book: FakeWorkbook): void {
  (globalThis as { Excel?: unknown }).Excel = book.excel();
}

async function grade(book: FakeWorkbook, extra: Partial<Parameters<ReturnType<typeof createOfficeHost>["grade"]>[0]> = {}, signal = new AbortController().signal) {
  install(book);
  const progress: GradeProgress[] = [];
  const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en", ...extra }, (p) => progress.push(p), signal);
  return { response, progress };
}

function expectOk(response: GradeResponse): asserts response is Extract<GradeResponse, { ok: true }> {
  if (!response.ok) throw new Error(`grade failed: ${JSON.stringify(response.issues)}`);
}

/** Every non-empty cell of every sheet, as "sheet!row:col" → value. */
function snapshot(book: FakeWorkbook): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const sheet of book.sheets) for (const [c, col] of sheet.columns) col.forEach((v, r) => v !== "" && v !== undefined && v !== null && out.set(`${sheet.name}!${r}:${c}`, v));
  return out;
}

describe("grading the selection", () => {
  test("a single selected cell expands to its region; grade columns, Customers, Summary, Method are written", async () => {
    const book = new FakeWorkbook();
    const data = book.addTable("Sheet1", sample);
    book.selection = { sheet: "Sheet1", address: "B3" };
    const width = sample[0].length;
    const { response, progress } = await grade(book);
    expectOk(response);

    // Grade columns right beside the data, equal to the engine's on the same cells.
    const engine = gradeTable({ cells: sample }, {});
    if (!engine.ok) throw new Error("engine failed");
    const left = letters(width), right = letters(width + GRADE_COLUMN_TITLES.en.length - 1);
    const written = data.values(`${left}1:${right}${sample.length}`);
    expect(written[0]).toEqual(GRADE_COLUMN_TITLES.en);
    for (let i = 0; i < sample.length - 1; ++i) expect(written[i + 1]).toEqual(transactionGradeRow(engine.result, i, "en"));
    expect(response.report.written.gradeColumns).toBe(`Sheet1!${left}1:${right}${sample.length}`);

    // The Customers sheet: the SPEC §9 rows (dates as serials with a date format) in a table.
    const customers = book.sheet("Customers");
    const want = customerRows(engine.result, "en");
    const got = customers.values(`A2:R${want.length + 1}`);
    want.forEach((row, i) => {
      expect(got[i][0]).toBe(row[0]);
      expect(got[i].slice(3)).toEqual(row.slice(3).map((v) => (v === null ? "" : v)));
    });
    // The SPEC §9 columns (A–R), then Trend and Activity index.
    expect(customers.tables).toMatchObject([{ address: `A1:T${want.length + 1}`, hasHeaders: true, style: "TableStyleMedium2" }]);
    expect(customers.values("S1:T1")[0]).toEqual(["Trend", "Activity index"]);
    expect(customers.formats.get("1:1")).toBe("yyyy-mm-dd");
    expect(customers.frozenRows).toBe(1);

    // The Summary sheet: three native charts and the R×F colour scale; the Method sheet.
    const summary = book.sheet("Summary");
    expect(summary.charts.map((c) => c.type)).toEqual(["BarClustered", "XYScatter", "Pie", "BarClustered", "ColumnClustered"]); // the sample's Pareto curve has few points: markers
    expect(summary.charts.every((c) => c.title.length > 0 && c.position && c.series.length > 0)).toBe(true);
    // Charts sit beside their tables, on the first screen's columns (not 27 columns to the right).
    for (const c of summary.charts) expect(Number(/^([A-Z]+)/.exec(c.position![0])![1].length)).toBe(1);
    // Heat maps on the R×F grids (counts, average monetary) and on the cohort retention table.
    expect(summary.conditionalFormats.map((f) => f.type)).toEqual(["ColorScale", "ColorScale", "ColorScale"]);
    expect(book.sheet("Method").get(0, 0)).toMatch(/Customer Tiers/);
    expect(book.activeSheet).toBe("Summary");

    // Progress went through the three phases in order and reached the end.
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(["reading", "grading", "writing"]);
    expect(progress[progress.length - 1]).toEqual({ phase: "writing", done: 4, total: 4 });

    // Options saved in the workbook, every request under 4 MB, calculation suspended for writes.
    expect(JSON.parse(book.settings.get(SETTINGS_KEY)!)).toMatchObject({ mapping: {}, options: {}, clv: false, lang: "en", address: `Sheet1!A1:${letters(width - 1)}${sample.length}` });
    expect(book.maxSyncBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(book.calculationSuspensions).toBeGreaterThan(0);
    expect(response.report.summary.customers).toBe(engine.result.summary.customers);
  });

  test("cells right of the data that are not empty are left alone: grades go to a new sheet", async () => {
    const book = new FakeWorkbook();
    const rows = sample.map((r, i) => (i === 7 ? [...r, "", "", "my note"] : r));
    book.addTable("Sheet1", rows);
    book.selection = { sheet: "Sheet1", address: `A1:${letters(sample[0].length - 1)}${sample.length}` };
    const before = snapshot(book);
    const { response } = await grade(book);
    expectOk(response);
    const after = snapshot(book);
    for (const [key, value] of before) expect(after.get(key)).toEqual(value);
    expect(response.report.written.gradeColumns).toBe("Grades");
    expect(response.report.notes.join(" ")).toMatch(/not empty.*"Grades"/);
    expect(book.sheet("Grades").get(0, 0)).toBe("R score");
  });

  test("existing Customers / Summary sheets are kept; new ones get free names", async () => {
    const book = new FakeWorkbook();
    book.addTable("Sheet1", sample);
    book.addTable("Customers", [["keep me"]]);
    book.addTable("Summary", [["me too"]]);
    book.selection = { sheet: "Sheet1", address: "A1" };
    const { response } = await grade(book);
    expectOk(response);
    expect(response.report.written).toMatchObject({ customers: "Customers (2)", summary: "Summary (2)", method: "Method" });
    expect(book.sheet("Customers").get(0, 0)).toBe("keep me");
    expect(book.sheet("Summary").get(0, 0)).toBe("me too");
  });

  test("ids that look like formulas are written as text, never as formulas", async () => {
    const book = new FakeWorkbook();
    const hostile = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTab", "=1+1"];
    const rows: Cell[][] = [["Customer", "Date", "Amount"]];
    hostile.forEach((id, k) => {
      rows.push([id, "2024-01-0" + (k + 1), 10 + k]);
      rows.push([id, "2024-02-0" + (k + 1), 20 + k]);
    });
    book.addTable("Sheet1", rows);
    book.selection = { sheet: "Sheet1", address: "A1" };
    const { response } = await grade(book, { lang: "zh" });
    expectOk(response);
    for (const [key, value] of snapshot(book)) expect({ key, value: String(value).startsWith("FORMULA:") }).toEqual({ key, value: false });
    const ids = book.sheet("客户").values(`A2:A${hostile.length + 1}`).map((r) => r[0]);
    expect(new Set(ids)).toEqual(new Set(hostile.map((id) => id.trim())));
  });
});

describe("the previewed block is the one graded", () => {
  test("moving the selection after the preview does not change what is graded", async () => {
    const book = new FakeWorkbook();
    book.addTable("Q3 'sales'", sample);
    book.addTable("Other", [["Who", "When", "How much"], ["x", "2024-01-01", 1]]);
    book.selection = { sheet: "Q3 'sales'", address: "A1" };
    install(book);
    const preview = await createOfficeHost().previewSelection();
    if (!preview.ok) throw new Error("no preview");
    expect(preview.preview.address).toBe(`'Q3 ''sales'''!A1:${letters(sample[0].length - 1)}${sample.length}`);
    book.selection = { sheet: "Other", address: "A1" };
    const { response } = await grade(book, { source: { address: preview.preview.address, headers: preview.preview.headers } });
    expectOk(response);
    const engine = gradeTable({ cells: sample }, {});
    if (!engine.ok) throw new Error("engine failed");
    expect(response.report.summary.customers).toBe(engine.result.summary.customers);
    expect(book.sheet("Other").values("D1:D1")[0][0] ?? "").toBe("");
    expect(book.sheet("Q3 'sales'").get(0, sample[0].length)).toBe("R score");
  });

  test("columns changed since the preview, or the sheet gone: a message, nothing written", async () => {
    const book = bookWith(sample);
    install(book);
    const preview = await createOfficeHost().previewSelection();
    if (!preview.ok) throw new Error("no preview");
    const source = { address: preview.preview.address, headers: preview.preview.headers };
    book.sheet("Sheet1").set(0, 1, "Moved");
    const before = snapshot(book);
    const changed = await grade(book, { source });
    expect(changed.response).toMatchObject({ ok: false, issues: [{ code: "columns_changed" }] });
    expect(snapshot(book)).toEqual(before);
    const gone = await grade(book, { source: { ...source, address: "Deleted!A1:C9" } });
    expect(gone.response).toMatchObject({ ok: false, issues: [{ code: "source_missing" }] });
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

describe("cancel and failure leave the workbook as it was", () => {
  test.each([2, 5, 9])("a sync failing at write step %i is rolled back", async (offset) => {
    const book = bookWith(sample);
    const before = snapshot(book);
    const names = book.sheets.map((s) => s.name);
    install(book);
    // Count the syncs of a good run, then fail one in its writing part.
    const probe = new FakeWorkbook();
    probe.addTable("Sheet1", sample);
    probe.selection = book.selection;
    await grade(probe);
    const total = probe.syncAttempts;
    const failAt = total - offset;
    book.failSync = (n) => {
      if (n === failAt) throw Object.assign(new Error("The request failed (simulated)"), { code: "GeneralException" });
    };
    const { response } = await grade(book);
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.issues[0].message).toMatch(/was removed, so the workbook is as it was/);
    expect(book.sheets.map((s) => s.name)).toEqual(names);
    expect(snapshot(book)).toEqual(before);
  });

  test("cancel during writing removes what was written", async () => {
    const book = bookWith(sample);
    const before = snapshot(book);
    const controller = new AbortController();
    install(book);
    const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en" }, (p) => {
      if (p.phase === "writing" && p.done === 2) controller.abort();
    }, controller.signal);
    expect(response).toMatchObject({ ok: false, cancelled: true });
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(snapshot(book)).toEqual(before);
  });
});

describe("errors name the row and column", () => {
  test("a missing amount column", async () => {
    const book = new FakeWorkbook();
    book.addTable("Sheet1", [["Customer", "Date", "Note"], ["a", "2024-01-01", "x"]]);
    book.selection = { sheet: "Sheet1", address: "A1" };
    const { response } = await grade(book);
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.issues[0].message).toMatch(/No amount.*Columns found: Customer, Date, Note/);
    expect(book.sheets).toHaveLength(1);
  });

  test("a bad date is reported with its sheet row", async () => {
    const book = new FakeWorkbook();
    const rows: Cell[][] = [["x"], ["Customer", "Date", "Amount"], ["a", "2024-01-01", 5], ["b", "not a date", 7], ["a", "2024-02-01", 6]];
    book.addTable("Sheet1", rows);
    book.selection = { sheet: "Sheet1", address: "A2:C5" };
    const { response } = await grade(book);
    expectOk(response);
    expect(response.report.rows.excluded.bad_date).toMatchObject({ count: 1, column: "Date", rows: [4] });
  });
});

describe("empty selections", () => {
  test("an empty sheet gives a message, not an exception", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Sheet1");
    book.selection = { sheet: "Sheet1", address: "B2" };
    install(book);
    const preview = await createOfficeHost().previewSelection();
    expect(preview).toMatchObject({ ok: false, issues: [{ code: "empty_selection" }] });
    const { response } = await grade(book);
    expect(response).toMatchObject({ ok: false, issues: [{ code: "empty_selection", zh: expect.stringMatching(/选区为空/) }] });
  });
});

describe("settings", () => {
  test("round-trip through the workbook", async () => {
    const book = new FakeWorkbook();
    install(book);
    const host = createOfficeHost();
    expect(await host.loadSettings()).toBeNull();
    const saved = { mapping: { customer: "Client" }, options: { bins: 4, asOf: "2024-07-01" }, clv: true, lang: "zh" as const, address: "Sheet1!A1:C9" };
    await host.saveSettings(saved);
    expect(await host.loadSettings()).toEqual(saved);
    book.settings.set(SETTINGS_KEY, "not json");
    expect(await host.loadSettings()).toBeNull();
  });
});

describe("lifetime value in the workbook", () => {
  test("CLV columns and tier on Customers; a holdout table and chart on Summary", async () => {
    const fs = await import("fs");
    const { datasetFile } = await import("../support/datasets");
    const lines = fs.readFileSync(datasetFile("cdnow-lifetimes/CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/).map((l) => l.trim().split(/\s+/));
    const rows: Cell[][] = [["Customer", "Date", "Amount"], ...lines.map((l) => [l[1], `${l[2].slice(0, 4)}-${l[2].slice(4, 6)}-${l[2].slice(6)}`, Number(l[4])] as Cell[])];
    const book = new FakeWorkbook();
    book.addTable("Sheet1", rows);
    book.selection = { sheet: "Sheet1", address: "A1" };
    const { response } = await grade(book, { clv: true, holdoutFrom: "1997-10-01", options: { zeroAmounts: "include" } });
    expectOk(response);
    expect(response.report.notes).toEqual([]);
    const customers = book.sheet("Customers");
    expect(customers.values("U1:Y1")[0]).toEqual(["P(alive)", "Expected purchases, 90 days", "Expected spend per order", "12-month CLV", "CLV tier"]);
    const clvCells = customers.values("U2:Y2358");
    for (const r of clvCells) {
      expect(r.slice(0, 4).every((v) => typeof v === "number" && Number.isFinite(v))).toBe(true);
      expect(["A", "B", "C"]).toContain(r[4]);
    }
    const summary = book.sheet("Summary");
    expect(summary.charts.map((c) => c.type)).toContain("Line");
    expect(JSON.parse(book.settings.get(SETTINGS_KEY)!).holdoutFrom).toBe("1997-10-01");
  });

  test("MBG/NBD on the pane's synthetic sheet (no one leaves): the columns are written and the results say P(alive) is 1 for everyone", async () => {
    const { paneSheetCells } = await import("../support/paneSheet");
    const book = new FakeWorkbook();
    book.addTable("Orders", paneSheetCells());
    book.selection = { sheet: "Orders", address: "A1" };
    const { response } = await grade(book, { clv: true, model: "mbgnbd" });
    expectOk(response);
    expect(response.report.notes.join(" ")).toMatch(/The data show no customers leaving: the MBG\/NBD fit puts drop-out at zero \(its bound\), so P\(alive\) is 1 for everyone/);
    const method = book.sheet("Method").values("A1:B80").map((r) => r.join(" ")).join("\n");
    expect(method).toMatch(/MBG\/NBD predicts future purchases.*The data show no customers leaving/);
  });

  test("a holdout date after the data gives a note, not a failure", async () => {
    const book = bookWith(sample);
    const { response } = await grade(book, { clv: true, holdoutFrom: "2099-01-01" });
    expectOk(response);
    expect(response.report.notes.join(" ")).toMatch(/holdout/);
  });
});

describe("clusters, trend and the valuable customers", () => {
  test("Customers gets Trend, Activity index and Cluster; Summary gets the tables and a scatter chart", async () => {
    const book = bookWith(sample);
    const { response } = await grade(book, { clusters: 3 });
    expectOk(response);
    const customers = book.sheet("Customers");
    expect(customers.values("S1:U1")[0]).toEqual(["Trend", "Activity index", "Cluster"]);
    // Activity index as the CLI writes it (engine activityValue, 4 decimal places).
    const engine = gradeTable({ cells: sample }, {});
    if (!engine.ok) throw new Error("engine failed");
    const trends = customerTrends(engine.result);
    const activity = customers.values(`T2:T${response.report.summary.customers + 1}`).map((r) => r[0]);
    expect(activity).toEqual(Array.from(engine.result.outputOrder.slice(0, activity.length), (c) => activityValue(trends.activity[c]) ?? ""));
    expect(activity.some((v) => typeof v === "number" && Math.round(v * 100) !== v * 100)).toBe(true);
    const clusterNames = new Set(customers.values(`U2:U${response.report.summary.customers + 1}`).map((r) => r[0]));
    expect(clusterNames.size).toBe(3);
    const summary = book.sheet("Summary");
    expect(summary.charts.map((c) => c.type)).toContain("XYScatter");
    const texts = new Set<string>();
    for (const col of summary.columns.values()) for (const v of col) if (typeof v === "string") texts.add(v);
    expect(texts.has("Valuable customers (value tier and 90-day spend trend)")).toBe(true);
    expect(texts.has("Clusters (k-means on log R, F, M; k = 3)")).toBe(true);
    for (const name of clusterNames) expect(texts.has(String(name))).toBe(true);
  });
});

describe("segment migration and cohorts on the Summary sheet", () => {
  test("compareFrom adds the migration matrix with a heat map; counts add up to the customers", async () => {
    const book = bookWith(sample);
    const { response } = await grade(book, { compareFrom: "2024-01-01" });
    expectOk(response);
    const summary = book.sheet("Summary");
    const first = summary.columns.get(0)!;
    const top = first.findIndex((v) => typeof v === "string" && v.startsWith("Segment migration 2024-01-01"));
    expect(top).toBeGreaterThan(0);
    const block = summary.values(`B${top + 3}:K${top + 13}`);
    const total = block.flat().reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0);
    expect(total).toBe(response.report.summary.customers);
    expect(summary.conditionalFormats).toHaveLength(4);
    expect(first.some((v) => typeof v === "string" && v.startsWith("Cohort retention"))).toBe(true);
  });

  test("a compare date after the as-of date is a note", async () => {
    const book = bookWith(sample);
    const { response } = await grade(book, { compareFrom: "2099-01-01" });
    expectOk(response);
    expect(response.report.notes.join(" ")).toMatch(/No segment migration from 2099-01-01/);
  });
});

describe("formula-only grades in the workbook", () => {
  test("R, F, M, RFM score and segment on Customers are formulas over Breaks and Segment map", async () => {
    const book = bookWith(sample);
    const { response } = await grade(book, { formulas: true });
    expectOk(response);
    const n = response.report.summary.customers;
    const customers = book.sheet("Customers");
    const row2 = customers.values("I2:M2")[0];
    expect(row2).toEqual([
      "FORMULA:=5-COUNTIF('Breaks'!$B$2:$B$5,\"<\"&D2)",
      "FORMULA:=1+COUNTIF('Breaks'!$C$2:$C$5,\"<\"&F2)",
      "FORMULA:=1+COUNTIF('Breaks'!$D$2:$D$5,\"<\"&G2)",
      "FORMULA:=I2&J2&K2",
      "FORMULA:=INDEX('Segment map'!$B$2:$F$6,CEILING(I2*5/5,1),CEILING(J2*5/5,1))",
    ]);
    expect(customers.get(n, 8)).toMatch(/^FORMULA:=5-COUNTIF/);
    expect(customers.get(n + 1, 8)).not.toMatch(/^FORMULA/); // prospects keep empty cells
    expect(book.sheet("Breaks").get(1, 1)).toBe(`FORMULA:=PERCENTILE.INC('Customers'!$D$2:$D$${n + 1},A2)`);
    expect(book.sheet("Segment map").get(5, 5)).toBe("Champions");
  });

  test("with ntile the scores stay values and a note says why", async () => {
    const book = bookWith(sample);
    const { response } = await grade(book, { formulas: true, options: { method: "ntile" } });
    expectOk(response);
    expect(response.report.notes.join(" ")).toMatch(/quantile method/);
    expect(book.sheets.map((s) => s.name)).not.toContain("Breaks");
  });
});
