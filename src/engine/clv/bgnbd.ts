/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing Science 24(2)).
 * Parameters r, α (purchase rate ~ Gamma(r, α)) and a, b (drop-out probability ~ Beta(a, b)).
 */
import { hyp2f1, logGamma } from "./special";
import { fitOverPatterns, sumOverPatterns, type Patterns } from "./patterns";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export { toPatterns, type Patterns } from "./patterns";

/** Total BG/NBD log-likelihood over weighted patterns. */
export function bgNbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, p: Patterns): number {
  return sumOverPatterns(p, {
    base: r * Math.log(alpha) + logGamma(a + b) - logGamma(b) - logGamma(r),
    byX: (x) => logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x),
    alive: (x, T) => -(r + x) * Math.log(alpha + T),
    gone: (x, tx) => (x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity),
  });
}

/** Maximum-likelihood fit (see optimize.ts); `timeScale` sets the starting α. */
export function fitBgNbd(p: Patterns, timeScale: number): { params: BgNbdParams; ll: number; converged: boolean } {
  const ls = Math.log(timeScale);
  return fitOverPatterns(p, bgNbdLogLikelihood, [[0, ls, 0, 0], [Math.log(0.3), ls + 1, Math.log(0.8), Math.log(2.5)], [Math.log(0.1), ls - 1, Math.log(2), Math.log(5)]]);
}

/** 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) as its two parts. */
function deadOdds({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 0;
  return Math.exp(Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
}

/** P(alive | x, t_x, T). */
export function bgNbdPAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  return 1 / (1 + deadOdds(params, x, tx, T));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t periods (FHL 2005, eq. 10). */
export function bgNbdConditionalExpected(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const head = (a + b + x - 1) / (a - 1);
  const body = 1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * f;
  return (head * body) / (1 + deadOdds(params, x, tx, T));
}

/** E[X(t)] for a customer just acquired. */
export function bgNbdExpected(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  const f = hyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * f);
}
