/**
 * MBG/NBD against the published MLE on Hardie's CDNOW summary (BTYDplus; reproduced in lifetimes'
 * tests), against an independent implementation (test/support/referenceMbgNbd.ts), and the property
 * that makes it worth having: a one-time buyer can be gone.
 */
import fc from "fast-check";
import { clvForResult, clvSummary, fitMbgNbd, mbgNbdConditionalExpected, mbgNbdLogLikelihood, mbgNbdPAlive, toPatterns } from "../../../src/engine/clv";
import type { GradeResult } from "../../../src/engine/grade/pipeline";
import { refExpectedSpend } from "../../support/referenceClv";
import { refMbgConditionalExpected, refMbgLogLikelihood, refMbgPAlive } from "../../support/referenceMbgNbd";
import { gradedCdnowSample, hardieSummary } from "../../support/cdnow";

const rows = hardieSummary();
const x = Float64Array.from(rows, (r) => r.x), tx = Float64Array.from(rows, (r) => r.tx), T = Float64Array.from(rows, (r) => r.T);
const fit = fitMbgNbd(toPatterns(x, tx, T), 4);

describe("MBG/NBD on Hardie's CDNOW summary", () => {
  test("the MLE is the published r = 0.525, α = 6.183, a = 0.891, b = 1.614", () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.525, 3);
    expect(fit.params.alpha).toBeCloseTo(6.183, 3);
    expect(fit.params.a).toBeCloseTo(0.891, 3);
    expect(fit.params.b).toBeCloseTo(1.614, 3);
  });

  test("its log-likelihood is the independent one summed over customers, and a maximum", () => {
    let want = 0;
    for (let i = 0; i < rows.length; ++i) want += refMbgLogLikelihood(fit.params, x[i], tx[i], T[i]);
    expect(Math.abs(fit.ll - want)).toBeLessThan(1e-6 * Math.abs(want));
    const patterns = toPatterns(x, tx, T);
    for (const key of ["r", "alpha", "a", "b"] as const)
      for (const f of [0.99, 1.01]) expect(mbgNbdLogLikelihood({ ...fit.params, [key]: fit.params[key] * f }, patterns)).toBeLessThan(fit.ll);
  });

  test("P(alive) is below 1 for customers who never came back (BG/NBD says 1), and falls with idle time", () => {
    const p = fit.params;
    expect(mbgNbdPAlive(p, 0, 0, 38.86)).toBeLessThan(1);
    expect(mbgNbdPAlive(p, 0, 0, 38.86)).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0.1, max: 30, noNaN: true }), (xx, t, idle) => {
        const tX = xx === 0 ? 0 : t;
        const a = mbgNbdPAlive(p, xx, tX, tX + idle), b = mbgNbdPAlive(p, xx, tX, tX + idle + 10);
        return a > 0 && a < 1 && b <= a;
      }),
    );
  });

  test("P(alive) and E[Y(t) | x, t_x, T] equal the independent implementation", () => {
    const p = fit.params;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 78, noNaN: true }), fc.double({ min: 1, max: 104, noNaN: true }), (xx, frac, TT, t) => {
        const tX = xx === 0 ? 0 : frac * TT;
        const pa = mbgNbdPAlive(p, xx, tX, TT), want = refMbgPAlive(p, xx, tX, TT);
        const ey = mbgNbdConditionalExpected(p, t, xx, tX, TT), wantEy = refMbgConditionalExpected(p, t, xx, tX, TT);
        return Math.abs(pa - want) <= 1e-9 && Math.abs(ey - wantEy) <= 1e-6 * Math.max(1, wantEy);
      }),
      { numRuns: 60 },
    );
  });
});

describe("CLV columns with --model mbgnbd on CDNOW (weeks)", () => {
  let result: GradeResult;
  beforeAll(async () => {
    result = await gradedCdnowSample();
  });

  test("every sampled customer's p_alive, expected purchases and CLV equal the reference", () => {
    const out = clvForResult(result, { unit: "week", model: "mbgnbd" });
    if (!out.ok) throw new Error(out.message);
    const { columns } = out;
    const p = columns.fit.mbgnbd, gg = columns.fit.gammagamma;
    expect(p.r).toBeCloseTo(0.525, 3);
    const s = clvSummary(result.transactions, result.asOfDay, "week");
    const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
    let oneTime = 0;
    for (let i = 0; i < s.customers.length; i += 97) {
      const c = s.customers[i];
      const xx = s.x[i], tX = s.tx[i], TT = s.T[i];
      close(columns.pAlive[c], refMbgPAlive(p, xx, tX, TT));
      close(columns.expectedPurchases90d[c], refMbgConditionalExpected(p, 90 / 7, xx, tX, TT));
      const spend = refExpectedSpend(gg, xx, s.zbar[i]);
      close(columns.expectedSpend[c], spend);
      // The SPEC §7 sum with the reference expectation in place of BG/NBD's.
      const m = 365.25 / 12 / 7;
      let clv = 0, prev = 0;
      for (let k = 1; k <= 12; ++k) {
        const cur = refMbgConditionalExpected(p, k * m, xx, tX, TT);
        clv += (spend * (cur - prev)) / 1.01 ** k;
        prev = cur;
      }
      close(columns.clv[c], clv);
      if (xx === 0) {
        ++oneTime;
        expect(columns.pAlive[c]).toBeLessThan(1);
      }
    }
    expect(oneTime).toBeGreaterThan(5);
  });

  test("BG/NBD stays the default: the same one-time buyer is alive for sure under BG/NBD, not under MBG/NBD", () => {
    const bg = clvForResult(result, { unit: "week" });
    const mbg = clvForResult(result, { unit: "week", model: "mbgnbd" });
    if (!bg.ok || !mbg.ok) throw new Error("fit failed");
    const s = clvSummary(result.transactions, result.asOfDay, "week");
    const oneTimer = s.customers[s.x.findIndex((v) => v === 0)];
    expect(bg.columns.pAlive[oneTimer]).toBe(1);
    expect(mbg.columns.pAlive[oneTimer]).toBeLessThan(1);
  });
});

describe("tiers grade --clv --model", () => {
  const args = ["grade", "", "--customer", "2", "--date", "3", "--amount", "5", "--period", "week", "--as-of", "1997-10-01", "--zero-amounts", "include", "--clv"];
  test("--model mbgnbd writes p_alive below 1 for every one-time buyer; an unknown model exits 2", async () => {
    const { runCli, tempDir, readCsv } = await import("../../support/runCli");
    const { datasetFile } = await import("../../support/datasets");
    const path = await import("path");
    const out = path.join(tempDir(), "m.csv");
    const argv = [...args];
    argv[1] = datasetFile("cdnow-lifetimes/CDNOW_sample.txt");
    expect((await runCli([...argv, "--model", "mbgnbd", "--out", out])).code).toBe(0);
    const [header, ...body] = readCsv(out);
    const f = header.indexOf("frequency"), p = header.indexOf("p_alive");
    const oneTime = body.filter((r) => r[f] === "1");
    expect(oneTime.length).toBeGreaterThan(1000);
    expect(oneTime.every((r) => Number(r[p]) > 0 && Number(r[p]) < 1)).toBe(true);
    const bad = await runCli([...argv, "--model", "nbd"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--model must be bgnbd or mbgnbd or paretonbd");
  });
});
