import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import { readCsv, runCli, tempDir } from "../support/runCli";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx");

function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe("tiers grade — bad input", () => {
  const dir = tempDir();
  it("exits 2 naming the columns found when a required column is missing", async () => {
    const file = write(dir, "nodate.csv", "Customer,When,Amount\nA,2024-01-01,5\n");
    const { code, stderr } = await runCli(["grade", file]);
    expect(code).toBe(2);
    expect(stderr).toBe(`tiers: ${file}: No date column. Columns found: Customer, When, Amount.\n`);
  });
  it("exits 2 naming the column when --customer names no column", async () => {
    const file = write(dir, "a.csv", "Customer,Date,Amount\nA,2024-01-01,5\n");
    const { code, stderr } = await runCli(["grade", file, "--customer", "Client"]);
    expect(code).toBe(2);
    expect(stderr).toContain('column Client: No column "Client" for customer. Columns found: Customer, Date, Amount.');
  });
  it("exits 2 on an empty file, a header-only file and a file that is not CSV or XLSX", async () => {
    const empty = await runCli(["grade", write(dir, "empty.csv", "")]);
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining("the file is empty")]);
    const headerOnly = await runCli(["grade", write(dir, "h.csv", "Customer,Date,Amount\n")]);
    expect([headerOnly.code, headerOnly.stderr]).toEqual([2, expect.stringContaining("no transaction rows")]);
    const binary = await runCli(["grade", write(dir, "x.bin", Buffer.from([0, 1, 2, 3, 0, 0]))]);
    expect([binary.code, binary.stderr]).toEqual([2, expect.stringContaining("not a CSV or XLSX file")]);
    const missing = await runCli(["grade", path.join(dir, "nope.csv")]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("no such file")]);
  });
  it("exits 2 with the row and column of an ambiguous date", async () => {
    const file = write(dir, "dates.csv", "Customer,Date,Amount\nA,2024-01-01,5\nB,03/05/2024,5\n");
    const { code, stderr } = await runCli(["grade", file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^tiers: .*dates\.csv: row 3, column Date: Dates like "03\/05\/2024"/);
    expect((await runCli(["grade", file, "--date-order", "dmy"])).code).toBe(0);
  });
  it("reports unreadable rows by reason and row without failing", async () => {
    const file = write(dir, "bad.csv", "Customer,Date,Amount\nA,2024-01-01,5\nB,2024-13-01,5\nC,2024-01-02,abc\n");
    const { code, stderr } = await runCli(["grade", file]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/bad_date\s+1\s+\(Date; rows 3\)/);
    expect(stderr).toMatch(/bad_amount\s+1\s+\(Amount; rows 4\)/);
  });
  it("refuses bad options with exit 2", async () => {
    const file = write(dir, "ok.csv", "Customer,Date,Amount\nA,2024-01-01,5\n");
    for (const args of [["--bins", "11"], ["--method", "magic"], ["--as-of", "2024-02-30"], ["--out", path.join(dir, "x.txt")], ["--amount", "Amount", "--price", "Amount"]])
      expect((await runCli(["grade", file, ...args])).code).toBe(2);
  });
  it("never writes over the input file", async () => {
    const file = write(dir, "same.csv", "Customer,Date,Amount\nA,2024-01-01,5\n");
    const before = fs.readFileSync(file, "utf8");
    const { code, stderr } = await runCli(["grade", file, "--out", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("is the input file");
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });
});

describe("tiers grade — inputs and outputs", () => {
  const dir = tempDir();
  it("reads semicolon CSV with quoted fields, and the decimal comma its amount column shows (1,5 = 1.5)", async () => {
    const csv = 'Customer;Date;Amount;Note\n"A";2024-01-01;"1,5";"x; ""y"""\nB;2024-01-03;2;"multi\nline"\nB;2024-01-04;3;\n';
    const out = path.join(dir, "semi-out.csv");
    const { code, stderr } = await runCli(["grade", write(dir, "semi.csv", csv), "--out", out]);
    expect([code, stderr]).toEqual([0, expect.stringContaining("graded 2 customers (3 of 3 rows)")]);
    expect(stderr).toContain('note: Amount read with a decimal comma (detected: 1 value like "1,5", row 2, need one)');
    const rows = readCsv(out).slice(1);
    expect(rows.map((r) => [r[0], r[6]])).toEqual([["A", "1.5"], ["B", "5"]]);
  });
  it("writes Chinese labels with --lang zh", async () => {
    const out = path.join(dir, "zh.csv");
    const { code } = await runCli(["grade", SAMPLE, "--lang", "zh", "--out", out]);
    expect(code).toBe(0);
    const [header, ...rows] = readCsv(out);
    expect(header[0]).toBe("customer_id");
    const stages = new Set(rows.map((r) => r[17]));
    expect([...stages].every((s) => ["潜在客户", "流失客户", "沉睡客户", "风险客户", "新客户", "回流客户", "忠诚客户", "活跃客户"].includes(s))).toBe(true);
  });
  it("writes the same customers to CSV and JSON", async () => {
    const csvOut = path.join(dir, "s.csv");
    const jsonOut = path.join(dir, "s.json");
    expect((await runCli(["grade", SAMPLE, "--out", csvOut])).code).toBe(0);
    expect((await runCli(["grade", SAMPLE, "--out", jsonOut])).code).toBe(0);
    const [header, ...rows] = readCsv(csvOut);
    const json = JSON.parse(fs.readFileSync(jsonOut, "utf8"));
    expect(json.customers).toHaveLength(rows.length);
    expect(String(json.customers[5].customer_id)).toBe(rows[5][0]);
    expect(String(json.customers[5][header[11]])).toBe(rows[5][11]);
    expect(json.rows.rowsRead).toBe(1810);
  });
  it("grades a gzipped copy exactly like the plain file", async () => {
    const text = "Customer,Date,Amount\n" + Array.from({ length: 50 }, (_, i) => `C${i % 7},2024-01-${String(1 + (i % 28)).padStart(2, "0")},${i + 1}`).join("\n") + "\n";
    const plain = write(dir, "p.csv", text);
    const gz = write(dir, "p.csv.gz", zlib.gzipSync(text));
    await runCli(["grade", plain, "--out", path.join(dir, "p1.csv")]);
    await runCli(["grade", gz, "--out", path.join(dir, "p2.csv")]);
    expect(readCsv(path.join(dir, "p2.csv"))).toEqual(readCsv(path.join(dir, "p1.csv")));
  });
});

describe("tiers grade --out x.xlsx", () => {
  it("writes a workbook ExcelJS opens: transactions with grade columns, Customers, Summary and Method sheets", async () => {
    const dir = tempDir();
    const out = path.join(dir, "graded.xlsx");
    const { code } = await runCli(["grade", SAMPLE, "--out", out]);
    expect(code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Transactions", "Customers", "Summary", "Method"]);
    const tx = wb.getWorksheet("Transactions")!;
    expect(tx.actualRowCount).toBe(1811);
    const header = (tx.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(["Order ID", "Customer ID", "Order Date", "Product", "Quantity", "Unit Price", "Amount"]);
    expect(header.slice(7)).toEqual(["R score", "F score", "M score", "RFM score", "Segment", "Value tier", "Lifecycle stage", "Row status"]);
    const customers = wb.getWorksheet("Customers")!;
    expect(customers.actualRowCount).toBe(1 + 300 + 1);
    expect(customers.getRow(2).getCell(2).value).toBeInstanceOf(Date);
  });

  it("writes formula-like text from the data as text, never as formulas", async () => {
    const dir = tempDir();
    const file = write(dir, "evil.csv", 'Customer,Date,Amount,Note\n=HYPERLINK("http://x"),2024-01-01,5,+1\n@SUM(A1),2024-01-02,5,-2\n-3,2024-01-03,5,=1+1\n');
    const out = path.join(dir, "evil.xlsx");
    expect((await runCli(["grade", file, "--out", out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts: string[] = [];
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(typeof cell.value === "object" && cell.value !== null && "formula" in (cell.value as object)).toBe(false);
          if (typeof cell.value === "string") texts.push(cell.value);
        }),
      ),
    );
    expect(texts).toEqual(expect.arrayContaining(['=HYPERLINK("http://x")', "@SUM(A1)", "-3", "=1+1"]));
  });
});

describe("--clusters and --trend", () => {
  test("add cluster, trend and activity_index columns; --clusters 3 fixes k", async () => {
    const dir = tempDir();
    const out = path.join(dir, "c.csv");
    const sample = path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx");
    const { code } = await runCli(["grade", sample, "--clusters", "3", "--trend", "--out", out]);
    expect(code).toBe(0);
    const rows = readCsv(out);
    expect(rows[0].slice(-3)).toEqual(["cluster", "trend", "activity_index"]);
    const graded = rows.slice(1).filter((r) => r[8] !== "");
    expect(new Set(graded.map((r) => r[rows[0].indexOf("cluster")])).size).toBe(3);
    for (const r of graded) expect(["Growing", "Stable", "Declining", "New"]).toContain(r[rows[0].indexOf("trend")]);
    const auto = path.join(dir, "auto.csv");
    expect((await runCli(["grade", sample, "--clusters", "--lang", "zh", "--out", auto])).code).toBe(0);
    const zh = readCsv(auto);
    expect(zh[1][zh[0].indexOf("cluster")]).toMatch(/价值/);
    expect((await runCli(["grade", sample, "--clusters", "0", "--out", auto])).code).toBe(2);
  });
});
