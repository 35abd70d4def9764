/**
 * Independent checks of whether a customer base shows any drop-out, for the CLV tests — none of the
 * engine's code: a model-free statistic, the no-churn model's likelihood, and a derivative-free
 * optimiser (compass search) to maximise the reference likelihoods with.
 */
import { refLogGamma } from "./referenceClv";

/**
 * Under no drop-out a customer buys as a Poisson process (whatever their rate), so given x repeat
 * purchases in (0, T] those purchases are uniform there, the last one t_x is their maximum, and
 * (t_x / T)^x is Uniform(0, 1). Drop-out makes the last purchases early: values pile up near 0.
 * Returns the mean over repeat customers (½ without drop-out) and the Kolmogorov–Smirnov distance
 * to the uniform.
 */
export function lastPurchaseUniformity(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): { n: number; mean: number; ks: number } {
  const u: number[] = [];
  for (let i = 0; i < x.length; ++i) if (x[i] > 0 && T[i] > 0) u.push(Math.pow(tx[i] / T[i], x[i]));
  u.sort((a, b) => a - b);
  const n = u.length;
  let ks = 0;
  u.forEach((v, i) => (ks = Math.max(ks, Math.abs(v - i / n), Math.abs((i + 1) / n - v))));
  return { n, mean: u.reduce((s, v) => s + v, 0) / n, ks };
}

/** The no-churn model (NBD on purchase timing): ln[Γ(r+x)/Γ(r) · α^r / (α+T)^(r+x)], summed. */
export function refNbdLogLikelihood(r: number, alpha: number, x: ArrayLike<number>, T: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < x.length; ++i) total += refLogGamma(r + x[i]) - refLogGamma(r) + r * Math.log(alpha) - (r + x[i]) * Math.log(alpha + T[i]);
  return total;
}

/**
 * Maximises f by compass search: try ± step along each coordinate, move to any improvement, halve
 * the step when none helps, stop below `minStep`. Slow but needs no gradient and cannot overshoot.
 */
export function compassMaximise(f: (v: number[]) => number, start: number[], step = 0.5, minStep = 1e-7, maxEvaluations = 20000): { v: number[]; value: number } {
  let v = start.slice();
  let value = f(v);
  let evaluations = 1;
  while (step >= minStep && evaluations < maxEvaluations) {
    let moved = false;
    for (let i = 0; i < v.length; ++i)
      for (const sign of [1, -1]) {
        const trial = v.slice();
        trial[i] += sign * step;
        const got = f(trial);
        ++evaluations;
        if (got > value) {
          v = trial;
          value = got;
          moved = true;
        }
      }
    if (!moved) step /= 2;
  }
  return { v, value };
}
