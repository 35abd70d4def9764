/**
 * One rounding of the activity index: the CLI's `--trend` CSV and the add-in's Customers sheet (fake
 * Excel host) give every customer the same trend and the same number, rounded once in the engine to
 * the places docs/methodology.md states; the workbook's display format and the Method sheet say how
 * many places are shown and kept.
 */
import * as fs from "fs";
import * as path from "path";
import { readInput } from "../../src/cli/input";
import { ACTIVITY_DECIMALS } from "../../src/engine/report/trend";
import { NUMBER_FORMATS } from "../../src/engine/report/workbookPlan";
import type { Cell } from "../../src/engine/common/types";
import { createOfficeHost } from "../../src/excel/officeHost";
import { FakeWorkbook } from "../support/fakeExcel";
import { runCli, tempDir } from "../support/runCli";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx");
const DOC = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "methodology.md"), "utf8");

/** CSV text → rows of fields (the CLI quotes fields with commas or quotes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), ++i;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (ch !== "\r") field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

let cli: Map<string, { trend: string; activity: number | null }>;
let addin: Map<string, { trend: string; activity: number | null }>;
let addinFormat: string | undefined;
let method: Cell[][];

beforeAll(async () => {
  const out = path.join(tempDir(), "trend.csv");
  const { code, stderr } = await runCli(["grade", SAMPLE, "--trend", "--out", out]);
  if (code !== 0) throw new Error(stderr);
  const [header, ...rows] = csvRows(fs.readFileSync(out, "utf8"));
  const [id, trend, activity] = ["customer_id", "trend", "activity_index"].map((h) => header.indexOf(h));
  cli = new Map(rows.filter((r) => r[trend] !== "").map((r) => [r[id], { trend: r[trend], activity: r[activity] === "" ? null : Number(r[activity]) }]));

  const cells = (await readInput(SAMPLE, { keepAllColumns: true })).cells;
  const book = new FakeWorkbook();
  book.addTable("Sheet1", cells);
  book.selection = { sheet: "Sheet1", address: "A1" };
  (globalThis as { Excel?: unknown }).Excel = book.excel();
  const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en" }, () => {}, new AbortController().signal);
  if (!response.ok) throw new Error(JSON.stringify(response.issues));
  const sheet = book.sheet("Customers");
  const n = response.report.summary.customers + response.report.summary.prospects;
  const head = sheet.values(`A1:Z1`)[0].map(String);
  const [t, a] = [head.indexOf("Trend"), head.indexOf("Activity index")];
  const values = sheet.values(`A2:Z${n + 1}`);
  addin = new Map(values.filter((r) => r[t] !== "").map((r) => [String(r[0]), { trend: String(r[t]), activity: r[a] === "" ? null : Number(r[a]) }]));
  addinFormat = sheet.formats.get(`1:${a}`);
  method = book.sheet("Method").values("A1:B80");
}, 300_000);

test("every customer: the same trend and the same activity index from the CLI and the add-in", () => {
  expect(cli.size).toBeGreaterThan(20);
  expect([...addin.keys()].sort()).toEqual([...cli.keys()].sort());
  for (const [id, v] of cli) expect(addin.get(id)).toEqual(v);
});

test(`rounded once, to the ${ACTIVITY_DECIMALS} places the methodology states (a 2-place rounding on either side would show)`, () => {
  expect(DOC).toMatch(new RegExp(`\\*\\*Activity index\\*\\*[\\s\\S]*?Written to ${ACTIVITY_DECIMALS} decimal places`));
  const values = [...cli.values()].map((v) => v.activity).filter((v): v is number => v !== null);
  const scale = 10 ** ACTIVITY_DECIMALS;
  expect(values.every((v) => Math.abs(v * scale - Math.round(v * scale)) < 1e-6)).toBe(true);
  expect(values.some((v) => Math.abs(v * 100 - Math.round(v * 100)) > 1e-6)).toBe(true);
});

test("the add-in shows it with the ratio format, and its Method sheet says how many places are kept and shown", () => {
  expect(addinFormat).toBe(NUMBER_FORMATS.ratio);
  const shown = NUMBER_FORMATS.ratio.split(".")[1].length;
  const row = method.find((r) => r[0] === "Activity index");
  expect(row?.[1]).toContain(`Stored to ${ACTIVITY_DECIMALS} decimal places, shown to ${shown}.`);
});
