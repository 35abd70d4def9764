/**
 * The row-rule fixture corpus (test/fixtures/rows/generate.ts), every fixture in CSV, CSV.GZ and
 * XLSX through the CLI, and the decorated-sheet ones (title, totals, repeated header rows) through
 * the add-in's fake host: valid rows, customers, and each customer's frequency and monetary equal the
 * generator's expected answer (computed from the orders the fixture was built from).
 */
import * as fs from "fs";
import * as path from "path";
import { rowFixtures, writeFixture, type Fixture } from "../../fixtures/rows/generate";
import { runCli, tempDir } from "../../support/runCli";
import { FakeWorkbook, letters } from "../../support/fakeExcel";
import { createOfficeHost } from "../../../src/excel/officeHost";
import { paneText } from "../../../src/taskpane/optionWords";

jest.setTimeout(240_000);

const FIXTURES = rowFixtures();
const dir = tempDir();

interface JsonOut {
  rows: { rowsRead: number; included: number; excluded: Record<string, { count: number }>; returns: { count: number } };
  customers: { customer_id: string; frequency: number | null; monetary: number | null }[];
  notes: { code: string; message: string }[];
}

function graded(json: JsonOut): Record<string, [number, number]> {
  return Object.fromEntries(json.customers.filter((c) => c.frequency !== null).map((c) => [c.customer_id, [c.frequency!, c.monetary!]]));
}

function check(f: Fixture, rows: JsonOut["rows"], customers: Record<string, [number, number]>): void {
  expect({ rowsRead: rows.rowsRead, included: rows.included }).toEqual({ rowsRead: f.expected.rowsRead, included: f.expected.included });
  for (const [reason, count] of Object.entries(f.expected.excluded)) expect([reason, rows.excluded[reason].count]).toEqual([reason, count]);
  if (f.expected.returns !== undefined) expect(rows.returns.count).toBe(f.expected.returns);
  expect(customers).toEqual(f.expected.customers);
}

it("has at least 30 files over the categories", () => {
  expect(FIXTURES.length * 3).toBeGreaterThanOrEqual(30);
  expect(new Set(FIXTURES.map((f) => f.name)).size).toBe(FIXTURES.length);
});

describe.each(["csv", "csv.gz", "xlsx"] as const)("through the CLI, as %s", (format) => {
  it.each(FIXTURES.map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    const sub = path.join(dir, format.replace(".", "-"));
    fs.mkdirSync(sub, { recursive: true });
    const file = await writeFixture(f, sub, format);
    const out = path.join(sub, `${f.name}.out.json`);
    const args = f.args.map((a) => (f.sideFiles && a in f.sideFiles ? path.join(sub, a) : a));
    const { code, stderr } = await runCli(["grade", file, ...args, "--out", out]);
    expect([code, stderr]).toEqual([0, expect.stringMatching(/^graded /m)]);
    const json = JSON.parse(fs.readFileSync(out, "utf8")) as JsonOut;
    check(f, json.rows, graded(json));
  });
});

describe("named refusals and notes", () => {
  it("the WooCommerce export says the order total was counted once per order", async () => {
    const f = FIXTURES.find((x) => x.name === "woocommerce-order-total")!;
    const file = await writeFixture(f, dir, "csv");
    const { stderr } = await runCli(["grade", file]);
    expect(stderr).toMatch(/note: Order Total is counted once per order, on the order's first line \(detected: in \d+ of \d+ orders with several lines/);
  });
  it("the unknown status values are listed with their row counts", async () => {
    const f = FIXTURES.find((x) => x.name === "unknown-status")!;
    const file = await writeFixture(f, dir, "csv");
    const { stderr } = await runCli(["grade", file]);
    expect(stderr).toMatch(/note: Order Status values not recognised, kept as sales \(2 rows\): "Partially paid" 2\./);
  });
  it("the title rows are named: header found on row 3", async () => {
    const f = FIXTURES.find((x) => x.name === "title-and-totals-zh")!;
    const file = await writeFixture(f, dir, "csv");
    const { stderr } = await runCli(["grade", file, "--lang", "zh"]);
    expect(stderr).toMatch(/表头位于第 3 行；其上 2 行为标题行/);
  });
});

describe("through the add-in (fake Excel host)", () => {
  it.each(FIXTURES.filter((f) => f.addIn).map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    const book = new FakeWorkbook();
    book.addTable("Sheet1", f.cells);
    const width = Math.max(...f.cells.map((r) => r.length));
    book.selection = { sheet: "Sheet1", address: `A1:${letters(width - 1)}${f.cells.length}` };
    (globalThis as { Excel?: unknown }).Excel = book.excel();
    const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en" }, () => {}, new AbortController().signal);
    if (!response.ok) throw new Error(JSON.stringify(response.issues));
    const sheet = book.sheet("Customers");
    const values = sheet.values(`A2:G${1 + Object.keys(f.expected.customers).length + 5}`);
    const customers: Record<string, [number, number]> = {};
    for (const row of values) if (row[0] !== "" && row[5] !== "" && row[5] !== undefined) customers[String(row[0])] = [Number(row[5]), Number(row[6])];
    check(f, response.report.rows as unknown as JsonOut["rows"], customers);
    // The title rows stay as they were; the grade columns start at the header row.
    const titles = f.expected.excluded.title_row ?? 0;
    const sheet1 = book.sheet("Sheet1");
    for (let r = 0; r < titles; ++r) expect(sheet1.get(r, width)).toBe("");
    expect(sheet1.get(titles, width)).toBe("R score");
    expect(response.report.notes.some((n) => /Header found on row|totals row|repeated header/.test(typeof n === "string" ? n : paneText(n, "en")))).toBe(true);
  });
});

describe("totals rows named in an unmapped first column", () => {
  it("are found through the CLI (the first column is read even when no field maps to it)", async () => {
    const file = path.join(dir, "serial-first.csv");
    fs.writeFileSync(file, "序号,会员ID,日期,金额\n1,A,2024-01-01,10\n2,B,2024-01-02,20\n合计,,,30\n");
    const out = path.join(dir, "serial-first.json");
    const { code } = await runCli(["grade", file, "--out", out]);
    expect(code).toBe(0);
    const json = JSON.parse(fs.readFileSync(out, "utf8")) as JsonOut;
    expect([json.rows.excluded.total_row.count, json.rows.excluded.missing_customer.count, json.rows.included]).toEqual([1, 0, 2]);
  });
  it("--exclude reaches tiers migrate too", async () => {
    const file = path.join(dir, "migrate.csv");
    fs.writeFileSync(file, "Customer,Date,Amount\nA,2024-01-01,10\nB,2024-01-02,20\nA,2024-03-01,5\nB,2024-03-02,5\n");
    fs.writeFileSync(path.join(dir, "ex.txt"), "B\n");
    const out = path.join(dir, "moved.csv");
    const { code } = await runCli(["migrate", file, "--from", "2024-02-01", "--to", "2024-04-01", "--exclude", path.join(dir, "ex.txt"), "--out", out]);
    expect(code).toBe(0);
    const ids = fs.readFileSync(out, "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",")[0]);
    expect(ids).toEqual(["A"]);
  });
});
