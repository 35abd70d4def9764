/** Breakdown by a dimension (SPEC §5.6): majority of valid revenue, ties → latest purchase, then row order. */
import fc from "fast-check";
import { gradeTable } from "../../../src/engine/grade/pipeline";
import { breakdownBySegment, customerDimensions } from "../../../src/engine/grade/breakdown";
import type { Cell } from "../../../src/engine/common/types";

const HEADER = ["Customer", "Date", "Amount", "Region"];

function breakdownById(cells: Cell[][], asOf = "2024-07-01") {
  const outcome = gradeTable({ cells, mapping: { dimension: "Region" } }, { asOf });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  const result = outcome.result;
  const breakdown = customerDimensions(result);
  if (!breakdown) throw new Error("no breakdown");
  const byId: Record<string, string | null> = {};
  for (const c of result.measures.customerIndexes) byId[result.measures.ids[c]] = breakdown.value[c] < 0 ? null : breakdown.values[breakdown.value[c]];
  return { byId, breakdown, result };
}

/**
 * An independent oracle, written from SPEC §5.6 over plain rows that are all valid purchases
 * (ISO dates, positive amounts, non-blank ids): sums per (customer, value) in cents, then the rules.
 */
function oracle(rows: { id: string; date: string; cents: number; region: string }[]): Record<string, string | null> {
  const per = new Map<string, Map<string, { cents: number; last: string; first: number }>>();
  rows.forEach((r, i) => {
    if (!per.has(r.id)) per.set(r.id, new Map());
    if (r.region.trim() === "") return;
    const m = per.get(r.id)!;
    const e = m.get(r.region.trim()) ?? { cents: 0, last: "", first: i };
    e.cents += r.cents;
    if (r.date > e.last) e.last = r.date;
    m.set(r.region.trim(), e);
  });
  const out: Record<string, string | null> = {};
  for (const [id, m] of per) {
    const ranked = [...m.entries()].sort(([, a], [, b]) => b.cents - a.cents || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0) || a.first - b.first);
    out[id] = ranked.length ? ranked[0][0] : null;
  }
  return out;
}

describe("breakdown by a dimension", () => {
  test("the value carrying most revenue wins, not the most rows", () => {
    const { byId } = breakdownById([
      HEADER,
      ["a", "2024-01-01", 10, "North"], ["a", "2024-02-01", 10, "North"], ["a", "2024-03-01", 30, "South"],
    ]);
    expect(byId).toEqual({ a: "South" });
  });

  test("a tie goes to the value of the latest purchase, then to the first in row order", () => {
    const { byId } = breakdownById([
      HEADER,
      ["late", "2024-05-01", 50, "East"], ["late", "2024-01-01", 50, "West"], // East is the later
      ["same", "2024-03-01", 0.1, "Shop 2"], ["same", "2024-03-01", 0.2, "Shop 2"], ["same", "2024-03-01", 0.3, "Shop 1"], // 0.1 + 0.2 ties 0.3, same day: first row
    ]);
    expect(byId).toEqual({ late: "East", same: "Shop 2" });
  });

  test("only valid purchases count; blank values are no value; values are trimmed", () => {
    const { byId } = breakdownById([
      HEADER,
      ["x", "2024-01-01", 10, " North "], ["x", "not a date", 999, "South"], ["x", "2024-02-01", -500, "South"], ["x", "2024-08-01", 999, "South"], // bad date, return, after as-of
      ["y", "2024-01-01", 10, ""], ["y", "2024-01-02", 5, "North"],
      ["z", "2024-01-01", 10, ""],
    ]);
    expect(byId).toEqual({ x: "North", y: "North", z: null });
  });

  test("an unknown column is refused by name, in English and Chinese", () => {
    const outcome = gradeTable({ cells: [HEADER, ["a", "2024-01-01", 1, "N"]], mapping: { dimension: "Channel" } }, { asOf: "2024-07-01" });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues[0].message).toContain('No column "Channel" for dimension');
    expect(outcome.issues[0].zh).toContain("细分维度");
  });

  test("dimension × segment: customers and revenue add up to the graded totals; shares to 1", () => {
    const { breakdown, result } = breakdownById([
      HEADER,
      ["a", "2024-06-01", 100, "N"], ["b", "2024-01-01", 50, "N"], ["c", "2024-06-20", 70, "S"], ["d", "2023-09-01", 20, ""],
    ]);
    const cells = breakdownBySegment(result, breakdown);
    expect(cells.reduce((s, c) => s + c.customers, 0)).toBe(4);
    expect(cells.reduce((s, c) => s + c.revenue, 0)).toBeCloseTo(240, 9);
    expect(cells.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
    expect(cells[cells.length - 1].value).toBe(-1); // customers without a value come last
    expect(new Set(cells.map((c) => `${c.value}:${c.segment}`)).size).toBe(cells.length);
  });

  test("property: agrees with the independent computation on random valid purchases", () => {
    const rowArb = fc.record({
      id: fc.constantFrom("c1", "c2", "c3", "c4"),
      date: fc.integer({ min: 1, max: 28 }).map((d) => `2024-03-${String(d).padStart(2, "0")}`),
      cents: fc.integer({ min: 1, max: 400 }),
      region: fc.constantFrom("N", "S", "E", " N", ""),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), (rows) => {
        const cells: Cell[][] = [HEADER, ...rows.map((r) => [r.id, r.date, r.cents / 100, r.region])];
        expect(breakdownById(cells).byId).toEqual(oracle(rows));
      }),
      { numRuns: 150 },
    );
  });
});
