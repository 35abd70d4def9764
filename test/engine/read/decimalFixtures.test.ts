/**
 * The European fixtures of the row corpus (test/fixtures/rows/generate.ts: decimal-comma amounts and
 * prices, answers computed there from the orders) through the add-in's fake host, and the refusal
 * fixture (prices only `2,375`-like) through the CLI as CSV, CSV.GZ and XLSX and through the fake host:
 * refused, naming the column and both readings. (The graded fixtures go through the CLI in every
 * format in rowFixtures.test.ts.)
 */
import * as fs from "fs";
import * as path from "path";
import { refusalFixtures, rowFixtures, writeFixture, type Cell } from "../../fixtures/rows/generate";
import { runCli, tempDir } from "../../support/runCli";
import { FakeWorkbook, letters } from "../../support/fakeExcel";
import { createOfficeHost } from "../../../src/excel/officeHost";
import { paneText } from "../../../src/taskpane/optionWords";
import { STRINGS } from "../../../src/taskpane/strings";

jest.setTimeout(120_000);

const EUROPEAN = rowFixtures().filter((f) => f.name.startsWith("european-"));
const dir = tempDir();

async function gradeInFakeHost(cells: Cell[][]) {
  const book = new FakeWorkbook();
  book.addTable("Sheet1", cells);
  const width = Math.max(...cells.map((r) => r.length));
  book.selection = { sheet: "Sheet1", address: `A1:${letters(width - 1)}${cells.length}` };
  (globalThis as { Excel?: unknown }).Excel = book.excel();
  const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en" }, () => {}, new AbortController().signal);
  return { book, response };
}

it("covers the European cases", () => {
  expect(EUROPEAN.map((f) => f.name).sort()).toEqual(["european-amounts", "european-prices"]);
  const texts = EUROPEAN.flatMap((f) => f.cells.flat().map(String));
  for (const form of [/^\d+,\d$/, /^\d{4},\d\d$/, /^\d\.\d{3},\d\d$/, /^€ /, /\u00a0€$/, /^2,375$/, /^0,125$/]) expect([form, texts.some((t) => form.test(t))]).toEqual([form, true]);
});

describe("through the add-in (fake Excel host)", () => {
  it.each(EUROPEAN.map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    const { book, response } = await gradeInFakeHost(f.cells);
    if (!response.ok) throw new Error(JSON.stringify(response.issues));
    const rows = response.report.rows as unknown as { rowsRead: number; included: number };
    expect({ rowsRead: rows.rowsRead, included: rows.included }).toEqual({ rowsRead: f.expected.rowsRead, included: f.expected.included });
    const values = book.sheet("Customers").values(`A2:G${1 + Object.keys(f.expected.customers).length}`);
    const customers = Object.fromEntries(values.map((row) => [String(row[0]), [Number(row[5]), Number(row[6])]]));
    expect(customers).toEqual(f.expected.customers);
    expect(response.report.notes.some((n) => /read with a decimal comma/.test(typeof n === "string" ? n : paneText(n, "en")))).toBe(true);
  });
});

describe.each(refusalFixtures().map((f) => [f.name, f] as const))("refused: %s", (_name, f) => {
  it.each(["csv", "csv.gz", "xlsx"] as const)("through the CLI, as %s", async (format) => {
    const file = await writeFixture(f, dir, format);
    const { code, stderr } = await runCli(["grade", file, ...f.args, "--out", path.join(dir, `${f.name}.json`)]);
    expect(code).not.toBe(0);
    for (const text of [...f.refusal.contains, ...f.refusal.flags]) expect(stderr).toContain(text);
    expect(stderr).toContain(`Column ${f.refusal.column}`);
    expect(fs.existsSync(path.join(dir, `${f.name}.json`))).toBe(false);
  });
  it("through the add-in (fake Excel host)", async () => {
    const { response } = await gradeInFakeHost(f.cells);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.issues[0]).toMatchObject({ code: f.refusal.code, column: f.refusal.column });
    for (const text of f.refusal.contains) expect(response.issues[0].message).toContain(text);
    // The pane names its own field and choices, never a CLI flag.
    const shown = paneText(response.issues[0], "en");
    for (const flag of f.refusal.flags) expect(shown).not.toContain(flag);
    expect(shown).toContain(`“${STRINGS.en.decimalMark}”: “${STRINGS.en.decimalMarks[","]}”`);
    expect(response.issues[0].zh).toContain("既可读作");
  });
});
