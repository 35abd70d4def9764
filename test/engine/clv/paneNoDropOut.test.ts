/**
 * The pane's browser tests grade test/support/syntheticSheet.ts (3,000 rows, 250 customers; paneSheet.ts): orders
 * on dates drawn uniformly over two years, customers drawn independently of the date — nobody ever
 * leaves. There MBG/NBD and Pareto/NBD give P(alive) ≈ 1 for everyone. These tests show that this is
 * the maximum-likelihood answer and not a fit that stopped early, with code independent of the engine's:
 * a model-free drop-out statistic, the no-churn NBD fitted by compass search, and the slopes of the
 * reference likelihoods into drop-out there.
 */
import { gradeTable } from "../../../src/engine";
import { clvSummary, fitMbgNbd, fitParetoNbd, mbgNbdPAlive, paretoNbdPAlive, toPatterns, type ClvSummary } from "../../../src/engine/clv";
import { paneSheetCells } from "../../support/paneSheet";
import { hardieSummary } from "../../support/cdnow";
import { compassMaximise, lastPurchaseUniformity, refNbdLogLikelihood } from "../../support/dropOutCheck";
import { refMbgLogLikelihood } from "../../support/referenceMbgNbd";
import { refParetoLogLikelihood } from "../../support/referenceParetoNbd";

/** The pane's default sheet, graded as the pane grades it (columns found from the headers, day unit). */
function paneSheetSummary(): ClvSummary {
  const outcome = gradeTable({ cells: paneSheetCells() });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return clvSummary(outcome.result.transactions, outcome.result.asOfDay, "day");
}

const s = paneSheetSummary();
const patterns = toPatterns(s.x, s.tx, s.T);
const scale = Math.max(...s.T) / 10;
const nbd = compassMaximise((v) => refNbdLogLikelihood(Math.exp(v[0]), Math.exp(v[1]), s.x, s.T), [0, Math.log(scale)], 0.5, 1e-9);
const [r, alpha] = nbd.v.map(Math.exp);

describe("the pane's synthetic sheet has no drop-out", () => {
  test("model-free: (t_x/T)^x is uniform there (KS below the 5% critical value), and far from it on CDNOW", () => {
    const pane = lastPurchaseUniformity(s.x, s.tx, s.T);
    expect(pane.n).toBeGreaterThan(150);
    expect(pane.ks).toBeLessThan(1.36 / Math.sqrt(pane.n));
    expect(Math.abs(pane.mean - 0.5)).toBeLessThan(0.05);
    const rows = hardieSummary();
    const cdnow = lastPurchaseUniformity(rows.map((q) => q.x), rows.map((q) => q.tx), rows.map((q) => q.T));
    expect(cdnow.ks).toBeGreaterThan(3 * 1.36 / Math.sqrt(cdnow.n));
    expect(cdnow.mean).toBeLessThan(0.42);
  });

  test("at the no-churn (NBD) maximum, any small drop-out lowers both reference likelihoods", () => {
    // d LL / d m at m = 0 for a drop-out probability m (MBG/NBD) and a drop-out rate μ (Pareto/NBD):
    // Σ [((α+T)/(α+t_x))^(r+x) − (x+1)] and Σ [∫ from t_x to T of ((α+T)/(α+τ))^(r+x) dτ − T]. With
    // r, α at the NBD optimum their own slopes are 0, so these are the slopes along the boundary.
    let slopeM = 0, slopeMu = 0;
    for (let i = 0; i < s.x.length; ++i) {
      const k = r + s.x[i], A = alpha + s.T[i], ratio = A / (alpha + s.tx[i]);
      slopeM += Math.pow(ratio, k) - (s.x[i] + 1);
      slopeMu += (A / (k - 1)) * (Math.pow(ratio, k - 1) - 1) - s.T[i];
    }
    expect(slopeM).toBeLessThan(-10);
    expect(slopeMu).toBeLessThan(-1000);
    // …and the reference likelihoods at a small drop-out are below the NBD's, by about slope × size.
    let mbg = 0, pareto = 0;
    for (let i = 0; i < s.x.length; ++i) {
      mbg += refMbgLogLikelihood({ r, alpha, a: 1, b: 999 }, s.x[i], s.tx[i], s.T[i]); // m = 0.001
      pareto += refParetoLogLikelihood({ r, alpha, s: 10, beta: 1e5 }, s.x[i], s.tx[i], s.T[i], 400); // μ ≈ 1e-4 a day
    }
    expect(mbg - nbd.value).toBeLessThan(0.5 * slopeM * 0.001);
    expect(pareto - nbd.value).toBeLessThan(0.5 * slopeMu * 1e-4);
  });

  test("MBG/NBD and Pareto/NBD end at that boundary: the NBD's likelihood and rates, P(alive) ≥ 0.9999 for everyone", () => {
    const m = fitMbgNbd(patterns, scale), p = fitParetoNbd(patterns, scale);
    for (const fit of [m, p]) {
      expect(fit.converged).toBe(true);
      expect(Math.abs(fit.ll - nbd.value)).toBeLessThan(1e-3);
      expect(Math.abs(fit.params.r - r) / r).toBeLessThan(1e-3);
      expect(Math.abs(fit.params.alpha - alpha) / alpha).toBeLessThan(1e-3);
    }
    expect(m.params.a / (m.params.a + m.params.b)).toBeLessThan(1e-4);
    expect(p.params.s / p.params.beta).toBeLessThan(1e-6);
    // The engine's likelihood at its own fitted point is the reference one.
    let refM = 0, refP = 0;
    for (let i = 0; i < s.x.length; ++i) {
      refM += refMbgLogLikelihood(m.params, s.x[i], s.tx[i], s.T[i]);
      refP += refParetoLogLikelihood(p.params, s.x[i], s.tx[i], s.T[i]);
    }
    expect(Math.abs(m.ll - refM)).toBeLessThan(1e-6);
    expect(Math.abs(p.ll - refP)).toBeLessThan(1e-6);
    for (let i = 0; i < s.x.length; ++i) {
      expect(mbgNbdPAlive(m.params, s.x[i], s.tx[i], s.T[i])).toBeGreaterThan(0.9999);
      expect(paretoNbdPAlive(p.params, s.x[i], s.tx[i], s.T[i])).toBeGreaterThan(0.9999);
    }
  });
});
