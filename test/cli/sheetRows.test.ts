/**
 * `--out .xlsx` on a log longer than an Excel sheet (1,048,576 rows, header included): the data
 * sheet is left out and said so (stderr and the Method sheet, English and Chinese), the rest of the
 * workbook covers every row; one row fewer still fits, to the last row. More customers than the
 * Customers sheet holds: refused, no file written.
 */
import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { runCli, tempDir } from "../support/runCli";
import { sheetParts } from "../../src/cli/xlsxTables";

jest.setTimeout(600_000);

const dir = tempDir();
const SHEET_ROWS = 1_048_576; // Excel's rows per sheet (Excel specifications and limits)

/** A narrow log of `rows` data rows under a header; customer of row i: `customer(i)`. */
function writeLog(file: string, rows: number, customer: (i: number) => string): void {
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, "Customer,Date,Amount\n");
  for (let start = 0; start < rows; start += 100_000) {
    let text = "";
    for (let i = start; i < Math.min(rows, start + 100_000); ++i) {
      const d = new Date(Date.UTC(2024, 0, 1 + (i % 300)));
      text += `${customer(i)},${d.toISOString().slice(0, 10)},${1 + (i % 50)}\n`;
    }
    fs.writeSync(fd, text);
  }
  fs.closeSync(fd);
}

async function sheetsOf(file: string): Promise<{ names: string[]; zip: JSZip; parts: Map<string, string> }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const parts = await sheetParts(zip);
  return { names: [...parts.keys()], zip, parts };
}

describe("one data row past a sheet", () => {
  const log = path.join(dir, "past.csv");
  beforeAll(() => writeLog(log, SHEET_ROWS, (i) => `c${i % 500}`));

  test.each([
    ["en", ["Customers", "Summary", "Method"], /note: the "Transactions" sheet is left out: 1,048,576 data rows do not fit one Excel sheet \(1,048,575 at most under the header\)/, "The &quot;Transactions&quot; sheet is left out"],
    ["zh", ["客户", "汇总", "方法"], /note: 未写入“交易”工作表：1,048,576 行数据超出 Excel 单个工作表的容量（标题行下最多 1,048,575 行）/, "“交易”工作表"],
  ])("%s: the data sheet is left out, said on stderr and on the Method sheet; Customers has every customer", async (lang, sheets, note, rule) => {
    const out = path.join(dir, `past-${lang}.xlsx`);
    const run = await runCli(["grade", log, "--lang", lang, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(note);
    expect(run.stderr).toMatch(/graded 500 customers \(1048576 of 1048576 rows\)/);
    const { names, zip, parts } = await sheetsOf(out);
    expect(names).toEqual(sheets);
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(strings).toContain(rule);
    const customers = await zip.file(parts.get(sheets[0])!)!.async("string");
    expect(customers).toContain('<row r="501"');
    expect(customers).not.toContain('<row r="502"');
  });
});

test("a log that just fits: the data sheet is written to the sheet's last row", async () => {
  const log = path.join(dir, "fits.csv");
  writeLog(log, SHEET_ROWS - 1, (i) => `c${i % 500}`);
  const out = path.join(dir, "fits.xlsx");
  const run = await runCli(["grade", log, "--out", out, "--quiet"]);
  expect(run.code).toBe(0);
  const { names, zip, parts } = await sheetsOf(out);
  expect(names).toEqual(["Transactions", "Customers", "Summary", "Method"]);
  const xml = await zip.file(parts.get("Transactions")!)!.async("string");
  expect(xml).toContain(`<row r="${SHEET_ROWS}"`);
  expect(xml).not.toContain(`<row r="${SHEET_ROWS + 1}"`);
  expect((await zip.file("xl/sharedStrings.xml")!.async("string")).includes("left out")).toBe(false);
});

test.each([
  ["en", /tiers: .*many\.csv: 1,048,576 customers do not fit the Customers sheet \(an Excel sheet holds 1,048,575 rows under its header\); no workbook written — --out FILE\.csv writes every customer/],
  ["zh", /tiers: .*many\.csv: 1,048,576 个客户超出 Excel 单个工作表的容量（标题行下最多 1,048,575 行），未写入工作簿；--out 文件\.csv 可写出全部客户/],
])("%s: more customers than a sheet holds: refused (exit 2), nothing written", async (lang, message) => {
  const log = path.join(dir, "many.csv");
  if (!fs.existsSync(log)) writeLog(log, SHEET_ROWS, (i) => `c${i}`);
  const out = path.join(dir, `many-${lang}.xlsx`);
  const run = await runCli(["grade", log, "--lang", lang, "--out", out]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(fs.existsSync(out)).toBe(false);
});
