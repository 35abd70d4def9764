import { gradeTable, type GradeResult } from "../../../src/engine/grade/pipeline";
import { customerRows } from "../../../src/engine/report/customerTable";
import { epochDay, dayToSerial } from "../../../src/engine/read/days";
import type { Cell } from "../../../src/engine/common/types";

function ok(cells: Cell[][], options = {}, mapping = {}): GradeResult {
  const outcome = gradeTable({ cells, mapping }, options);
  if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join("; "));
  return outcome.result;
}
const rowOf = (r: GradeResult, id: string) => customerRows(r).find((row) => row[0] === id)!;

describe("row exclusion (SPEC §1)", () => {
  const cells: Cell[][] = [
    ["Customer", "Date", "Amount"],
    ["A", "2024-01-10", 10], // included
    ["", "2024-01-10", 10], // missing_customer
    ["B", "someday", -5], // bad_date wins over non_positive
    ["C", "2024-01-11", "ten"], // bad_amount
    ["D", "2024-01-12", -3], // non_positive_amount → prospect
    ["E", "2024-01-12", 0], // zero → non_positive by default
    ["A", "2024-02-01", 5], // included
  ];
  it("counts each excluded row once, under the first reason that applies, with sheet row numbers", () => {
    const r = ok(cells);
    expect(r.report.rowsRead).toBe(7);
    expect(r.report.included).toBe(2);
    expect(r.report.excluded.missing_customer).toMatchObject({ count: 1, rows: [3], column: "Customer" });
    expect(r.report.excluded.bad_date).toMatchObject({ count: 1, rows: [4], column: "Date" });
    expect(r.report.excluded.bad_amount).toMatchObject({ count: 1, rows: [5], column: "Amount" });
    expect(r.report.excluded.non_positive_amount).toMatchObject({ count: 2, rows: [6, 7] });
  });
  it("makes prospects of ids seen before as-of (or undated) without a valid purchase, listed after customers", () => {
    const ids = customerRows(ok(cells)).map((row) => [row[0], row[17]]);
    expect(ids).toEqual([["A", "Active"], ["B", "Prospect"], ["C", "Prospect"], ["D", "Prospect"], ["E", "Prospect"]].map(([id, s]) => [id, s === "Active" ? "New" : s]));
  });
  it("counts zero-value rows as purchases with zero amounts included", () => {
    const r = ok(cells, { zeroAmounts: "include" });
    expect(r.report.included).toBe(3);
    expect(rowOf(r, "E")[6]).toBe(0);
  });
  it("honours firstRowNumber so messages name sheet rows", () => {
    const outcome = gradeTable({ cells, firstRowNumber: 10 });
    expect(outcome.ok && outcome.result.report.excluded.missing_customer.rows).toEqual([12]);
  });
});

describe("the as-of date (SPEC §2)", () => {
  const cells: Cell[][] = [["Customer", "Date", "Amount"], ["A", "2024-01-01", 1], ["A", "2024-03-01", 1], ["B", "2024-03-05", 1], ["C", "2024-04-01", -1]];
  it("defaults to the day after the latest valid purchase", () => {
    const r = ok(cells);
    expect(rowOf(r, "B")[3]).toBe(1);
    expect(rowOf(r, "A")[3]).toBe(5);
    expect(rowOf(r, "A")[4]).toBe(65);
  });
  it("excludes rows on or after a given as-of, and does not make prospects of ids seen only after it", () => {
    const r = ok(cells, { asOf: "2024-03-01" });
    expect(r.report.excluded.after_as_of.count).toBe(2);
    expect(customerRows(r).map((row) => row[0])).toEqual(["A"]);
    expect(rowOf(r, "A")[3]).toBe(60);
  });
});

describe("frequency (SPEC §3)", () => {
  it("counts distinct orders when an order column is mapped, else distinct purchase days", () => {
    const cells: Cell[][] = [
      ["Customer", "Date", "Amount", "Order"],
      ["A", "2024-01-01", 1, "o1"], ["A", "2024-01-01", 2, "o1"], ["A", "2024-01-01", 3, "o2"], ["A", "2024-01-05", 4, "o3"],
    ];
    expect(rowOf(ok(cells), "A").slice(5, 8)).toEqual([3, 10, 3.333333]);
    expect(rowOf(ok(cells, {}, { order: null }), "A").slice(5, 8)).toEqual([2, 10, 5]);
  });
  it("rounds monetary to 6 decimals so float noise never shows", () => {
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ["A", "2024-01-01", 0.1], ["A", "2024-01-02", 0.2]];
    expect(rowOf(ok(cells), "A")[6]).toBe(0.3);
  });
});

describe("lifecycle stages (SPEC §6), first matching rule wins", () => {
  const asOf = "2024-12-31";
  const d = (iso: string) => iso;
  const cases: [string, string[], string][] = [
    ["lost", [d("2023-06-01")], "Lost"],
    ["dormant", [d("2024-05-01")], "Dormant"],
    ["at risk", [d("2024-09-01")], "At Risk"],
    ["new", [d("2024-12-01")], "New"],
    ["reactivated", [d("2024-01-01"), d("2024-12-20")], "Reactivated"],
    ["loyal", ["2024-06-01", "2024-07-01", "2024-08-01", "2024-09-01", "2024-12-01"], "Loyal"],
    ["active", ["2024-08-01", "2024-12-01"], "Active"],
  ];
  it.each(cases)("%s", (_name, dates, stage) => {
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ...dates.map((date) => ["X", date, 10] as Cell[]), ["Y", "2024-12-30", 1]];
    expect(rowOf(ok(cells, { asOf }), "X")[17]).toBe(stage);
  });
  it("uses the configured windows", () => {
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ["X", "2024-09-01", 10]];
    expect(rowOf(ok(cells, { asOf, lifecycle: { activeDays: 200, dormantDays: 300, lostDays: 400, newDays: 10 } }), "X")[17]).toBe("Active");
  });
});

describe("dates in the input", () => {
  it("reads Excel serials in the 1904 system when the workbook uses it", () => {
    const day = epochDay(2024, 3, 5);
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ["A", dayToSerial(day, 1904), 5], ["B", dayToSerial(day - 10, 1904), 5]];
    const r = ok(cells, { dateSystem: 1904 });
    expect(rowOf(r, "A")[2]).toBe("2024-03-05");
  });
  it("detects day-first dates from the column", () => {
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ["A", "25/12/2023", 5], ["A", "03/01/2024", 5]];
    expect(rowOf(ok(cells), "A")[2]).toBe("2024-01-03");
  });
  it("detects month-first dates and reads every a/b/yyyy date month first, as an explicit mdy does", () => {
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ["A", "03/05/2024", 5], ["B", "12/25/2023", 5], ["A", "03/05/2024", 1], ["B", 45000, 2], ["C", "04/01/2024", -1]];
    const auto = ok(cells);
    expect(rowOf(auto, "A")[2]).toBe("2024-03-05");
    expect(auto).toEqual(ok(cells, { dateOrder: "mdy" }));
    expect(ok(cells.slice(0, 3))).toEqual(ok(cells.slice(0, 3), { dateOrder: "mdy" }));
  });
  it("asks for the order when every a/b/yyyy date is ambiguous, naming the row and column", () => {
    const outcome = gradeTable({ cells: [["Customer", "Date", "Amount"], ["A", "2024-01-01", 5], ["A", "03/05/2024", 5]] });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues[0]).toMatchObject({ code: "ambiguous_date_order", row: 3, column: "Date" });
  });
});

describe("columns", () => {
  it("names the columns found when a required one is missing", () => {
    const outcome = gradeTable({ cells: [["Customer", "When", "Amount"], ["A", "2024-01-01", 1]] });
    expect(!outcome.ok && outcome.issues[0].message).toBe("No date column. Columns found: Customer, When, Amount.");
  });
  it("accepts the user's mapping by name, letter or index, and quantity × price", () => {
    const cells: Cell[][] = [["Who", "When", "Qty", "Each"], ["A", "2024-01-01", 3, 2.5]];
    const r = ok(cells, {}, { customer: "Who", date: "B", quantity: 2, price: "each" });
    expect(rowOf(r, "A")[6]).toBe(7.5);
  });
  it("reports an empty range and a header without rows", () => {
    expect(gradeTable({ cells: [] }).ok).toBe(false);
    const outcome = gradeTable({ cells: [["Customer", "Date", "Amount"]] });
    expect(!outcome.ok && outcome.issues[0].code).toBe("no_rows");
  });
});

describe("segments and tiers", () => {
  it("rescales scores onto the 5×5 RF grid for other bins", () => {
    const r = ok([["Customer", "Date", "Amount"], ["A", "2024-01-01", 1], ["B", "2024-02-01", 1], ["B", "2024-02-02", 1]], { bins: 2 });
    // B: R=2→5, F=2→5 → Champions; A: R=1→3, F=1→3 → Need Attention
    expect(rowOf(r, "B")[12]).toBe("Champions");
    expect(rowOf(r, "A")[12]).toBe("Need Attention");
  });
  it("reports empty score levels and suggests ntile in the summary", () => {
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ...Array.from({ length: 20 }, (_, i) => [`C${i}`, "2024-01-01", i + 1] as Cell[])];
    const r = ok(cells);
    expect(r.summary.emptyLevels.frequency).toEqual([2, 3, 4, 5]);
    expect(r.summary.emptyLevels.monetary).toEqual([]);
  });
});
