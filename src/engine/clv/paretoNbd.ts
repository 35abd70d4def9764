/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie's "A note on
 * deriving the Pareto/NBD model and related expressions" (2005): purchase rate ~ Gamma(r, α),
 * drop-out rate ~ Gamma(s, β).
 */
import { hyp2f1, logAddExp, logGamma } from "./special";
import { maximiseLogParams } from "./optimize";
import type { Patterns } from "./patterns";

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * Terms of the 2F1 series allowed per likelihood term. Near z = 1 (β ≫ α: almost no drop-out) the
 * series needs far more; those points count as impossible, so a fit there does not converge and
 * `tiers fit` says so instead of running for minutes.
 */
const MAX_SERIES_TERMS = 5000;

/** Pareto/NBD feeds no column (only `tiers fit`), so its fit gets a work budget rather than minutes. */
const MAX_EVALUATIONS = 800;

/** ln A0 of the note's eq. (19)–(20); −∞ when t_x = T. */
function logA0({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  const rsx = r + s + x;
  let l1: number, l2: number;
  if (alpha >= beta) {
    l1 = Math.log(hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx), MAX_SERIES_TERMS)) - rsx * Math.log(alpha + tx);
    l2 = Math.log(hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + T), MAX_SERIES_TERMS)) - rsx * Math.log(alpha + T);
  } else {
    l1 = Math.log(hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + tx), MAX_SERIES_TERMS)) - rsx * Math.log(beta + tx);
    l2 = Math.log(hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + T), MAX_SERIES_TERMS)) - rsx * Math.log(beta + T);
  }
  if (!(l1 > l2)) return -Infinity;
  return l1 + Math.log1p(-Math.exp(l2 - l1));
}

/** Total Pareto/NBD log-likelihood over weighted patterns. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, p: Patterns): number {
  const { r, alpha, s, beta } = params;
  const base = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
  let total = 0;
  for (let i = 0, n = p.x.length; i < n; ++i) {
    const x = p.x[i];
    const term1 = -(r + x) * Math.log(alpha + p.T[i]) - s * Math.log(beta + p.T[i]);
    const term2 = Math.log(s / (r + s + x)) + logA0(params, x, p.tx[i], p.T[i]);
    total += p.weight[i] * (base + logGamma(r + x) + logAddExp(term1, term2));
  }
  return total;
}

export function fitParetoNbd(p: Patterns, timeScale: number): { params: ParetoNbdParams; ll: number; converged: boolean } {
  const ls = Math.log(timeScale);
  const starts = [[0, ls, 0, ls], [Math.log(0.5), ls + 1, Math.log(0.6), ls + 1]];
  return maximiseLogParams(["r", "alpha", "s", "beta"], (params) => paretoNbdLogLikelihood(params, p), starts, MAX_EVALUATIONS);
}

/** P(alive | x, t_x, T) (the note's eq. 23). */
export function paretoNbdPAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const la0 = logA0(params, x, tx, T);
  if (la0 === -Infinity) return 1;
  const odds = Math.exp(Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + la0);
  return 1 / (1 + odds);
}

/** E[Y(t) | x, t_x, T] (the note's eq. 24); finite for every s ≠ 1 (for s < 1 both factors are negative). */
export function paretoNbdConditionalExpected(params: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const head = ((r + x) * (beta + T)) / ((alpha + T) * (s - 1));
  return head * (1 - Math.pow((beta + T) / (beta + T + t), s - 1)) * paretoNbdPAlive(params, x, tx, T);
}
