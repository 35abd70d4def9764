/**
 * Totals rows checked against the rows above them (issue #16): a 合计 / Total row whose amount is the
 * sum of the included rows above (since the last totals row, or all of them) is "checked"; one that is
 * not stays a totals row (excluded) and the note names it. Oracles: sums in whole cents computed here,
 * and the row corpus' totals (computed by its generator from the orders).
 */
import fc from "fast-check";
import { gradeTable } from "../../../src/engine/grade/pipeline";
import { checkTotalRows, PRE_TOTAL_ROW } from "../../../src/engine/read/rowRules";
import { rowFixtures } from "../../fixtures/rows/generate";
import type { Cell } from "../../../src/engine/common/types";

function totalsNote(cells: Cell[][]) {
  const outcome = gradeTable({ cells });
  if (!outcome.ok) throw new Error(outcome.issues[0].message);
  return { note: outcome.result.notes.find((n) => n.code === "total_rows")!, report: outcome.result.report };
}

it("a 合计 row equal to the sum above is checked", () => {
  const { note, report } = totalsNote([["会员ID", "日期", "金额"], ["A", "2024-01-01", 10.1], ["B", "2024-01-02", "20.2"], ["A", "2024-01-03", 0.3], ["合计", "", "30.60"]]);
  expect(report.excluded.total_row.count).toBe(1);
  expect(note.message).toBe("1 totals row (合计 / Total) skipped (total_row; row 5). Its amount equals the sum of the rows above it (checked).");
  expect(note.zh).toContain("金额与上方各行之和一致（已核对）");
});

it("subtotals and a grand total are each checked", () => {
  const { note } = totalsNote([["Customer", "Date", "Amount"], ["A", "2024-01-01", 10], ["B", "2024-01-02", 20], ["Subtotal", "", 30], ["C", "2024-01-03", 5], ["Subtotal", "", 5], ["Grand Total", "", 35]]);
  expect(note.message).toContain("3 totals rows");
  expect(note.message).toContain("Each one's amount equals the sum of the rows above it (checked).");
});

it("a repeated header starts a new subtotal (concatenated exports, each with its 合计)", () => {
  const { note, report } = totalsNote([["会员ID", "日期", "金额"], ["A", "2024-01-01", 10], ["合计", "", 10], ["会员ID", "日期", "金额"], ["B", "2024-02-01", 7], ["C", "2024-02-02", 8], ["合计", "", 15]]);
  expect([report.excluded.header_row.count, report.excluded.total_row.count]).toEqual([1, 2]);
  expect(note.message).toContain("Each one's amount equals the sum of the rows above it (checked).");
});

it("a Total row that is not the sum stays a totals row, and the note names it (it might be a customer)", () => {
  const { note, report } = totalsNote([["Customer", "Date", "Amount"], ["A", "2024-01-01", 10], ["Total", "2024-01-02", 99], ["B", "2024-01-03", 5], ["Total", "", 15]]);
  expect(report.excluded.total_row.count).toBe(2);
  expect(report.included).toBe(2);
  expect(note.message).toContain("1 of them equal the sum of the rows above (checked).");
  expect(note.message).toContain("Not the sum above: row 3 (99; the included rows above sum to 10) — still skipped as totals; if one is a real customer");
  expect(note.zh).toContain("与上方之和不一致：第 3 行（99；上方计入行合计 10）");
});

it("checks any totals row against the cent sums above it (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.constant(-1)), { minLength: 1, maxLength: 40 }), fc.integer({ min: -500, max: 500 }), (centsList, off) => {
      // -1 marks a totals row: its amount is the sum (in cents) since the last one, plus `off` cents on the last.
      const status = new Uint8Array(centsList.length + 1);
      const amount = new Float64Array(centsList.length + 1);
      let since = 0;
      centsList.forEach((c, i) => {
        if (c === -1) {
          status[i] = PRE_TOTAL_ROW;
          amount[i] = since / 100;
          since = 0;
        } else {
          amount[i] = c / 100;
          since += c;
        }
      });
      const last = centsList.length;
      status[last] = PRE_TOTAL_ROW;
      let all = 0;
      for (const c of centsList) if (c > 0) all += c;
      amount[last] = (since + off) / 100;
      const check = checkTotalRows(status, amount, last + 1);
      const totals = centsList.filter((c) => c === -1).length + 1;
      expect(check.rows).toBe(totals);
      const lastMatches = off === 0 || since + off === all;
      expect(check.checked).toBe(totals - (lastMatches ? 0 : 1));
      expect(check.mismatched.map((m) => m.row)).toEqual(lastMatches ? [] : [last]);
    }),
    { numRuns: 500 },
  );
});

it("the corpus' totals rows (computed by the generator) are all checked", () => {
  const withTotals = rowFixtures().filter((f) => (f.expected.excluded.total_row ?? 0) > 0);
  expect(withTotals.length).toBeGreaterThanOrEqual(2);
  for (const f of withTotals) {
    const { note } = totalsNote(f.cells);
    expect([f.name, note.message]).toEqual([f.name, expect.stringMatching(/equals the sum of the rows above it \(checked\)\.$/)]);
  }
});
