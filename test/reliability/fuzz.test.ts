/**
 * Hostile ranges (fast-check): empty cells, Excel errors, booleans, numbers as text, mixed date forms,
 * Unicode/Chinese/emoji/formula-like ids, whitespace, duplicate headers, 1-row and 1-column ranges.
 * Nothing throws; every row is accounted for under exactly one status; the same input always gives
 * the same output. FUZZ_RUNS sets the number of ranges (10,000 here; `npm run fuzz` runs 200,000).
 */
import fc from "fast-check";
import { customerRows } from "../../src/engine/report/customerTable";
import { gradeTable } from "../../src/engine/grade/pipeline";
import { EXCLUSION_REASONS, type Cell } from "../../src/engine/common/types";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

const headerCell = fc.constantFrom("Customer", "CustomerID", "客户ID", "会员号", "Date", "InvoiceDate", "日期", "下单时间", "Amount", "金额", "Quantity", "数量", "UnitPrice", "单价", "InvoiceNo", "订单号", "Note", "", "Amount", "Date");
const idCell = fc.oneof(
  fc.constantFrom("A1", "a1", " A1 ", "00042", "42", "42.0", "=HYPERLINK(\"x\")", "+1", "-2", "@me", "\t", "客户甲", "顾客😀", "", "#N/A", "#REF!"),
  fc.integer({ min: 0, max: 50 }),
  fc.double({ min: -1e6, max: 1e6 }),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.boolean(),
);
const dateCell = fc.oneof(
  fc.integer({ min: -10, max: 80000 }),
  fc.double({ min: 0, max: 3e6, noNaN: true }),
  fc.constantFrom("2024-03-05", "2024-03-05 10:30", "2024/3/5", "20240305", "2024年3月5日", "03/05/2024", "13/05/2024", "05/13/2024", "2024-02-30", "yesterday", "", "#VALUE!", "  2024-01-01  "),
  fc.date({ min: new Date("1990-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.boolean(),
  fc.constant(null),
);
const amountCell = fc.oneof(
  fc.double({ min: -1e5, max: 1e5 }),
  fc.integer({ min: -5, max: 500 }),
  fc.constantFrom("12.50", "1,234.5", "¥1,200", "$5", "-3", "", "n/a", "0", "1e3", "#DIV/0!", " 7 "),
  fc.boolean(),
  fc.constant(null),
);
const anyCell = fc.oneof(idCell, dateCell, amountCell);

/** Mostly-valid values, so that most ranges reach the grading path with a few bad rows in them. */
const goodId = fc.oneof(fc.constantFrom("A1", "00042", "42", "客户甲", "顾客😀", " B7 ", "=1+1"), fc.integer({ min: 1, max: 30 }));
const goodDate = fc.oneof(fc.integer({ min: 43000, max: 45500 }), fc.constantFrom("2024-03-05", "2024/3/6", "20240307", "2024年3月8日", "2023-12-31 23:59"));
const goodAmount = fc.oneof(fc.double({ min: 0.01, max: 1e4, noNaN: true }), fc.constantFrom("12.50", "1,234.5", "¥1,200"));
const typedRow = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(goodId, goodDate, goodAmount, fc.constantFrom("O1", "O2", 17, "")) },
  { weight: 1, arbitrary: fc.tuple(idCell, dateCell, amountCell, fc.oneof(idCell, fc.constant(""))) },
);

/**
 * A table: either a known header over typed rows (a few hostile ones mixed in), or random headers
 * over random rows; `mapping` given explicitly half of the time.
 */
const table = fc.oneof(
  fc
    .record({
      header: fc.constantFrom(["Customer", "Date", "Amount", "Order"], ["客户ID", "日期", "金额", "订单号"], ["Customer", "Date", "Amount", "Amount"]),
      rows: fc.array(typedRow, { minLength: 1, maxLength: 30 }),
      junk: fc.array(fc.array(anyCell, { minLength: 0, maxLength: 5 }), { maxLength: 3 }),
      explicit: fc.boolean(),
    })
    .map(({ header, rows, junk, explicit }) => ({ cells: [[...header] as Cell[], ...rows.map((r) => r as Cell[]), ...junk], mapping: explicit ? { customer: 0, date: 1, amount: 2, order: 3 } : undefined })),
  fc
    .record({
      header: fc.array(headerCell, { minLength: 1, maxLength: 6 }),
      withHeader: fc.boolean(),
      rows: fc.array(fc.array(anyCell, { minLength: 0, maxLength: 7 }), { minLength: 0, maxLength: 25 }),
    })
    .map(({ header, withHeader, rows }) => ({ cells: withHeader ? [header as Cell[], ...rows] : rows, mapping: undefined })),
);

const options = fc.record({
  bins: fc.integer({ min: 2, max: 10 }),
  method: fc.constantFrom("quantile" as const, "ntile" as const),
  zeroAmounts: fc.constantFrom("exclude" as const, "include" as const),
  dateOrder: fc.constantFrom("auto" as const, "dmy" as const, "mdy" as const),
});

test(`${RUNS.toLocaleString("en-US")} hostile ranges: no throw, every row accounted for, deterministic`, () => {
  let graded = 0;
  fc.assert(
    fc.property(table, options, ({ cells, mapping }, opts) => {
      const first = gradeTable({ cells, mapping }, opts);
      const again = gradeTable({ cells: cells.map((r) => r.slice()), mapping }, opts);
      if (!first.ok) {
        // A refusal names what is wrong, in both languages, and is the same every time.
        expect(first.issues.length).toBeGreaterThan(0);
        for (const issue of first.issues) expect(issue.message.length * (issue.zh?.length ?? 0)).toBeGreaterThan(0);
        expect(again).toEqual(first);
        return;
      }
      ++graded;
      const { report, transactions } = first.result;
      const dataRows = cells.length - first.result.columns.dataStart;
      expect(report.rowsRead).toBe(dataRows);
      const excluded = EXCLUSION_REASONS.reduce((s, r) => s + report.excluded[r].count, 0);
      expect(report.included + excluded).toBe(report.rowsRead);
      // Every row has exactly one status, and the counts per status are the report's.
      const counts = new Array(EXCLUSION_REASONS.length + 1).fill(0);
      for (let i = 0; i < transactions.rowCount; ++i) ++counts[transactions.status[i]];
      expect(counts).toEqual([report.included, ...EXCLUSION_REASONS.map((r) => report.excluded[r].count)]);
      if (!again.ok) throw new Error("second run refused");
      expect(customerRows(again.result, "en")).toEqual(customerRows(first.result, "en"));
      expect(again.result.report).toEqual(report);
      for (const row of customerRows(first.result, "zh")) for (const v of row) expect(typeof v === "number" ? Number.isFinite(v) : true).toBe(true);
    }),
    { numRuns: RUNS },
  );
  // The generator must reach the grading path often, not only the refusals.
  expect(graded).toBeGreaterThan(RUNS / 4);
}, 600_000);

test("one-row and one-column ranges are refused with a message, not an exception", () => {
  for (const cells of [[["Customer"]], [["a"], ["b"]], [["Customer", "Date", "Amount"]], [[]], []] as Cell[][][]) {
    const outcome = gradeTable({ cells }, {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0].zh).toBeTruthy();
  }
});
