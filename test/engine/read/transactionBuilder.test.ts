/**
 * TransactionBuilder: rows pushed in batches of any size read exactly as all rows at once (the
 * streaming CLI path and readTransactions are one code), including the day/month order settled
 * after the read. The oracle for "at once" is an independent per-row reading (parseTextDay, amountOf,
 * customerIdOf on each cell by itself), so the runs-of-equal-cells shortcuts are checked too.
 */
import fc from "fast-check";
import { readTransactions, settleDateOrder, TransactionBuilder, ROW_INCLUDED, type Transactions } from "../../../src/engine/read/transactions";
import { parseTextDay } from "../../../src/engine/read/days";
import { amountOf } from "../../../src/engine/read/amount";
import { customerIdOf } from "../../../src/engine/read/customerId";
import { INVALID_DAY } from "../../../src/engine/common/missing";
import type { Cell } from "../../../src/engine/common/types";

const idCell = fc.constantFrom<Cell>("C1", "C2", " C2 ", 17850, "17850", "", "C3");
const dateCell = fc.oneof(
  fc.constantFrom<Cell>("2024-03-05", "2024-03-05 10:00", "3/5/2024", "  3/5/2024", " 13/13/2024", "13/5/2024", "5/13/2024", "bad", "", 45000),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })).map(([a, b]) => `${a}/${b}/2023`),
);
const amountCell = fc.constantFrom<Cell>("10", "0", "-3", "12.5", "x", 7, "1,234.50", "");
const orderCell = fc.constantFrom<Cell>("SO-1", "SO-2", 1001, "");
const rows = fc.array(fc.tuple(idCell, dateCell, amountCell, orderCell), { minLength: 1, maxLength: 120 });
const mapping = { customer: 0, date: 1, amount: 2, order: 3 };

function snapshot(tx: Transactions) {
  return {
    rowCount: tx.rowCount,
    customerIds: tx.customerIds.slice(),
    customer: Array.from(tx.customer),
    day: Array.from(tx.day),
    amount: Array.from(tx.amount),
    status: Array.from(tx.status),
    order: tx.order.slice(),
    orderCount: tx.orderCount,
    dateEvidence: tx.dateEvidence && { ...tx.dateEvidence },
  };
}

test("batches of any size read as one push", () => {
  fc.assert(
    fc.property(rows, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), fc.constantFrom("auto", "dmy", "mdy"), (cells, sizes, dateOrder) => {
      const options = { dateOrder: dateOrder as "auto" | "dmy" | "mdy", dateSystem: 1900 as const, zeroAmounts: "exclude" as const };
      const whole = readTransactions(cells, mapping, 0, options);
      const builder = new TransactionBuilder(mapping, options);
      let at = 0;
      for (let k = 0; at < cells.length; ++k) {
        const size = sizes[k % sizes.length];
        builder.push(cells.slice(at, at + size));
        at += size;
      }
      const batched = builder.finish();
      expect(snapshot(batched)).toEqual(snapshot(whole));
      if (dateOrder === "auto") {
        settleDateOrder(whole, "mdy", options);
        settleDateOrder(batched, "mdy", options);
        expect(snapshot(batched)).toEqual(snapshot(whole));
      }
    }),
    { numRuns: 300 },
  );
});

test("a read settled month first equals a month-first read, row by row (independent oracle)", () => {
  fc.assert(
    fc.property(rows, fc.integer({ min: 1, max: 30 }), (cells, size) => {
      const options = { dateOrder: "auto" as const, dateSystem: 1900 as const, zeroAmounts: "exclude" as const };
      const builder = new TransactionBuilder(mapping, options, 3);
      for (let at = 0; at < cells.length; at += size) builder.push(cells, at, Math.min(cells.length, at + size));
      const tx = builder.finish();
      settleDateOrder(tx, "mdy", options);
      cells.forEach(([id, date, amount], i) => {
        const expectedDay = typeof date === "string" ? parseTextDay(date, "mdy") : typeof date === "number" ? date - 25569 : INVALID_DAY;
        expect(tx.day[i]).toBe(expectedDay);
        const a = amountOf(amount);
        const idText = customerIdOf(id);
        expect(tx.customer[i] < 0).toBe(idText === "");
        if (idText !== "") expect(tx.customerIds[tx.customer[i]]).toBe(idText);
        const included = idText !== "" && expectedDay !== INVALID_DAY && a > 0;
        expect(tx.status[i] === ROW_INCLUDED).toBe(included);
      });
    }),
    { numRuns: 200 },
  );
});
