/** readTransactions gives two rows one customer exactly when customerIdOf gives them one id (property). */
import fc from "fast-check";
import { customerIdOf, isOwnTextId } from "../../../src/engine/read/customerId";
import { readTransactions } from "../../../src/engine/read/transactions";
import type { Cell } from "../../../src/engine/common/types";

const idCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom<Cell>(17850, "17850", "17850.0", " 17850 ", 17850.5, "17850.5", 0, -0, "0", "-0", 42, "00042", "42", 1e21, "1e+21", "1e21", "", null, "#N/A", true, "TRUE", "Ａ"),
  fc.integer({ min: 1, max: 60 }),
  fc.integer({ min: 1, max: 60 }).map((n) => String(n)),
  fc.integer({ min: 1, max: 60 }).map((n) => `${n}.00`),
  fc.integer({ min: 536000, max: 546000 }),
  fc.integer({ min: 536000, max: 546000 }).map((n) => String(n)),
);

test("customers follow customerIdOf, whatever mix of numbers and texts", () => {
  fc.assert(
    fc.property(fc.array(idCell, { minLength: 1, maxLength: 300 }), (ids) => {
      const cells: Cell[][] = ids.map((id) => [id, 45000, 1]);
      const tx = readTransactions(cells, { customer: 0, date: 1, amount: 2 }, 0, { dateOrder: "dmy", dateSystem: 1900, zeroAmounts: "exclude" });
      const byId = new Map<string, number>();
      ids.forEach((cell, i) => {
        const id = customerIdOf(cell);
        if (id === "") return expect(tx.customer[i]).toBe(-1);
        expect(tx.customerIds[tx.customer[i]]).toBe(id);
        if (!byId.has(id)) byId.set(id, tx.customer[i]);
        expect(tx.customer[i]).toBe(byId.get(id));
      });
      expect(tx.customerIds.length).toBe(byId.size);
    }),
    { numRuns: 400 },
  );
});

test("isOwnTextId: a text it accepts is its own customer id and no number cell's (customerIdOf gives it back; it is not a number's id text)", () => {
  const unit = fc.constantFrom("C", "a", "@", ".", "-", "+", "#", "0", "1", "9", " ", "\t", "\u00a0", "\u3000", "é", "客", "e", "N", "/", "x");
  fc.assert(
    fc.property(fc.array(unit, { minLength: 1, maxLength: 10 }).map((u) => u.join("")), (text) => {
      if (!isOwnTextId(text)) return true;
      const x = Number(text);
      return customerIdOf(text) === text && !(Number.isFinite(x) && String(x) === text);
    }),
    { numRuns: 5000 },
  );
  expect(["C0012345", "c1@shop.example", "SO-1"].every(isOwnTextId)).toBe(true);
  expect(["17850", "-1", " C1", "C1 ", "#N/A", ".5", "+1"].some(isOwnTextId)).toBe(false);
});
