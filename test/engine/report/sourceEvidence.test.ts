/**
 * SourceEvidence gathers a data sheet's column types as rows stream by; what it gathers must not
 * depend on how the rows were cut into batches or on when the columns became known (the CLI learns
 * them after the engine's first 1,000 rows, or only at the end). Checked against a direct reading
 * of the whole table (written here, not the class's own `of`).
 */
import fc from "fast-check";
import { SourceEvidence, plainNumber, timeFraction } from "../../../src/engine/report/dataPlan";
import type { Cell } from "../../../src/engine/common/types";

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(""),
  fc.integer({ min: -5, max: 500 }),
  fc.constantFrom("12", "0042", "3.5", "x", "2024-01-02 10:30", "2024-01-02"),
  fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }),
  fc.constant(undefined as unknown as Cell),
);

/** The evidence read straight off the whole table: per column any / all numbers / all Dates / a Date with a time; rows with a time in the date column. */
function direct(table: Cell[][], dataStart: number, date: number) {
  const rows = table.slice(dataStart);
  const width = Math.max(0, ...rows.map((r) => r.length));
  const cols = Array.from({ length: width }, (_, k) => {
    const values = rows.map((r) => r[k]).filter((v) => v !== undefined && v !== null && v !== "");
    return {
      any: values.length > 0,
      numbers: values.every((v) => typeof v === "number" || (typeof v === "string" && plainNumber(v) !== null)),
      dates: values.every((v) => v instanceof Date),
      withTime: values.some((v) => v instanceof Date && timeFraction(v) > 0),
    };
  });
  return { rows: rows.length, cols, times: rows.map((r) => timeFraction(r[date]) > 0) };
}

test("the same evidence however the rows are batched and whenever the columns are known", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { maxLength: 5 }), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 0, max: 3 }),
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 0, max: 80 }),
      fc.integer({ min: 0, max: 4 }),
      (table, dataStartWanted, cuts, knownAfter, date) => {
        const dataStart = Math.min(dataStartWanted, table.length);
        const columns = { dataStart, mapping: { date } };
        const evidence = new SourceEvidence();
        let at = 0;
        for (let c = 0; at < table.length; c = (c + 1) % cuts.length) {
          const batch = table.slice(at, at + cuts[c]);
          at += batch.length;
          evidence.push(batch, at >= Math.max(knownAfter, dataStart) ? columns : undefined);
        }
        evidence.finish(columns);
        const want = direct(table, dataStart, date);
        expect(evidence.rows).toBe(want.rows);
        want.cols.forEach((c, k) => {
          expect(Boolean(evidence.any[k])).toBe(c.any);
          if (!c.any) return;
          expect(!evidence.notNumber[k]).toBe(c.numbers);
          expect(!evidence.notDate[k]).toBe(c.dates);
          if (c.dates) expect(Boolean(evidence.dateWithTime[k])).toBe(c.withTime);
        });
        want.times.forEach((t, i) => expect(evidence.hasTimeOfDay(i)).toBe(t));
        expect(evidence.sample.length).toBe(Math.min(200, want.rows));
      },
    ),
    { numRuns: 300 },
  );
});

test("a restart forgets every row", () => {
  const evidence = new SourceEvidence();
  const columns = { dataStart: 1, mapping: { date: 1 } };
  evidence.push([["a", "b"], ["x", new Date(Date.UTC(2024, 0, 1, 10))]], columns);
  evidence.restart();
  evidence.push([["a", "b"], [1, "2024-01-01"]], columns);
  expect(evidence.rows).toBe(1);
  expect(evidence.notNumber[0]).toBeFalsy();
  expect(evidence.hasTimeOfDay(0)).toBe(false);
});
