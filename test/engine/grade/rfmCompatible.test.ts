/**
 * Method "rfm": the scores R's rfm 0.3.0 gives, against its own test expectations (bins of mtcars$mpg),
 * a step-by-step transcription of its rules (test/support/referenceRfm.ts), and hand-checked cases.
 */
import fc from "fast-check";
import { gradeTable, type GradeResult } from "../../../src/engine/grade/pipeline";
import { rfmBreaksOfSorted, scoreByRfmBins } from "../../../src/engine/grade/rfmCompatible";
import type { Cell } from "../../../src/engine/common/types";
import { rfmTableOrder } from "../../support/referenceRfm";

const MTCARS_MPG = [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4];

function grade(cells: Cell[][], options: object): GradeResult {
  const outcome = gradeTable({ cells }, options);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.result;
}

function scoresById(result: GradeResult): Map<string, [number, number, number, number]> {
  const { measures, grades } = result;
  const out = new Map<string, [number, number, number, number]>();
  for (const c of measures.customerIndexes) out.set(measures.ids[c], [grades.rScore[c], grades.fScore[c], grades.mScore[c], measures.frequency[c]]);
  return out;
}

describe("method rfm (R rfm 0.3.0 rfm_table_order)", () => {
  test("breaks of mtcars$mpg are rfm's test expectations 16.20, 18.92, 22.00, 25.08", () => {
    const breaks = Array.from(rfmBreaksOfSorted(Float64Array.from(MTCARS_MPG).sort(), 5));
    expect(breaks.map((b) => b.toFixed(2))).toEqual(["16.20", "18.92", "22.00", "25.08"]);
    // bins_lower starts at the minimum (10.4) and bins_upper ends at max + 1 (34.9): both ends score.
    const s = scoreByRfmBins(Float64Array.of(10.4, 16.2, 16.19, 33.9), breaks, false);
    expect(Array.from(s)).toEqual([1, 2, 1, 5]);
  });

  test("hand-checked: the +1, half-open bins, ties, an empty level and R reversed", () => {
    // Five customers with 1, 1, 1, 2, 6 rows (one order each row, all on 2024-01-01 … ; as-of 2024-02-01).
    // Frequencies sorted 1 1 1 2 6, bins 3: quantiles at 1/3 and 2/3 = 1 and 1.6667 → breaks 2 and 2.6667.
    // F: [1, 2) → 1 for the three 1s; 2 ∈ [2, 2.67) → 2; 6 ∈ [2.67, 7) → 3.
    const rows: Cell[][] = [["Customer", "Date", "Amount", "Order"]];
    const add = (id: string, day: string, amount: number, order: string) => rows.push([id, day, amount, order]);
    add("A", "2024-01-31", 10, "a1");
    add("B", "2024-01-21", 10, "b1");
    add("C", "2024-01-11", 10, "c1");
    add("D", "2024-01-30", 5, "d1");
    add("D", "2024-01-30", 5, "d1"); // two lines of one order: rfm counts rows, so frequency 2
    for (let k = 0; k < 6; ++k) add("E", `2024-01-0${k + 1}`, 20, "e" + k);
    const scores = scoresById(grade(rows, { method: "rfm", bins: 3, asOf: "2024-02-01" }));
    expect(scores.get("A")![3]).toBe(1);
    expect(scores.get("D")![3]).toBe(2); // rows, not orders
    expect(["A", "B", "C", "D", "E"].map((id) => scores.get(id)![1])).toEqual([1, 1, 1, 2, 3]);
    // Recency days: A 1, B 11, C 21, D 2, E 26 → sorted 1 2 11 21 26; quantiles 2 + (2/3)·9 = 8 and
    // 11 + (1/3)·10 = 14.33 → breaks 9 and 15.33. Bins: [1, 9) → 1, [9, 15.33) → 2, [15.33, 27) → 3;
    // R = 3 + 1 − bin: A 3, D 3, B 2, C 1, E 1.
    expect(["A", "B", "C", "D", "E"].map((id) => scores.get(id)![0])).toEqual([3, 2, 1, 3, 1]);
    // Monetary 10 10 10 10 120: quantiles 10 and 10 → breaks 11 and 11: level 2 is empty, 120 scores 3.
    expect(["A", "B", "C", "D", "E"].map((id) => scores.get(id)![2])).toEqual([1, 1, 1, 1, 3]);
  });

  test("on random logs every customer's R, F, M and row count equal the transcription of rfm's code", () => {
    const rowArb = fc.record({ id: fc.integer({ min: 1, max: 25 }), day: fc.integer({ min: 0, max: 300 }), cents: fc.integer({ min: 1, max: 50000 }) });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 3, maxLength: 150 }), fc.integer({ min: 2, max: 7 }), (raw, bins) => {
        const base = Date.UTC(2024, 0, 1) / 86400000;
        const iso = (d: number) => new Date((base + d) * 86400000).toISOString().slice(0, 10);
        const cells: Cell[][] = [["Customer", "Date", "Amount"], ...raw.map((r) => [`C${r.id}`, iso(r.day), r.cents / 100] as Cell[])];
        const asOfDay = Math.max(...raw.map((r) => r.day)) + 1;
        const got = scoresById(grade(cells, { method: "rfm", bins }));
        const want = rfmTableOrder(raw.map((r) => ({ customer: `C${r.id}`, day: r.day, revenue: r.cents / 100 })), asOfDay, bins);
        for (const w of want) expect([w.customer, ...got.get(w.customer)!]).toEqual([w.customer, w.r, w.f, w.m, w.transactions]);
      }),
      { numRuns: 150 },
    );
  });
});

describe("--breaks: your own breakpoints", () => {
  test("parse, score as quantile breaks do, and refuse what is not bins − 1 ascending numbers", async () => {
    const { parseBreaks } = await import("../../../src/engine/grade/breaksSpec");
    const ok = parseBreaks("r=30,90,180,365;f=1,2,5,10;m=250,500,1000,5000");
    expect(ok).toEqual({ ok: true, bins: 5, breaks: { recency: [30, 90, 180, 365], frequency: [1, 2, 5, 10], monetary: [250, 500, 1000, 5000] } });
    expect(parseBreaks("r=1,2;f=1;m=1,2").ok).toBe(false);
    expect(parseBreaks("r=2,1;f=1,2;m=1,2").ok).toBe(false);
    expect(parseBreaks("r=1,2;f=1,2").ok).toBe(false);
    expect(parseBreaks("r=1,2;f=1,2;m=1,2", 5).ok).toBe(false);
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ["A", "2024-01-01", 100], ["B", "2024-03-01", 600], ["B", "2024-03-02", 600], ["C", "2024-03-30", 6000]];
    if (!ok.ok) throw new Error();
    const scores = scoresById(grade(cells, { method: "fixed", fixedBreaks: ok.breaks, bins: 5, asOf: "2024-04-01" }));
    // A: recency 91 → breaks below it 30, 90 → R = 5 − 2 = 3; F 1 → 1; M 100 → 1.
    // B: recency 30 → none below (30 is not > 30) → R 5; F 2 → 1 + #{1} = 2; M 1200 → 1 + #{250,500,1000} = 4.
    // C: recency 2 → R 5; F 1 → 1; M 6000 → 5.
    expect(["A", "B", "C"].map((id) => scores.get(id)!.slice(0, 3))).toEqual([[3, 1, 1], [5, 2, 4], [5, 1, 5]]);
  });

  test("tiers grade --breaks and --method rfm through the CLI; bad values exit 2 with the reason", async () => {
    const { runCli, tempDir, readCsv } = await import("../../support/runCli");
    const fs = await import("fs");
    const path = await import("path");
    const dir = tempDir();
    const file = path.join(dir, "t.csv");
    fs.writeFileSync(file, "Customer,Date,Amount\nA,2024-01-01,100\nB,2024-03-01,600\nB,2024-03-02,600\nC,2024-03-30,6000\n");
    const out = path.join(dir, "o.csv");
    expect((await runCli(["grade", file, "--as-of", "2024-04-01", "--breaks", "r=30,90,180,365;f=1,2,5,10;m=250,500,1000,5000", "--out", out])).code).toBe(0);
    const [header, ...body] = readCsv(out);
    expect(body.map((r) => r[header.indexOf("rfm_score")])).toEqual(["311", "524", "515"]);
    expect((await runCli(["grade", file, "--method", "rfm", "--out", out])).code).toBe(0);
    const bad = await runCli(["grade", file, "--breaks", "r=1,2;f=1;m=1,2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("same number of breakpoints");
    expect((await runCli(["grade", file, "--breaks", "r=1;f=1;m=1", "--method", "ntile"])).code).toBe(2);
  });
});
