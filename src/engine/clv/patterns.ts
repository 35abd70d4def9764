/**
 * The customer summaries the purchase models are fitted on — (x, t_x, T) rows grouped into weighted
 * patterns — and what BG/NBD and MBG/NBD share: a log-likelihood summed over the patterns with the
 * terms that depend on x alone computed once per x, and the maximum-likelihood fit over log-parameters.
 */
import { logAddExp } from "./special";
import { maximiseLogParams } from "./optimize";

/** Summary rows grouped by identical (x, t_x, T), each with its count, to make the likelihood cheap. */
export interface Patterns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
}

/** Groups identical (x, t_x, T) rows. */
export function toPatterns(x: Float64Array, tx: Float64Array, T: Float64Array): Patterns {
  const index = new Map<string, number>();
  const px: number[] = [], ptx: number[] = [], pT: number[] = [], w: number[] = [];
  for (let i = 0; i < x.length; ++i) {
    const key = `${x[i]}|${tx[i]}|${T[i]}`;
    const k = index.get(key);
    if (k !== undefined) ++w[k];
    else {
      index.set(key, px.length);
      px.push(x[i]); ptx.push(tx[i]); pT.push(T[i]); w.push(1);
    }
  }
  return { x: Float64Array.from(px), tx: Float64Array.from(ptx), T: Float64Array.from(pT), weight: Float64Array.from(w) };
}

/** One model's per-customer log-likelihood, base + byX(x) + ln(e^alive + e^gone), split into its parts. */
export interface PatternTerms {
  /** The part shared by every customer. */
  base: number;
  /** The part that depends on x only (cached per distinct x). */
  byX: (x: number) => number;
  /** ln of the history's probability if the customer is still alive at T. */
  alive: (x: number, T: number) => number;
  /** ln of the probability if they dropped out after their last purchase (−∞ when impossible). */
  gone: (x: number, tx: number) => number;
}

/** Σ over patterns of weight · (base + byX(x) + logAddExp(alive, gone)). */
export function sumOverPatterns(p: Patterns, terms: PatternTerms): number {
  const { base, byX: termOfX, alive, gone } = terms;
  const cache = new Map<number, number>();
  let total = 0;
  for (let i = 0, n = p.x.length; i < n; ++i) {
    const x = p.x[i];
    let byX = cache.get(x);
    if (byX === undefined) {
      byX = termOfX(x);
      cache.set(x, byX);
    }
    total += p.weight[i] * (base + byX + logAddExp(alive(x, p.T[i]), gone(x, p.tx[i])));
  }
  return total;
}

/** The four-parameter models' maximum-likelihood fit over patterns (optimize.ts), from the model's starts. */
export function fitOverPatterns<P extends { r: number; alpha: number; a: number; b: number }>(
  p: Patterns,
  logLikelihood: (params: P, p: Patterns) => number,
  starts: number[][],
): { params: P; ll: number; converged: boolean } {
  const fit = maximiseLogParams(["r", "alpha", "a", "b"], (params) => logLikelihood(params as P, p), starts);
  return { ...fit, params: fit.params as P };
}
