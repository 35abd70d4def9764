import fc from "fast-check";
import { gradeTable, type GradeResult } from "../../../src/engine/grade/pipeline";
import { customerRows } from "../../../src/engine/report/customerTable";
import { KIND_CUSTOMER } from "../../../src/engine/grade/aggregate";
import type { Cell } from "../../../src/engine/common/types";

const HEADER = ["Customer", "Date", "Amount", "Order"];

/** Transactions with small id and day ranges (so ties are common) and 2-dp amounts, some bad. */
const rowArb = fc.record({
  id: fc.oneof(fc.constantFrom("", "  "), fc.integer({ min: 1, max: 30 }).map((n) => `C${n}`), fc.integer({ min: 1, max: 30 })),
  day: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 400 }).map((d) => 45000 + d) }, { weight: 1, arbitrary: fc.constantFrom<Cell>("not a date", "", "2024-02-30") }),
  cents: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -5000, max: 200000 }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) }),
  order: fc.integer({ min: 1, max: 60 }),
});
const tableArb = fc.array(rowArb, { minLength: 1, maxLength: 120 }).map((rows) => [
  HEADER,
  ...rows.map((r) => [r.id, r.day, Number.isNaN(r.cents) ? "n/a" : r.cents / 100, `O${r.order}`] as Cell[]),
]);
const binsArb = fc.integer({ min: 2, max: 10 });

function grade(cells: Cell[][], options = {}): GradeResult | null {
  const outcome = gradeTable({ cells }, options);
  return outcome.ok ? outcome.result : null;
}

describe("grading properties (fast-check)", () => {
  it("conserves rows: included + excluded = rows read, and every excluded row has one reason", () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        const outcome = gradeTable({ cells });
        if (!outcome.ok) {
          expect(outcome.issues[0].code).toBe("no_valid_purchases");
          return;
        }
        const { report } = outcome.result;
        const excluded = Object.values(report.excluded).reduce((s, r) => s + r.count, 0);
        expect(report.rowsRead).toBe(cells.length - 1);
        expect(report.included + excluded).toBe(report.rowsRead);
      }),
    );
  });

  it("does not depend on row order", () => {
    fc.assert(
      fc.property(tableArb, fc.integer(), (cells, seed) => {
        const [header, ...rows] = cells;
        const shuffled = rows
          .map((row, i) => ({ row, key: Math.sin(seed + i * 7919) }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.row);
        const a = grade(cells);
        const b = grade([header, ...shuffled]);
        expect(b === null).toBe(a === null);
        if (a && b) expect(customerRows(b)).toEqual(customerRows(a));
      }),
    );
  });

  it("keeps scores within 1…bins, gives equal values equal scores, and never a lower M score for more money", () => {
    fc.assert(
      fc.property(tableArb, binsArb, (cells, bins) => {
        const r = grade(cells, { bins });
        if (!r) return;
        const { measures: m, grades: g } = r;
        const idx = Array.from(m.customerIndexes);
        for (const c of idx) for (const s of [g.rScore[c], g.fScore[c], g.mScore[c]]) expect(s >= 1 && s <= bins).toBe(true);
        for (const a of idx)
          for (const b of idx) {
            if (m.monetary[a] === m.monetary[b]) expect(g.mScore[a]).toBe(g.mScore[b]);
            if (m.monetary[a] > m.monetary[b]) expect(g.mScore[a]).toBeGreaterThanOrEqual(g.mScore[b]);
            if (m.frequency[a] === m.frequency[b]) expect(g.fScore[a]).toBe(g.fScore[b]);
            if (m.recencyDays[a] === m.recencyDays[b]) expect(g.rScore[a]).toBe(g.rScore[b]);
            if (m.recencyDays[a] < m.recencyDays[b]) expect(g.rScore[a]).toBeGreaterThanOrEqual(g.rScore[b]);
          }
      }),
    );
  });

  it("ntile fills levels evenly: bucket sizes differ by at most one", () => {
    fc.assert(
      fc.property(tableArb, binsArb, (cells, bins) => {
        const r = grade(cells, { bins, method: "ntile" });
        if (!r) return;
        const n = r.measures.customerIndexes.length;
        const counts = r.summary.levelCounts.monetary;
        for (let k = 0; k < bins; k++) {
          const expected = Math.ceil(((k + 1) * n) / bins) - Math.ceil((k * n) / bins);
          expect(counts[k]).toBe(expected);
        }
      }),
    );
  });

  it("gives the same result for the same input, every time", () => {
    fc.assert(fc.property(tableArb, (cells) => expect(JSON.stringify(grade(cells) && customerRows(grade(cells)!))).toBe(JSON.stringify(grade(cells) && customerRows(grade(cells)!)))));
  });

  it("puts every graded customer in exactly one value tier, with tier A holding less than the A share before its last member", () => {
    fc.assert(
      fc.property(tableArb, (cells) => {
        const r = grade(cells);
        if (!r) return;
        const idx = Array.from(r.measures.customerIndexes);
        expect(idx.every((c) => r.grades.valueTier[c] <= 2)).toBe(true);
        expect(idx.some((c) => r.grades.valueTier[c] === 0)).toBe(true); // the top customer is always A
        expect(idx.every((c) => r.measures.kind[c] === KIND_CUSTOMER)).toBe(true);
      }),
    );
  });
});
