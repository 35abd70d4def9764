/**
 * The workbook fixtures (test/fixtures/workbooks/generate.ts) through the CLI: valid rows, customers
 * and each customer's frequency and monetary equal the generator's answer (computed from the orders
 * the workbook was built from), the notes say which sheet was read and which others match, and
 * refusals name the sheets. The merged-cell case also through the add-in's fake host.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { workbookFixtures, writeWorkbookFixture, type ExpectedGrade, type WorkbookFixture } from "../fixtures/workbooks/generate";
import { runCli, tempDir } from "../support/runCli";
import { expectFixtureGrade, expectFixtureRefusal } from "../support/fixtureGrade";
import { FakeWorkbook, letters } from "../support/fakeExcel";
import { createOfficeHost } from "../../src/excel/officeHost";
import { readWorkbook, readXlsxRows, _forTests } from "../../src/cli/readXlsx";

jest.setTimeout(120_000);

const FIXTURES = workbookFixtures();
const dir = tempDir();
const files = new Map<string, string>();

beforeAll(async () => {
  for (const f of FIXTURES) files.set(f.name, await writeWorkbookFixture(f, dir));
});

const grades = FIXTURES.filter((f): f is WorkbookFixture & { expected: ExpectedGrade } => !("refusal" in f.expected));
const refusals = FIXTURES.filter((f) => "refusal" in f.expected);

describe("workbook fixtures through the CLI", () => {
  it.each(grades.map((f) => [f.name, f] as const))("%s", (_name, f) => expectFixtureGrade(files.get(f.name)!, f.args, f.expected, dir, f.name));

  it.each(refusals.map((f) => [f.name, f] as const))("%s is refused naming the sheets", (_name, f) => expectFixtureRefusal(files.get(f.name)!, f.args, (f.expected as { refusal: RegExp[] }).refusal));

  it("says it in Chinese with --lang zh", async () => {
    const refused = await runCli(["grade", files.get("notes-only")!, "--lang", "zh"]);
    expect(refused.stderr).toMatch(/没有工作表含客户、日期、金额列的标题行（已查看 "说明"、"备注"）/);
    const { code, stderr } = await runCli(["grade", files.get("monthly-first-only")!, "--lang", "zh"]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/工作表 2月 的列与“1月”相同；用 --sheet all 可一起分级/);
  });

  it("keeps each row's sheet and row in the data sheet of a combined log", async () => {
    const f = grades.find((g) => g.name === "title-on-sheet-2")!;
    const out = path.join(dir, "title-on-sheet-2-graded.xlsx");
    const { code, stderr } = await runCli(["grade", files.get(f.name)!, ...f.args, "--out", out, "-q"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const data = book.worksheets[0];
    const header = (data.getRow(1).values as unknown[]).slice(1);
    const sheetCol = header.indexOf("sheet") + 1;
    const rowCol = header.indexOf("row") + 1;
    expect(sheetCol).toBeGreaterThan(0);
    const counts: Record<string, number> = {};
    const rowsOf2 = [];
    for (let r = 2; r <= data.rowCount; ++r) {
      const s = data.getRow(r).getCell(sheetCol).value;
      if (s === "1月" || s === "2月") counts[s] = (counts[s] ?? 0) + 1;
      if (s === "2月") rowsOf2.push(Number(data.getRow(r).getCell(rowCol).value));
    }
    expect(counts).toEqual(f.expected.sheetRows);
    // 2月's data rows are its sheet rows 4… (two title rows and its header above them).
    expect(rowsOf2[0]).toBe(4);
    expect(rowsOf2[rowsOf2.length - 1]).toBe(3 + f.expected.sheetRows!["2月"]);
  });

  it("names the sheet and its own row of a bad row in a combined log", async () => {
    const file = path.join(dir, "bad-date.xlsx");
    const book = new ExcelJS.Workbook();
    book.addWorksheet("1月").addRows([["会员ID", "日期", "金额"], ["A", "2024-01-02", 5]]);
    book.addWorksheet("2月").addRows([["会员ID", "日期", "金额"], ["A", "2024-02-02", 5], ["B", "03/04/2024", 7], ["C", "04/03/2024", 7]]);
    await book.xlsx.writeFile(file);
    const { code, stderr } = await runCli(["grade", file, "--sheet", "all"]);
    // Day-first vs month-first cannot be decided from two dates: refused, at 2月's row 3.
    expect(code).toBe(2);
    expect(stderr).toMatch(/row 3.*sheet "2月"/);
  });
});

describe("the streaming reader", () => {
  it("reads merged followers blank and keeps empty rows' numbers", async () => {
    const file = path.join(dir, "gaps.xlsx");
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("S");
    ws.getCell("A1").value = "会员ID";
    ws.getCell("B1").value = "日期";
    ws.getCell("C1").value = "金额";
    ws.getCell("A2").value = "A";
    ws.getCell("B2").value = new Date(Date.UTC(2024, 0, 5));
    ws.getCell("C2").value = 10;
    ws.getCell("A5").value = "B";
    ws.getCell("B5").value = { formula: "DATE(2024,1,6)", result: 45297 } as ExcelJS.CellFormulaValue;
    ws.getCell("B5").numFmt = "yyyy-mm-dd";
    ws.getCell("C5").value = 20;
    ws.mergeCells("C5:C6");
    await book.xlsx.writeFile(file);
    const table = await readWorkbook(file, {});
    expect(table.cells.length).toBe(6);
    expect(table.cells[2]).toEqual(["", "", ""]);
    expect(table.cells[1][1]).toEqual(new Date(Date.UTC(2024, 0, 5)));
    // A date-formatted formula result is a date, as ExcelJS's non-streaming reader gives it.
    expect(table.cells[4][1]).toEqual(new Date(Date.UTC(2024, 0, 6)));
    expect(table.cells[5]).toEqual(["", "", ""]);
  });

  it("hands a sheet over in batches of at most batchRows, the same rows readWorkbook collects", async () => {
    const file = path.join(dir, "tall.xlsx");
    const book = new ExcelJS.Workbook();
    book.addWorksheet("说明").addRow(["notes"]);
    const ws = book.addWorksheet("Data");
    ws.addRow(["Customer", "Date", "Amount"]);
    for (let i = 0; i < 2500; ++i) if (i % 97 !== 5) ws.getRow(i + 2).values = [`C${i % 40}`, `2024-01-${String(1 + (i % 28)).padStart(2, "0")}`, i + 0.5];
    ws.mergeCells("C10:C12");
    await book.xlsx.writeFile(file);
    const batches: { rows: unknown[][]; firstRowNumber: number }[] = [];
    // The consumer holds each batch for a moment (as the workbook writer does while its output is behind): no batch may come while one is held.
    let held = false;
    let overlapped = 0;
    const result = await readXlsxRows(file, { batchRows: 300 }, (b) => {
      if (held) ++overlapped;
      batches.push({ rows: b.rows, firstRowNumber: b.firstRowNumber });
      held = true;
      return new Promise((resolve) => setTimeout(() => ((held = false), resolve(undefined)), 5));
    });
    expect(overlapped).toBe(0);
    expect(result.sheets).toEqual(["Data"]);
    expect(Math.max(...batches.map((b) => b.rows.length))).toBeLessThanOrEqual(300);
    let next = 1;
    for (const b of batches) {
      expect(b.firstRowNumber).toBe(next);
      next += b.rows.length;
    }
    const streamed = batches.flatMap((b) => b.rows);
    const collected = (await readWorkbook(file, {})).cells;
    expect(streamed.length).toBe(collected.length);
    expect(streamed.map((r) => [...r, "", "", ""].slice(0, 3))).toEqual(collected);
    expect(collected[10][2]).toBe("");
    expect(collected[9][2]).toBe(8.5);
  });

  it("finds merge ranges across chunk boundaries", async () => {
    const xml = `<worksheet><sheetData/><mergeCells count="2"><mergeCell ref="B2:B4"/><mergeCell ref="AA10:AB10"/></mergeCells></worksheet>`;
    for (let cut = 1; cut < xml.length; cut += 7) {
      const stream = (async function* () {
        yield Buffer.from(xml.slice(0, cut));
        yield Buffer.from(xml.slice(cut));
      })();
      expect(await _forTests.mergesOf(stream as unknown as NodeJS.ReadableStream)).toEqual([
        { top: 1, left: 1, bottom: 3, right: 1 },
        { top: 9, left: 26, bottom: 9, right: 27 },
      ]);
    }
  });
});

describe("merged cells through the add-in (fake Excel host)", () => {
  it("grades the cells Excel gives (followers blank) to the generator's answer", async () => {
    const f = grades.find((g) => g.name === "merged-amount")!;
    const spec = f.sheets[0];
    const book = new FakeWorkbook();
    book.addTable("Sheet1", spec.cells);
    for (const m of spec.merges ?? []) book.merge("Sheet1", m);
    const width = Math.max(...spec.cells.map((r) => r.length));
    book.selection = { sheet: "Sheet1", address: `A1:${letters(width - 1)}${spec.cells.length}` };
    (globalThis as { Excel?: unknown }).Excel = book.excel();
    const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en" }, () => {}, new AbortController().signal);
    if (!response.ok) throw new Error(JSON.stringify(response.issues));
    const n = Object.keys(f.expected.customers).length;
    const values = book.sheet("Customers").values(`A2:G${1 + n + 5}`);
    const customers: Record<string, [number, number]> = {};
    for (const row of values) if (row[0] !== "" && row[5] !== "" && row[5] !== undefined) customers[String(row[0])] = [Number(row[5]), Number(row[6])];
    expect(customers).toEqual(f.expected.customers);
    expect(response.report.rows.included).toBe(f.expected.included);
  });
});

describe("the zip as ExcelJS's streaming reader is given it", () => {
  // ExcelJS writes worksheets before the shared strings and styles (so does Excel); its streaming
  // reader then parks the sheet in a temp file, and on a busy machine its entry loop could end right
  // after it — every text cell read as "[object Object]". The parts it needs now come first.
  it("has every entry once, byte for byte, the shared strings and styles before the first worksheet", async () => {
    const file = files.get("merged-amount-over-values")!;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const unzipper = require("unzipper");
    const list = async (input: NodeJS.ReadableStream) => {
      const out: { path: string; text: string }[] = [];
      for await (const entry of input.pipe(unzipper.Parse({ forceStream: true })) as AsyncIterable<{ path: string; buffer(): Promise<Buffer> }>)
        out.push({ path: entry.path, text: (await entry.buffer()).toString("latin1") });
      return out;
    };
    const original = await list(fs.createReadStream(file));
    const { parts } = await _forTests.scanWorkbook(file);
    const given = await list(_forTests.partsFirst(file, parts) as NodeJS.ReadableStream);
    const at = (name: string, l: { path: string }[]) => l.findIndex((e) => e.path === name);
    expect(at("xl/sharedStrings.xml", original)).toBeGreaterThan(at("xl/worksheets/sheet1.xml", original));
    expect(at("xl/sharedStrings.xml", given)).toBeLessThan(at("xl/worksheets/sheet1.xml", given));
    expect(at("xl/styles.xml", given)).toBeLessThan(at("xl/worksheets/sheet1.xml", given));
    expect(at("xl/workbook.xml", given)).toBeLessThan(at("xl/worksheets/sheet1.xml", given));
    const sorted = (l: { path: string; text: string }[]) => l.slice().sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(sorted(given)).toEqual(sorted(original));
  });

  it("reads text cells as text when several reads run at once", async () => {
    const file = files.get("merged-amount-over-values")!;
    const reads = await Promise.all(Array.from({ length: 8 }, () => readWorkbook(file, {})));
    for (const t of reads) expect(t.cells[0].every((c) => typeof c === "string" && !c.includes("[object"))).toBe(true);
  });
});
