/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models for
 * customer base analysis", IJRM 24(3)). Like BG/NBD, purchases follow Poisson(λ), λ ~ Gamma(r, α),
 * and after each purchase the customer drops out with probability p ~ Beta(a, b) — but the coin is
 * also flipped at time 0, right after the first purchase, so a customer who never came back may be
 * gone: P(alive) < 1 even when x = 0 (BG/NBD gives 1 there).
 */
import { hyp2f1, logGamma } from "./special";
import { fitOverPatterns, sumOverPatterns, type Patterns } from "./patterns";
import type { BgNbdParams } from "./bgnbd";

/** The same four parameters as BG/NBD: r, α (purchase rate) and a, b (drop-out probability). */
export type MbgNbdParams = BgNbdParams;

/**
 * Total log-likelihood over weighted patterns. Per customer:
 * L = Γ(r+x) α^r / Γ(r) · B(a, b+x+1) / B(a, b) · [(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)].
 */
export function mbgNbdLogLikelihood({ r, alpha, a, b }: MbgNbdParams, p: Patterns): number {
  return sumOverPatterns(p, {
    base: r * Math.log(alpha) + logGamma(a + b) - logGamma(b) - logGamma(r),
    byX: (x) => logGamma(r + x) + logGamma(b + x + 1) - logGamma(a + b + x + 1),
    alive: (x, T) => -(r + x) * Math.log(alpha + T),
    gone: (x, tx) => Math.log(a) - Math.log(b + x) - (r + x) * Math.log(alpha + tx),
  });
}

/** Maximum-likelihood fit (see optimize.ts); `timeScale` sets the starting α. */
export function fitMbgNbd(p: Patterns, timeScale: number): { params: MbgNbdParams; ll: number; converged: boolean } {
  const ls = Math.log(timeScale);
  return fitOverPatterns(p, mbgNbdLogLikelihood, [[0, ls, 0, 0], [Math.log(0.5), ls + 0.5, Math.log(0.9), Math.log(1.6)], [Math.log(0.1), ls - 1, Math.log(2), Math.log(5)]]);
}

/** a/(b+x) · ((α+T)/(α+t_x))^(r+x): the odds of having dropped out after the last purchase. */
function deadOdds({ r, alpha, a, b }: MbgNbdParams, x: number, tx: number, T: number): number {
  return Math.exp(Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
}

/** P(alive | x, t_x, T); below 1 for every customer, one-time buyers included. */
export function mbgNbdPAlive(params: MbgNbdParams, x: number, tx: number, T: number): number {
  return 1 / (1 + deadOdds(params, x, tx, T));
}

/**
 * E[Y(t) | x, t_x, T]. Alive at T, the posterior is λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x+1)
 * (x + 1 coins came up "stay"), and a live customer's expected purchases in t are (1 − e^(−λpt)) / p,
 * which integrates to (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))].
 */
export function mbgNbdConditionalExpected(params: MbgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x + 1, a + b + x, z);
  const head = (a + b + x) / (a - 1);
  const body = 1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * f;
  return (head * body) / (1 + deadOdds(params, x, tx, T));
}

/** E[X(t)] for a customer just acquired: b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))]. */
export function mbgNbdExpected(params: MbgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  const f = hyp2f1(r, b + 1, a + b, t / (alpha + t));
  return (b / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * f);
}
