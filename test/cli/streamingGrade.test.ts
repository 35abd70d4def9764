/**
 * The CLI's streaming read (rows straight into the transaction arrays) against its collecting read
 * (every cell kept, graded by gradeTable — what the .xlsx output uses): every row-rule fixture as
 * CSV and CSV.GZ with its own arguments, Online Retail and CDNOW: the customers, the row report,
 * the notes and the summary are equal; so are the refusals.
 */
import * as fs from "fs";
import * as path from "path";
import { rowFixtures, writeFixture } from "../fixtures/rows/generate";
import { tempDir } from "../support/runCli";
import { datasetFile } from "../support/datasets";
import { parseCommonArgs } from "../../src/cli/args";
import { gradeFile } from "../../src/cli/grade";
import { customerRows } from "../../src/engine/report/customerTable";

jest.setTimeout(300_000);

const dir = tempDir();

async function both(argv: string[]) {
  const run = async (collect: boolean) => {
    try {
      const { input, result } = await gradeFile(parseCommonArgs(argv), collect);
      return { label: input.label, csvFormat: input.csvFormat, customers: customerRows(result, "en"), report: result.report, notes: result.notes, summary: result.summary, asOf: result.asOfDay, options: result.options };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  return { streamed: await run(false), collected: await run(true) };
}

describe.each(["csv", "csv.gz"] as const)("row fixtures as %s", (format) => {
  it.each(rowFixtures().map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    const sub = path.join(dir, format.replace(".", "-"));
    fs.mkdirSync(sub, { recursive: true });
    const file = await writeFixture(f, sub, format);
    const args = f.args.map((a) => (f.sideFiles && a in f.sideFiles ? path.join(sub, a) : a));
    const { streamed, collected } = await both([file, ...args]);
    expect(streamed).not.toHaveProperty("error");
    expect(streamed).toEqual(collected);
  });
});

describe("datasets", () => {
  it("Online Retail, default options", async () => {
    const { streamed, collected } = await both([datasetFile("online-retail-uci/online_retail.csv.gz")]);
    expect((streamed as { summary: { customers: number } }).summary.customers).toBe(4338);
    expect(streamed).toEqual(collected);
  });
  it("CDNOW master, no header (columns by number)", async () => {
    const { streamed, collected } = await both([datasetFile("cdnow-lifetimes/CDNOW_master.txt"), "--customer", "1", "--date", "2", "--amount", "4", "--method", "ntile"]);
    expect((streamed as { summary: { customers: number } }).summary.customers).toBe(23502);
    expect(streamed).toEqual(collected);
  });
});

it("a file read again (the first megabyte plain ASCII, Windows-1252 later) is graded once", async () => {
  const ascii = "Customer,Date,Amount\n" + Array.from({ length: 80000 }, (_, i) => `cust${i % 50},2024-01-${String(1 + (i % 28)).padStart(2, "0")},${1 + (i % 13)}`).join("\n") + "\n";
  const file = path.join(dir, "late-1252.csv");
  fs.writeFileSync(file, Buffer.concat([Buffer.from(ascii, "latin1"), Buffer.from("Caf\xe9,2024-02-01,10\n", "latin1")]));
  const { streamed, collected } = await both([file]);
  expect(streamed).toMatchObject({ csvFormat: { encodingHow: "reread" }, report: { rowsRead: 80001 } });
  expect(streamed).toEqual(collected);
});

describe("refusals", () => {
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, "utf8");
    return file;
  };
  it.each([
    ["header only", "Customer,Date,Amount\n", []],
    ["blank header", "\n\nCustomer,Date,Amount\na,2024-01-01,3\n", []],
    ["no such column", "Customer,Date,Amount\na,2024-01-01,3\n", ["--customer", "Client"]],
    ["ambiguous dates", "Customer,Date,Amount\n" + Array.from({ length: 1500 }, (_, i) => `c${i % 9},0${1 + (i % 9)}/0${1 + (i % 7)}/2024,4`).join("\n") + "\n", []],
    ["bad option", "Customer,Date,Amount\na,2024-01-01,3\n", ["--bins", "11"]],
  ] as [string, string, string[]][])("%s", async (name, text, args) => {
    const { streamed, collected } = await both([write(`${name.replace(/ /g, "-")}.csv`, text), ...args]);
    expect(streamed).toHaveProperty("error");
    expect(streamed).toEqual(collected);
  });
});
