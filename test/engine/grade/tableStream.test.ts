/**
 * TableStream (rows pushed in batches, no array of every cell) against gradeTable on the same
 * rows: every row-rule fixture, as written and made tall (its data rows repeated past the rows
 * held before the columns are resolved), cut into batches at random places — the customers, the
 * row report and the notes are equal. Also the refusals (no header, header only, ambiguous dates).
 */
import fc from "fast-check";
import { rowFixtures, type Cell } from "../../fixtures/rows/generate";
import { gradeTable, type GradeOutcome } from "../../../src/engine/grade/pipeline";
import { TableStream } from "../../../src/engine/grade/tableStream";
import { customerRows } from "../../../src/engine/report/customerTable";
import { findHeaderRow } from "../../../src/engine/read/mapping";
import type { PartialOptions } from "../../../src/engine/grade/options";

jest.setTimeout(120_000);

function streamed(cells: Cell[][], options: PartialOptions, cuts: number[], expectRows?: number): GradeOutcome {
  const table = new TableStream(options);
  if (expectRows !== undefined) table.expect(expectRows);
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < cells.length).sort((a, b) => a - b), cells.length]) {
    table.push(cells.slice(at, cut));
    at = cut;
  }
  return table.finish();
}

/** What a caller sees of an outcome. */
function seen(outcome: GradeOutcome) {
  if (!outcome.ok) return { issues: outcome.issues };
  const r = outcome.result;
  return { customers: customerRows(r, "en"), report: r.report, notes: r.notes, summary: r.summary, asOf: r.asOfDay, orderTotals: r.orderTotals };
}

/** The fixture's data rows repeated below its header until the table has more than `rows` rows. */
function tall(cells: Cell[][], rows: number): Cell[][] {
  const header = Math.max(0, findHeaderRow(cells));
  const data = cells.slice(header + 1);
  const out = cells.slice();
  while (data.length && out.length <= rows) out.push(...data);
  return out;
}

/** Grading options the fixture's CLI arguments stand for (the ones these fixtures use). */
function optionsOf(args: string[]): PartialOptions | undefined {
  const options: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    if (name === "--returns") options.returns = value;
    else if (name === "--amount-per") options.amountPer = value;
    else if (name === "--date-order") options.dateOrder = value;
    else if (name === "--zero-amounts") options.zeroAmounts = value;
    else return undefined; // an option this table does not translate: covered by the CLI test
  }
  return options as PartialOptions;
}

const FIXTURES = rowFixtures().map((f) => ({ f, options: optionsOf(f.args) })).filter((x) => x.options);

it("translates the options of most fixtures", () => {
  expect(FIXTURES.length).toBeGreaterThan(rowFixtures().length / 2);
});

describe.each(FIXTURES.map(({ f, options }) => [f.name, f.cells, options!] as const))("%s", (_name, cells, options) => {
  it("equals gradeTable, in any batches", () => {
    const expected = seen(gradeTable({ cells }, options));
    fc.assert(fc.property(fc.array(fc.nat(cells.length), { maxLength: 6 }), (cuts) => {
      expect(seen(streamed(cells, options, cuts))).toEqual(expected);
    }), { numRuns: 15 });
  });
  it("equals gradeTable when taller than the rows held before the columns are known", () => {
    const big = tall(cells, 2600);
    const expected = seen(gradeTable({ cells: big }, options));
    for (const cuts of [[], [1], [999, 1000, 1001], [17, 1500], [1000, 2000]]) expect(seen(streamed(big, options, cuts))).toEqual(expected);
  });
  it("equals gradeTable whatever the source's row estimate (too low, right, too high)", () => {
    const big = tall(cells, 2600);
    const expected = seen(gradeTable({ cells: big }, options));
    for (const estimate of [0, 1001, big.length - 300, big.length, big.length + 5000]) expect(seen(streamed(big, options, [700, 1800], estimate))).toEqual(expected);
  });
});

describe("refusals are gradeTable's", () => {
  const header = ["Customer", "Date", "Amount"];
  const cases: [string, Cell[][], PartialOptions][] = [
    ["header only", [header], {}],
    ["no header in the first rows", [...Array.from({ length: 25 }, (_, i) => [`title ${i}`]), header, ["a", "2024-01-02", 3]], {}],
    ["ambiguous date order", [header, ...Array.from({ length: 1200 }, (_, i) => [`c${i % 7}`, `0${1 + (i % 9)}/0${1 + (i % 8)}/2024`, 5])], {}],
    ["mixed date order", [header, ["a", "13/01/2024", 1], ...Array.from({ length: 1500 }, () => ["b", "05/06/2024", 2]), ["c", "01/13/2024", 1]], {}],
    ["bad option", [header, ["a", "2024-01-02", 3]], { bins: 11 } as PartialOptions],
    ["nothing valid", [header, ...Array.from({ length: 1100 }, () => ["", "2024-01-02", 3])], {}],
  ];
  it.each(cases)("%s", (_name, cells, options) => {
    const expected = seen(gradeTable({ cells }, options));
    expect(expected).toHaveProperty("issues");
    expect(seen(streamed(cells, options, [1, 600, 1001]))).toEqual(expected);
  });
  it("an empty table", () => {
    expect(seen(new TableStream({}).finish())).toEqual(seen(gradeTable({ cells: [] }, {})));
  });
});

it("restart forgets the rows pushed", () => {
  const { cells } = rowFixtures()[0];
  const table = new TableStream({});
  table.push([["Customer", "Date", "Amount"], ["zz", "2020-01-01", 99]]);
  table.restart();
  table.push(cells);
  expect(seen(table.finish())).toEqual(seen(gradeTable({ cells }, {})));
});
