/**
 * Per-customer CLV columns against the independent implementation in test/support/referenceClv.ts,
 * the example_transactions oracles, properties, and the cases that must give a message, not numbers.
 */
import * as fs from "fs";
import fc from "fast-check";
import { bgNbdConditionalExpected, clvForResult, clvSummary, fitBgNbd, fitClvModels, hyp2f1, logGamma, toPatterns } from "../../../src/engine/clv";
import { gradeTable } from "../../../src/engine";
import type { GradeResult } from "../../../src/engine/grade/pipeline";
import { refClv, refConditionalExpected, refExpectedSpend, refHyp2f1, refLogGamma, refPAlive } from "../../support/referenceClv";
import { gradedCdnowSample } from "../../support/cdnow";
import { datasetFile } from "../../support/datasets";
import { runCli, tempDir, readCsv } from "../../support/runCli";
import * as path from "path";

function grade(cells: unknown[][], asOf: string, zero: "include" | "exclude" = "exclude"): GradeResult {
  const outcome = gradeTable({ cells: cells as never }, { asOf, zeroAmounts: zero } as never);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.result;
}

describe("special functions against independent formulas", () => {
  test("log-gamma agrees with Stirling's series", () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 500, noNaN: true }), (x) => Math.abs(logGamma(x) - refLogGamma(x)) <= 1e-9 * Math.max(1, Math.abs(refLogGamma(x)))));
  });
  test("2F1 series agrees with the Euler integral and with closed forms", () => {
    for (const z of [0.1, 0.5, 0.9]) expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 30, noNaN: true }), fc.double({ min: 0.05, max: 30, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0, max: 0.8, noNaN: true }), (a, b, extra, z) => {
        const c = b + extra;
        const got = hyp2f1(a, b, c, z), want = refHyp2f1(a, b, c, z);
        return Math.abs(got - want) <= 1e-6 * Math.abs(want);
      }),
      { numRuns: 200 },
    );
  });
});

describe("CLV columns on CDNOW (weeks)", () => {
  let result: GradeResult;
  beforeAll(async () => {
    result = await gradedCdnowSample();
  });

  test("every customer's p_alive, expected purchases, spend and CLV equal the reference implementation", () => {
    const out = clvForResult(result, { unit: "week" });
    if (!out.ok) throw new Error(out.message);
    const { columns } = out;
    const s = clvSummary(result.transactions, result.asOfDay, "week");
    const bg = columns.fit.bgnbd, gg = columns.fit.gammagamma;
    let checked = 0;
    // Every 23rd customer: the reference integrates numerically, so all 2,357 would be slow.
    for (let i = 0; i < s.customers.length; i += 23) {
      const c = s.customers[i];
      const x = s.x[i], tx = s.tx[i], T = s.T[i];
      const spend = refExpectedSpend(gg, x, s.zbar[i]);
      const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
      close(columns.pAlive[c], refPAlive(bg, x, tx, T));
      close(columns.expectedPurchases90d[c], refConditionalExpected(bg, 90 / 7, x, tx, T));
      close(columns.expectedSpend[c], spend);
      close(columns.clv[c], refClv(bg, spend, x, tx, T, 7));
      ++checked;
    }
    expect(checked).toBeGreaterThan(100);
    for (const c of result.measures.customerIndexes) for (const arr of [columns.pAlive, columns.expectedPurchases90d, columns.expectedSpend, columns.clv]) expect(Number.isFinite(arr[c])).toBe(true);
  });

  test("p_alive is in (0, 1], expectations grow with the horizon, CLV is positive", () => {
    const out = clvForResult(result, { unit: "week" });
    if (!out.ok) throw new Error(out.message);
    const bg = out.columns.fit.bgnbd;
    const s = clvSummary(result.transactions, result.asOfDay, "week");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: s.customers.length - 1 }), fc.double({ min: 0.5, max: 100, noNaN: true }), (i, t) => {
        const c = s.customers[i];
        const p = out.columns.pAlive[c];
        const e1 = bgNbdConditionalExpected(bg, t, s.x[i], s.tx[i], s.T[i]);
        const e2 = bgNbdConditionalExpected(bg, t * 2, s.x[i], s.tx[i], s.T[i]);
        return p > 0 && p <= 1 && e1 > 0 && e2 > e1 && out.columns.clv[c] > 0;
      }),
    );
  });

  test("a higher discount rate lowers every CLV; a longer horizon raises it", () => {
    const base = clvForResult(result, { unit: "week" });
    const discounted = clvForResult(result, { unit: "week", monthlyDiscount: 0.05 });
    const longer = clvForResult(result, { unit: "week", horizonMonths: 24 });
    if (!base.ok || !discounted.ok || !longer.ok) throw new Error("fit failed");
    for (const c of result.measures.customerIndexes) {
      expect(discounted.columns.clv[c]).toBeLessThan(base.columns.clv[c]);
      expect(longer.columns.clv[c]).toBeGreaterThan(base.columns.clv[c]);
    }
  });

  test("tiers fit --json gives the published fits from the raw transactions", async () => {
    const dir = tempDir();
    const out = path.join(dir, "fit.json");
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as { write: unknown }).write = (chunk: string) => (chunks.push(String(chunk)), true);
    let code: number;
    try {
      ({ code } = await runCli(["fit", datasetFile("cdnow-lifetimes/CDNOW_sample.txt"), "--customer", "2", "--date", "3", "--amount", "5", "--period", "week", "--as-of", "1997-10-01", "--zero-amounts", "include", "--json"]));
    } finally {
      (process.stdout as { write: unknown }).write = write;
    }
    expect(code).toBe(0);
    fs.writeFileSync(out, chunks.join(""));
    const fit = JSON.parse(chunks.join(""));
    expect(Object.keys(fit)).toEqual(["customers", "repeaters", "bgnbd", "mbgnbd", "paretonbd", "gammagamma"]);
    expect([fit.customers, fit.repeaters, fit.gammagamma.n]).toEqual([2357, 946, 946]);
    const within = (got: number, want: number, tol: number) => expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(tol);
    within(fit.bgnbd.r, 0.2425945, 1e-3);
    within(fit.bgnbd.alpha, 4.4136019, 1e-3);
    within(fit.bgnbd.a, 0.7929199, 1e-3);
    within(fit.bgnbd.b, 2.4258881, 1e-3);
    expect(Math.abs(fit.bgnbd.ll - -9582.43)).toBeLessThanOrEqual(0.01);
    // MBG/NBD: the published MLE (BTYDplus) r, α, a, b = 0.525, 6.183, 0.891, 1.614.
    expect([fit.mbgnbd.r, fit.mbgnbd.alpha, fit.mbgnbd.a, fit.mbgnbd.b].map((v: number) => v.toFixed(3))).toEqual(["0.525", "6.183", "0.891", "1.614"]);
    expect(Object.keys(fit.mbgnbd)).toEqual(["r", "alpha", "a", "b", "ll"]);
    expect(Math.abs(fit.paretonbd.ll - -9594.97)).toBeLessThanOrEqual(0.05);
    within(fit.gammagamma.p, 6.2488, 5e-3);
    within(fit.gammagamma.q, 3.7446, 5e-3);
    within(fit.gammagamma.gamma, 15.4478, 5e-3);
    expect(Math.abs(fit.gammagamma.ll - -4055.92)).toBeLessThanOrEqual(0.01);
  });
});

describe("example_transactions (lifetimes, days)", () => {
  test("BG/NBD MLE r=0.163851 α=1.86428 a=1.850342 b=3.181056, LL −39248.63, E[Y(30)] for ids 0–4", () => {
    const lines = fs.readFileSync(datasetFile("lifetimes-misc/example_transactions.csv"), "utf8").trim().split(/\r?\n/);
    const cells: unknown[][] = [["customer", "date", "amount"]];
    for (const line of lines.slice(1)) {
      const [date, id] = line.split(",");
      cells.push([id, date.slice(0, 10), 1]);
    }
    // Observation end 2014-12-31: T counts to the day before the as-of date.
    const result = grade(cells, "2015-01-01");
    const s = clvSummary(result.transactions, result.asOfDay, "day");
    const fit = fitBgNbd(toPatterns(s.x, s.tx, s.T), 30);
    const want = { r: 0.163851, alpha: 1.86428, a: 1.850342, b: 3.181056 };
    for (const key of Object.keys(want) as (keyof typeof want)[]) expect(Math.abs(fit.params[key] - want[key]) / want[key]).toBeLessThan(1e-3);
    expect(Math.abs(fit.ll - -39248.63)).toBeLessThan(0.01);
    const index = new Map<string, number>();
    for (let i = 0; i < s.customers.length; ++i) index.set(result.measures.ids[s.customers[i]], i);
    const summaries = ["0", "1", "2", "3", "4"].map((id) => index.get(id)!).map((i) => [s.x[i], s.tx[i], s.T[i]]);
    expect(summaries).toEqual([[0, 0, 298], [0, 0, 224], [6, 142, 292], [0, 0, 147], [2, 9, 183]]);
    const e30 = [0.016053, 0.021171, 0.030461, 0.031686, 0.001607];
    summaries.forEach(([x, tx, T], k) => expect(Math.abs(bgNbdConditionalExpected(fit.params, 30, x, tx, T) - e30[k])).toBeLessThan(2e-6));
  });
});

describe("data that cannot support a fit gives a message, not numbers", () => {
  const header = ["customer", "date", "amount"];
  test("no repeat customers", () => {
    const cells = [header, ...Array.from({ length: 50 }, (_, i) => [`c${i}`, `2024-0${1 + (i % 6)}-10`, 10 + i])];
    const out = clvForResult(grade(cells, "2024-07-01"), { unit: "day" });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.message).toMatch(/repeat customers/);
      expect(out.zh).toBe("50 位客户中只有 0 位在不止一天购买过；计算客户终身价值至少需要 10 位回头客。");
    }
  });
  test("every purchase on the day before the as-of date", () => {
    const cells = [header, ...Array.from({ length: 40 }, (_, i) => [`c${i % 20}`, "2024-06-30", 10 + i])];
    const out = clvForResult(grade(cells, "2024-07-01"), { unit: "day" });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.message).toMatch(/repeat customers|no history/);
      expect(out.zh).toMatch(/回头客|没有可供拟合的购买历史/);
    }
  });
  test("spend per purchase that rises with frequency (Gamma-Gamma's independence fails)", () => {
    const cells: unknown[][] = [header];
    for (let c = 0; c < 60; ++c) {
      const visits = 2 + (c % 10);
      for (let v = 0; v < visits; ++v) cells.push([`c${c}`, `2024-0${1 + (v % 6)}-${String(1 + v + (c % 5)).padStart(2, "0")}`, visits * 50 + (c % 3)]);
    }
    const result = grade(cells, "2024-07-01");
    const fitted = fitClvModels(result.transactions, result.asOfDay, "day");
    expect(fitted.ok).toBe(false);
    if (!fitted.ok) {
      expect(fitted.message).toMatch(/correlated/);
      expect(fitted.zh).toMatch(/^购买频次与单次消费相关（r = -?\d\.\d\d）；Gamma-Gamma 消费模型假定二者独立，因此不给出客户终身价值。$/);
    }
  });
});

describe("the refusal in Chinese through the CLI", () => {
  test("tiers grade --clv --lang zh and tiers fit --lang zh give the reason in Chinese", async () => {
    const file = path.join(tempDir(), "one-time.csv");
    fs.writeFileSync(file, "customer,date,amount\n" + Array.from({ length: 30 }, (_, i) => `c${i},2024-0${1 + (i % 6)}-10,${10 + i}`).join("\n") + "\n");
    const graded = await runCli(["grade", file, "--clv", "--lang", "zh"]);
    expect(graded.code).toBe(0);
    expect(graded.stderr).toContain("未计算客户终身价值（输出中没有 CLV 列）：30 位客户中只有 0 位在不止一天购买过；计算客户终身价值至少需要 10 位回头客。");
    expect(graded.stderr).not.toContain("repeat customers");
    const fitted = await runCli(["fit", file, "--lang", "zh"]);
    expect(fitted.code).toBe(2);
    expect(fitted.stderr).toContain("30 位客户中只有 0 位在不止一天购买过");
  });
});

describe("tiers grade --clv", () => {
  test("adds the four SPEC columns, all numbers, for every customer", async () => {
    const dir = tempDir();
    const out = path.join(dir, "clv.csv");
    const { code, stderr } = await runCli(["grade", datasetFile("cdnow-lifetimes/CDNOW_sample.txt"), "--customer", "2", "--date", "3", "--amount", "5", "--period", "week", "--as-of", "1997-10-01", "--zero-amounts", "include", "--clv", "--out", out]);
    expect(stderr).not.toMatch(/no CLV/);
    expect(code).toBe(0);
    const rows = readCsv(out);
    expect(rows[0].slice(-4)).toEqual(["p_alive", "expected_purchases_90d", "expected_spend", "clv_12m"]);
    expect(rows.length - 1).toBe(2357);
    for (const row of rows.slice(1)) for (const cell of row.slice(-4)) expect(Number.isFinite(Number(cell)) && cell !== "").toBe(true);
  });
});

describe("holdout tracking and CLV tiers", () => {
  test("CDNOW: actual cumulative repeat purchases are counted exactly; expected equals a direct per-customer sum", async () => {
    const { trackingCurve, calibrationView, fitClvModels, bgNbdExpected } = await import("../../../src/engine/clv");
    const { parseCommonArgs } = await import("../../../src/cli/args");
    const { gradeFile } = await import("../../../src/cli/grade");
    const { result } = await gradeFile(parseCommonArgs([datasetFile("cdnow-lifetimes/CDNOW_sample.txt"), "--customer", "2", "--date", "3", "--amount", "5", "--as-of", "1998-07-01", "--zero-amounts", "include"]));
    const end = result.asOfDay - 273; // 1997-10-01
    const fitted = fitClvModels(calibrationView(result.transactions, end), end, "week", ["bgnbd"]);
    if (!fitted.ok) throw new Error(fitted.message);
    // The calibration fit is Hardie's (same summary).
    expect(Math.abs(fitted.fit.bgnbd.r - 0.2425945) / 0.2425945).toBeLessThan(1e-3);
    const points = trackingCurve(result.transactions, result.asOfDay, end, "week", fitted.fit.bgnbd);
    expect(points.length).toBe(78);
    expect(points.filter((p) => p.calibration).length).toBe(39);
    // Independent count of repeat purchase days from the raw file.
    const lines = fs.readFileSync(datasetFile("cdnow-lifetimes/CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/).map((l) => l.trim().split(/\s+/));
    const days = new Map<string, Set<string>>();
    for (const l of lines) (days.get(l[1]) ?? days.set(l[1], new Set()).get(l[1])!).add(l[2]);
    let repeat = 0;
    for (const set of days.values()) repeat += set.size - 1;
    expect(points[points.length - 1].actual).toBe(repeat);
    // Expected at the last week, customer by customer (no grouping by first day).
    const firsts = [...days.values()].map((set) => Math.min(...[...set].map((d) => Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8)) / 86400000)));
    const want = firsts.reduce((s, f) => s + bgNbdExpected(fitted.fit.bgnbd, (result.asOfDay - 1 - f) / 7), 0);
    expect(Math.abs(points[points.length - 1].expected - want)).toBeLessThan(1e-6 * want);
    // The model tracks the holdout: within 10% of the actual cumulative count at week 78 (FHL 2005, fig. 3).
    expect(Math.abs(points[77].expected - points[77].actual) / points[77].actual).toBeLessThan(0.1);
    for (let k = 1; k < points.length; ++k) expect(points[k].actual >= points[k - 1].actual && points[k].expected >= points[k - 1].expected).toBe(true);
  });

  test("CLV tiers follow the Pareto rule on predicted value", async () => {
    const { clvTiers } = await import("../../../src/engine/clv");
    const result = await gradedCdnowSample();
    const out = clvForResult(result, { unit: "week" });
    if (!out.ok) throw new Error(out.message);
    const tiers = clvTiers(result, out.columns.clv);
    const customers = Array.from(result.measures.customerIndexes);
    const sorted = customers.slice().sort((a, b) => out.columns.clv[b] - out.columns.clv[a] || (result.measures.ids[a] < result.measures.ids[b] ? -1 : 1));
    const total = sorted.reduce((s, c) => s + out.columns.clv[c], 0);
    let before = 0;
    for (const c of sorted) {
      const share = before / total;
      expect(tiers[c]).toBe(share < 0.8 ? 0 : share < 0.95 ? 1 : 2);
      before += out.columns.clv[c];
    }
  });
});
