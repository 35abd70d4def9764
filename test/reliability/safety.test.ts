/**
 * The user's data is never lost or altered: a property test against the fake host (whatever the
 * selection, options and the cells around the data, every cell that held a value holds it after),
 * formula-like text in the CLI's XLSX, and one message per exclusion reason and issue, in English and
 * Chinese, naming the row and column.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { createOfficeHost } from "../../src/excel/officeHost";
import { gradeTable } from "../../src/engine/grade/pipeline";
import { issueMessage, type Cell } from "../../src/engine/common/types";
import { FakeWorkbook, letters } from "../support/fakeExcel";
import { runCli, tempDir } from "../support/runCli";

function snapshot(book: FakeWorkbook): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const sheet of book.sheets) for (const [c, col] of sheet.columns) col.forEach((v, r) => v !== "" && v !== undefined && v !== null && out.set(`${sheet.name}!${r}:${c}`, v));
  return out;
}

test("no overwrite: every cell that held a value before grading holds the same value after (property)", async () => {
  let graded = 0;
  const row = fc.tuple(fc.constantFrom("a", "b", "c", "=x", "00042", "客户"), fc.constantFrom("2024-01-05", "2024-02-10", 45300, "bad"), fc.oneof(fc.double({ min: -5, max: 500, noNaN: true }), fc.constant("")));
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        top: fc.integer({ min: 0, max: 3 }),
        left: fc.integer({ min: 0, max: 3 }),
        rows: fc.array(row, { minLength: 1, maxLength: 20 }),
        // Cells the user has elsewhere on the sheet, near the data (right of it included).
        junk: fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 16 }), fc.constantFrom("note", 1, "=SUM(A1)")), { maxLength: 6 }),
        single: fc.boolean(),
        lang: fc.constantFrom("en" as const, "zh" as const),
        bins: fc.integer({ min: 2, max: 6 }),
        existing: fc.subarray(["Customers", "Summary", "客户", "Grades"]),
      }),
      async ({ top, left, rows, junk, single, lang, bins, existing }) => {
        const book = new FakeWorkbook();
        const sheet = book.addSheet("Data");
        const cells: Cell[][] = [["Customer", "Date", "Amount"], ...rows.map((r) => r as Cell[])];
        cells.forEach((r, i) => r.forEach((v, k) => v !== "" && sheet.set(top + i, left + k, v)));
        for (const [r, c, v] of junk) if (r > top + cells.length || c > left + 2 || r < top || c < left) sheet.set(r, c, v);
        for (const name of existing) book.addTable(name, [["keep"]]);
        sheet.writtenColumns.clear();
        book.selection = { sheet: "Data", address: single ? `${letters(left)}${top + 1}` : `${letters(left)}${top + 1}:${letters(left + 2)}${top + cells.length}` };
        const before = snapshot(book);
        (globalThis as { Excel?: unknown }).Excel = book.excel();
        const response = await createOfficeHost().grade({ mapping: {}, options: { bins }, lang }, () => {}, new AbortController().signal);
        if (response.ok) ++graded;
        const after = snapshot(book);
        for (const [key, value] of before) if (after.get(key) !== value) throw new Error(`${key} was ${JSON.stringify(value)}, now ${JSON.stringify(after.get(key))}`);
        // And nothing that looks like a formula was created from data.
        for (const [key, value] of after) if (String(value).startsWith("FORMULA:")) throw new Error(`${key} became a formula`);
      },
    ),
    { numRuns: 150 },
  );
  expect(graded).toBeGreaterThan(40); // many runs write results, so the property is about real writes
}, 120_000);

test("the CLI's XLSX has no formula cell from data: formula-like ids and labels are text", async () => {
  const dir = tempDir();
  const input = path.join(dir, "in.csv");
  const hostile = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "=1+1"];
  fs.writeFileSync(input, "Customer,Date,Amount\n" + hostile.flatMap((id, k) => [`"${id.replace(/"/g, '""')}",2024-01-0${k + 1},${10 + k}`, `"${id.replace(/"/g, '""')}",2024-02-0${k + 1},${5 + k}`]).join("\n") + "\n");
  const out = path.join(dir, "out.xlsx");
  const { code } = await runCli(["grade", input, "--out", out]);
  expect(code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const seen = new Set<string>();
  book.eachSheet((sheet) =>
    sheet.eachRow((r) =>
      r.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === "string") seen.add(cell.value);
      }),
    ),
  );
  for (const id of hostile) expect(seen.has(id)).toBe(true);
});

describe("a message per exclusion reason and per refusal, in English and Chinese, naming row and column", () => {
  const header = ["Customer", "Date", "Amount"];
  const rows: Cell[][] = [header, ["a", "2024-01-01", 5], ["", "2024-01-02", 5], ["b", "not a date", 5], ["c", "2024-01-03", "lots"], ["d", "2024-01-04", -3], ["e", "2024-06-01", 4], ["a", "2024-02-01", 7]];
  const outcome = gradeTable({ cells: rows }, { asOf: "2024-03-01" });
  test.each([
    ["missing_customer", "Customer", 3],
    ["bad_date", "Date", 4],
    ["bad_amount", "Amount", 5],
    ["non_positive_amount", "Amount", 6],
    ["after_as_of", "Date", 7],
  ])("%s: column %s, row %i", (reason, column, row) => {
    if (!outcome.ok) throw new Error("refused");
    expect(outcome.result.report.excluded[reason as "bad_date"]).toMatchObject({ count: 1, column, rows: [row] });
  });

  test.each([
    ["missing_column", [["Customer", "Date", "Note"], ["a", "2024-01-01", "x"]], {}, /No amount.*Columns found: Customer, Date, Note/, /缺少金额（或数量与单价）列。现有的列：Customer、Date、Note/],
    ["unknown_column", [["Customer", "Date", "Amount"], ["a", "2024-01-01", 1]], { mapping: { amount: "Price" } }, /No column "Price"/, /找不到用作金额的列“Price”/],
    ["no_rows", [["Customer", "Date", "Amount"]], {}, /no transaction rows/, /没有交易数据/],
    ["no_valid_purchases", [["Customer", "Date", "Amount"], ["", "2024-01-01", 1]], {}, /1 missing customer \(Customer, first at row 2\)/, /1 行缺少客户ID（Customer 列，首次出现在第 2 行）/],
    ["ambiguous_date_order", [["Customer", "Date", "Amount"], ["a", "03/05/2024", 1]], {}, /can be day-first or month-first/, /日在前也可理解为月在前/],
    ["bad_option", [["Customer", "Date", "Amount"], ["a", "2024-01-01", 1]], { options: { bins: 11 } }, /bins must be/, /选项无效/],
  ] as const)("%s", (code, cells, extra, en, zh) => {
    const result = gradeTable({ cells: cells as unknown as Cell[][], ...("mapping" in extra ? { mapping: extra.mapping } : {}) }, "options" in extra ? extra.options : {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0].code).toBe(code);
    expect(issueMessage(result.issues[0], "en")).toMatch(en);
    expect(issueMessage(result.issues[0], "zh")).toMatch(zh);
  });
});
