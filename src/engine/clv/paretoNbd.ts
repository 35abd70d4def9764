/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie's "A note on
 * deriving the Pareto/NBD model and related expressions" (2005): purchase rate ~ Gamma(r, α),
 * drop-out rate ~ Gamma(s, β).
 */
import { hyp2f1, integrate, logAddExp, logGamma } from "./special";
import { maximiseLogParams } from "./optimize";
import type { Patterns } from "./patterns";

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** A work budget for the fit (a count, not a clock): on data it cannot describe it stops rather than runs for minutes. */
const MAX_EVALUATIONS = 800;

/** Up to this argument the note's 2F1 series (≲ 350 terms) is quicker than the integral; beyond it, the integral. */
const SERIES_UP_TO = 0.9;

/**
 * ln ∫ from t_x to T of (α+τ)^−(r+x) · (β+τ)^−(s+1) dτ: the probability-weighted chance of dropping out
 * between the last purchase and T (−∞ when t_x = T). It is A0 / (r+s+x) of the note's eq. (19)–(20),
 * whose 2F1 series are used when their argument is small. Near 1 (β ≫ α: almost no drop-out, or
 * α ≫ β) the series would need thousands of terms per customer, so the integral is computed instead.
 */
function logDropOutIntegral({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  if (!(T > tx)) return -Infinity;
  const rsx = r + s + x;
  const z = Math.abs(alpha - beta) / (Math.max(alpha, beta) + tx);
  if (z <= SERIES_UP_TO) {
    const [c, b] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
    const sign = alpha >= beta ? alpha - beta : beta - alpha;
    const l1 = Math.log(hyp2f1(rsx, b, rsx + 1, sign / (c + tx))) - rsx * Math.log(c + tx);
    const l2 = Math.log(hyp2f1(rsx, b, rsx + 1, sign / (c + T))) - rsx * Math.log(c + T);
    if (!(l1 > l2)) return -Infinity;
    return l1 + Math.log1p(-Math.exp(l2 - l1)) - Math.log(rsx);
  }
  return logPowerProductIntegral(alpha, r + x, beta, s + 1, tx, T);
}

/**
 * ln ∫ from t0 to t1 of (c1+τ)^−p1 · (c2+τ)^−p2 dτ by quadrature. The factor that falls more over the
 * interval is taken out exactly — u = ln((c+τ)/(c+t0)), then v = (1 − e^−ku)/(1 − e^−kU) with
 * k = p − 1 — so what is left to integrate over v ∈ [0, 1] is the other factor's ratio to its value
 * at t0: smooth, in (0, 1], no underflow however steep the integrand.
 */
export function logPowerProductIntegral(c1: number, p1: number, c2: number, p2: number, t0: number, t1: number): number {
  const fall1 = p1 * Math.log1p((t1 - t0) / (c1 + t0)), fall2 = p2 * Math.log1p((t1 - t0) / (c2 + t0));
  const [c, p, co, po] = fall1 >= fall2 ? [c1, p1, c2, p2] : [c2, p2, c1, p1];
  const U = Math.log1p((t1 - t0) / (c + t0));
  const k = p - 1;
  const em = Math.expm1(-k * U);
  const width = k === 0 ? U : -em / k;
  const uOf = k === 0 ? (v: number) => v * U : (v: number) => -Math.log1p(v * em) / k;
  const ratio = (c + t0) / (co + t0);
  const rest = integrate((v) => Math.exp(-po * Math.log1p(ratio * Math.expm1(uOf(v)))), 0, 1, 1e-10);
  return (1 - p) * Math.log(c + t0) - po * Math.log(co + t0) + Math.log(width) + Math.log(rest);
}

/** Total Pareto/NBD log-likelihood over weighted patterns. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, p: Patterns): number {
  const { r, alpha, s, beta } = params;
  const base = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
  let total = 0;
  for (let i = 0, n = p.x.length; i < n; ++i) {
    const x = p.x[i];
    const term1 = -(r + x) * Math.log(alpha + p.T[i]) - s * Math.log(beta + p.T[i]);
    const term2 = Math.log(s) + logDropOutIntegral(params, x, p.tx[i], p.T[i]);
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
  const gone = logDropOutIntegral(params, x, tx, T);
  if (gone === -Infinity) return 1;
  const odds = Math.exp(Math.log(s) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + gone);
  return 1 / (1 + odds);
}

/** E[Y(t) | x, t_x, T] (the note's eq. 24); finite for every s ≠ 1 (for s < 1 both factors are negative). */
export function paretoNbdConditionalExpected(params: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const head = ((r + x) * (beta + T)) / ((alpha + T) * (s - 1));
  return head * (1 - Math.pow((beta + T) / (beta + T + t), s - 1)) * paretoNbdPAlive(params, x, tx, T);
}
