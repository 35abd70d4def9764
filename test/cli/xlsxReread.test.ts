/**
 * The .xlsx output grades by streaming and reads the source a second time for the data sheet
 * (src/cli/grade.ts gradeFile "reread"); the workbook must be the one the whole-read path writes
 * (every cell kept, src/cli/grade.ts cliWorkbookPlan): every part of the package byte for byte, on
 * the demo sample and on generated logs whose columns are typed late (a text 1,500 rows down, a time
 * of day only on rows whose date is not read), with title rows, gzip, a late Windows-1252 byte, and
 * a workbook of Dates, numbers, booleans and texts.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli, tempDir } from "../support/runCli";
import { cliWorkbookPlan, gradeFile } from "../../src/cli/grade";
import { parseCommonArgs } from "../../src/cli/args";
import { writePlanXlsx } from "../../src/cli/writeXlsx";
import { addChartsToZip } from "../../src/cli/xlsxCharts";
import { InputError } from "../../src/cli/input";

jest.setTimeout(300_000);

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx");
const dir = tempDir();

/** The parts of a package, docProps/core.xml without its created/modified times (the clock). */
async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name].dir) continue;
    let data = await zip.files[name].async("nodebuffer");
    if (name === "docProps/core.xml") data = Buffer.from(data.toString("utf8").replace(/<dcterms:(created|modified)[^<]*<\/dcterms:\w+>/g, ""));
    out.set(name, data);
  }
  return out;
}

/** The workbook both ways: the CLI (streamed, source read again) and the plan of the whole read, written by the same writer. */
async function bothWays(label: string, argv: string[]) {
  const streamed = path.join(dir, `${label}-streamed.xlsx`);
  const whole = path.join(dir, `${label}-whole.xlsx`);
  const run = await runCli(["grade", ...argv, "--out", streamed, "--quiet"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const plan = await cliWorkbookPlan(argv);
  await writePlanXlsx(whole, plan, { addCharts: addChartsToZip });
  return { streamed: await parts(streamed), whole: await parts(whole), plan };
}

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...a.keys()]).toEqual([...b.keys()]);
  const differing = [...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!));
  expect(differing).toEqual([]);
  expect(a.get("xl/worksheets/sheet1.xml")!.length).toBeGreaterThan(10_000);
}

const dataKinds = (plan: Awaited<ReturnType<typeof cliWorkbookPlan>>) => plan.sheets.find((s) => s.role === "data")!.blocks[0].columns.filter((c) => c.key.startsWith("source")).map((c) => `${c.title}:${c.kind}`);

const pad = (n: number) => String(n).padStart(2, "0");
const day = (i: number) => `2024-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`;

/**
 * A log of `rows` rows under two title rows: Order (text: a credit note C… now and then), Qty
 * (plain numbers up to row 1,500, then "n/a": text), Price (numbers), Code (leading zeros: text),
 * Date (times of day only where `timeAt(i)`), Note (always empty), Customer, Amount.
 */
function mixedLog(rows: number, timeAt: (i: number) => boolean): string {
  const lines = ["Orders export,,,,,,,", "printed 2024-12-31,,,,,,,", "Order,Qty,Price,Code,Date,Note,Customer,Amount"];
  for (let i = 0; i < rows; ++i) {
    const bad = i % 97 === 5; // a date the engine cannot read
    const date = bad ? `someday ${pad(i % 24)}:15` : `${day(i)}${timeAt(i) ? ` ${pad(i % 24)}:${pad(i % 60)}:00` : ""}`;
    const qty = i === 1500 ? "n/a" : String(1 + (i % 7));
    lines.push(`${i % 50 === 3 ? "C" : ""}${100000 + i},${qty},${(1 + (i % 400) / 100).toFixed(2)},${String(i % 1000).padStart(5, "0")},${date},,cust${i % 173},${((i % 37) + 0.5).toFixed(2)}`);
  }
  return lines.join("\n") + "\n";
}

test("the demo sample: the same workbook, part for part", async () => {
  const { streamed, whole } = await bothWays("demo", [SAMPLE]);
  expectSame(streamed, whole);
});

test("the demo sample in Chinese with formulas and trend: the same workbook", async () => {
  const { streamed, whole } = await bothWays("demo-zh", [SAMPLE, "--lang", "zh", "--formulas", "--trend"]);
  expectSame(streamed, whole);
});

describe("generated logs typed late", () => {
  const times = path.join(dir, "times.csv");
  const noTimes = path.join(dir, "no-times.csv");
  beforeAll(() => {
    // A time of day (01:01) on one readable date 3,000 rows down: the column shows times.
    fs.writeFileSync(times, mixedLog(4000, (i) => i === 3001));
    // Times only on rows whose date is not read: the column shows dates.
    fs.writeFileSync(noTimes, mixedLog(4000, () => false));
  });

  test("a time of day far down: datetime; Qty's text 1,500 rows down: text; the same workbook", async () => {
    const { streamed, whole, plan } = await bothWays("times", [times]);
    expect(dataKinds(plan)).toEqual(["Order:text", "Qty:text", "Price:number", "Code:text", "Date:datetime", "Note:text", "Customer:text", "Amount:number"]);
    expectSame(streamed, whole);
  });

  test("times only on dates not read: date; the same workbook", async () => {
    const { streamed, whole, plan } = await bothWays("no-times", [noTimes]);
    expect(dataKinds(plan)).toContain("Date:date");
    expectSame(streamed, whole);
  });

  test("gzipped, in Chinese: the same workbook", async () => {
    const gz = path.join(dir, "times.csv.gz");
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(times)));
    const { streamed, whole } = await bothWays("gz", [gz, "--lang", "zh"]);
    expectSame(streamed, whole);
  });

  test("the file changed between the grade and the second read: refused, naming the row counts", async () => {
    const file = path.join(dir, "changing.csv");
    fs.writeFileSync(file, mixedLog(2000, () => true));
    const { input } = await gradeFile(parseCommonArgs([file]), "reread");
    fs.appendFileSync(file, "999999,1,1.00,00001,2024-01-01,,late,1.00\n");
    const err = await input.source!.reread(() => undefined).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/changed while it was read \(2003 rows graded, 2004 read again/);
  });
});

test("a late Windows-1252 byte (the first read starts over): the second read uses the encoding found; the same workbook", async () => {
  const file = path.join(dir, "late-1252.csv");
  const ascii = "Customer,Date,Amount,Item\n" + Array.from({ length: 6000 }, (_, i) => `cust${i % 50},${day(i)},${1 + (i % 13)},item number ${i}`).join("\n") + "\n";
  expect(ascii.length).toBeGreaterThan(1 << 17);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(ascii, "latin1"), Buffer.from("Caf\xe9,2024-02-01,10,cr\xe8me br\xfbl\xe9e\n", "latin1")]));
  const { streamed, whole } = await bothWays("late-1252", [file]);
  expectSame(streamed, whole);
  expect(streamed.get("xl/sharedStrings.xml")!.toString("utf8")).toContain("crème brûlée");
});

test("a workbook of Dates (some with a time), numbers, booleans and texts: the same workbook", async () => {
  const file = path.join(dir, "typed.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Orders");
  ws.addRow(["Customer", "Date", "Amount", "Shipped", "Paid", "Flag", "Ref"]);
  for (let i = 0; i < 2500; ++i) {
    const d = new Date(Date.UTC(2024, i % 12, 1 + (i % 28)));
    const shipped = new Date(d.getTime() + 86_400_000 * (1 + (i % 5)) + (i === 2400 ? 3_600_000 : 0));
    ws.addRow([`c${i % 91}`, d, (i % 53) + 0.25, shipped, new Date(d.getTime() + 86_400_000), i % 3 === 0, i % 4 === 0 ? 17 : `R-${i}`]);
  }
  await wb.xlsx.writeFile(file);
  const { streamed, whole, plan } = await bothWays("typed", [file]);
  expect(dataKinds(plan)).toEqual(["Customer:text", "Date:date", "Amount:number", "Shipped:datetime", "Paid:date", "Flag:text", "Ref:text"]);
  expectSame(streamed, whole);
});
