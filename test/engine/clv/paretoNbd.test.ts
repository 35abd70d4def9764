/**
 * Pareto/NBD's likelihood and P(alive) against the independent integral in
 * test/support/referenceParetoNbd.ts, across the parameter space — including β ≫ α (little
 * drop-out), where the note's 2F1 series needs thousands of terms and was once cut short.
 */
import fc from "fast-check";
import { paretoNbdLogLikelihood, paretoNbdPAlive, toPatterns } from "../../../src/engine/clv";
import { refParetoLogLikelihood, refParetoPAlive } from "../../support/referenceParetoNbd";

const one = (x: number, tx: number, T: number) => toPatterns(Float64Array.of(x), Float64Array.of(tx), Float64Array.of(T));
const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map(Math.exp);

describe("Pareto/NBD against the independent integral", () => {
  test("per-customer log-likelihood and P(alive), r, α, s, β over several orders of magnitude", () => {
    fc.assert(
      fc.property(logUniform(0.05, 20), logUniform(0.05, 2000), logUniform(0.02, 20), logUniform(0.05, 1e6), fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 730, noNaN: true }), (r, alpha, s, beta, x, frac, T) => {
        const p = { r, alpha, s, beta };
        const tx = x === 0 ? 0 : frac * T;
        const got = paretoNbdLogLikelihood(p, one(x, tx, T)), want = refParetoLogLikelihood(p, x, tx, T);
        const pa = paretoNbdPAlive(p, x, tx, T), wantPa = refParetoPAlive(p, x, tx, T);
        return Math.abs(got - want) <= 1e-8 * Math.max(1, Math.abs(want)) && Math.abs(pa - wantPa) <= 1e-8;
      }),
      { numRuns: 300 },
    );
  });

  test("little drop-out (β ≫ α): a customer idle for 280 days is not 'alive for sure'", () => {
    // Mean drop-out rate s/β = 1e-4 a day. Cut short, the series made the drop-out term vanish and
    // P(alive) came out exactly 1 here; the story's integral gives 0.216.
    const p = { r: 0.0958, alpha: 1.844, s: 0.531, beta: 5250 };
    const want = refParetoPAlive(p, 3, 20, 300);
    expect(want).toBeGreaterThan(0.2);
    expect(want).toBeLessThan(0.25);
    expect(Math.abs(paretoNbdPAlive(p, 3, 20, 300) - want)).toBeLessThan(1e-9);
    expect(Math.abs(paretoNbdPAlive(p, 0, 0, 300) - refParetoPAlive(p, 0, 0, 300))).toBeLessThan(1e-9);
  });
});
