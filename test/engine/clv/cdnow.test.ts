/**
 * CLV on CDNOW against the published numbers (datasets/cdnow-lifetimes/README.md): the summary
 * reproduces Hardie's, and the fits and point values match FHL (2005), Fader & Hardie (2013),
 * CLVTools, BTYD and lifetimes.
 */
import {
  bgNbdConditionalExpected, bgNbdExpected, bgNbdLogLikelihood, bgNbdPAlive, clvSummary, fitBgNbd, fitGammaGamma,
  fitParetoNbd, gammaGammaExpectedSpend, paretoNbdConditionalExpected, paretoNbdPAlive, toPatterns,
} from "../../../src/engine/clv";
import { gradedCdnowSample, hardieSummary } from "../../support/cdnow";

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe("CDNOW calibration summary", () => {
  test("recomputing it from CDNOW_sample.txt gives Hardie's 2,357 rows to 2 dp", async () => {
    const result = await gradedCdnowSample();
    const s = clvSummary(result.transactions, result.asOfDay, "week");
    const byId = new Map<number, number>();
    for (let i = 0; i < s.customers.length; ++i) byId.set(Number(result.measures.ids[s.customers[i]]), i);
    const hardie = hardieSummary();
    expect(s.customers.length).toBe(hardie.length);
    const off: string[] = [];
    for (const row of hardie) {
      const i = byId.get(row.id)!;
      // The file rounds half away from zero at 2 dp; 0.005 + a hair covers exact halves.
      const ok = [[s.x[i], row.x], [s.tx[i], row.tx], [s.T[i], row.T], [s.zbar[i], row.zbar]].every(([a, b]) => Math.abs(a - b) <= 0.005 + 1e-9);
      if (!ok) off.push(`${row.id}: ${[s.x[i], s.tx[i], s.T[i], s.zbar[i]].join(" ")} vs ${row.x} ${row.tx} ${row.T} ${row.zbar}`);
    }
    expect(off).toEqual([]);
  });
});

describe("fits on Hardie's summary file", () => {
  const rows = hardieSummary();
  const x = Float64Array.from(rows, (r) => r.x), tx = Float64Array.from(rows, (r) => r.tx), T = Float64Array.from(rows, (r) => r.T);
  const patterns = toPatterns(x, tx, T);

  test("BG/NBD: the full-precision MLE and LL −9582.43", () => {
    const fit = fitBgNbd(patterns, 4);
    expect(fit.converged).toBe(true);
    expect(rel(fit.params.r, 0.2425945)).toBeLessThan(1e-3);
    expect(rel(fit.params.alpha, 4.4136019)).toBeLessThan(1e-3);
    expect(rel(fit.params.a, 0.7929199)).toBeLessThan(1e-3);
    expect(rel(fit.params.b, 2.4258881)).toBeLessThan(1e-3);
    expect(Math.abs(fit.ll - -9582.4256)).toBeLessThan(0.01);
    // The MLE is a maximum: nudging any parameter lowers the likelihood.
    for (const key of ["r", "alpha", "a", "b"] as const)
      for (const f of [0.99, 1.01]) expect(bgNbdLogLikelihood({ ...fit.params, [key]: fit.params[key] * f }, patterns)).toBeLessThan(fit.ll);
  });

  test("BG/NBD point values: E[Y(39)|2, 30.43, 38.86], P(alive), new-customer E[X(t)], top next-week buyers", () => {
    const p = fitBgNbd(patterns, 4).params;
    expect(Math.abs(bgNbdConditionalExpected(p, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(1e-3);
    expect(Math.abs(bgNbdPAlive(p, 2, 30.43, 38.86) - 0.7266)).toBeLessThan(1e-4);
    const want: [number, number][] = [[0.1429, 0.0078], [1, 0.0532], [3, 0.1506], [31.8571, 1.0405], [32, 1.0437], [78, 1.8576]];
    for (const [t, e] of want) expect(Math.abs(bgNbdExpected(p, t) - e)).toBeLessThan(5e-4);
    expect(Math.abs(bgNbdConditionalExpected(p, 1, 26, 30.86, 31) - 0.710621)).toBeLessThan(1e-4);
    expect(Math.abs(bgNbdConditionalExpected(p, 1, 29, 37.71, 38) - 0.662394)).toBeLessThan(1e-4);
  });

  test("Pareto/NBD: LL −9594.97, and P(alive), E[Y(52)] at the BTYD parameters", () => {
    const fit = fitParetoNbd(patterns, 4);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.ll - -9594.9739)).toBeLessThan(0.05);
    expect(rel(fit.params.r, 0.55315)).toBeLessThan(2e-3);
    expect(rel(fit.params.s, 0.60625)).toBeLessThan(2e-3);
    const btyd = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
    expect(Math.abs(paretoNbdPAlive(btyd, 26, 30.86, 31) - 0.9979)).toBeLessThan(1e-4);
    expect(Math.abs(paretoNbdConditionalExpected(btyd, 52, 26, 30.86, 31) - 25.46)).toBeLessThan(0.01);
  });

  test("Gamma-Gamma: p, q, γ, LL −4055.92 and E[spend] for ids 1–10", () => {
    const repeaters = rows.filter((r) => r.x > 0);
    expect(repeaters.length).toBe(946);
    const fit = fitGammaGamma(Float64Array.from(repeaters, (r) => r.x), Float64Array.from(repeaters, (r) => r.zbar));
    expect(fit.converged).toBe(true);
    expect(rel(fit.params.p, 6.2488)).toBeLessThan(5e-3);
    expect(rel(fit.params.q, 3.7446)).toBeLessThan(5e-3);
    expect(rel(fit.params.gamma, 15.4478)).toBeLessThan(5e-3);
    expect(Math.abs(fit.ll - -4055.923)).toBeLessThan(0.01);
    const published = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    rows.slice(0, 10).forEach((r, i) => expect(Math.abs(gammaGammaExpectedSpend(fit.params, r.x, r.zbar) - published[i])).toBeLessThan(0.1));
  });
});
