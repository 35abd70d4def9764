/**
 * aggregateCustomers equals the independent reference (test/support/referenceGrader) on random logs:
 * sorted or not, orders shared between customers, rows without an order id, bad rows (property).
 */
import fc from "fast-check";
import { gradeTable } from "../../../src/engine/grade/pipeline";
import { customerRows } from "../../../src/engine/report/customerTable";
import { epochDay } from "../../../src/engine/read/days";
import type { Cell } from "../../../src/engine/common/types";
import { referenceCsvRows, referenceGrade, type RefRow } from "../../support/referenceGrader";

const rowArb = fc.record({
  customer: fc.constantFrom("A", "B", "C", "D", "E", ""),
  day: fc.integer({ min: 0, max: 900 }),
  amount: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.constantFrom(0, -5, Number.NaN)),
  order: fc.constantFrom("", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8"),
});

test("counts days, orders and sums as the reference does", () => {
  fc.assert(
    fc.property(fc.array(rowArb, { minLength: 1, maxLength: 150 }), fc.boolean(), fc.boolean(), fc.constantFrom(3, 900), (rows, withOrders, sorted, days) => {
      // Few distinct days make runs of one customer on one day with several orders.
      for (const r of rows) r.day %= days;
      if (sorted) rows.sort((a, b) => a.day - b.day);
      const base = epochDay(2022, 1, 1);
      const header = withOrders ? ["Customer", "Date", "Amount", "Order"] : ["Customer", "Date", "Amount"];
      const cells: Cell[][] = [header, ...rows.map((r) => {
        const iso = new Date((base + r.day) * 86400000).toISOString().slice(0, 10);
        const row: Cell[] = [r.customer, iso, Number.isNaN(r.amount) ? "n/a" : r.amount];
        if (withOrders) row.push(r.order);
        return row;
      })];
      // Amounts summed per line: small random logs often have an order whose lines are all equal (amount-per auto would count it once).
      const outcome = gradeTable({ cells }, { amountPer: "line" });
      const refRows: RefRow[] = rows.map((r) => ({ customer: r.customer, day: base + r.day, amount: Number.isNaN(r.amount) ? null : r.amount, ...(withOrders ? { order: r.order } : {}) }));
      if (!outcome.ok) return expect(refRows.some((r) => r.customer !== "" && r.amount !== null && r.amount > 0)).toBe(false);
      const got = customerRows(outcome.result, "en").map((row) => row.map((v) => String(v ?? "")));
      expect(got).toEqual(referenceCsvRows(referenceGrade(refRows)));
    }),
    { numRuns: 400 },
  );
});
