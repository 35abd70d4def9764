/**
 * An independent implementation of MBG/NBD (Batislam, Denizel & Filiztekin 2007) for tests, written
 * from the model's story rather than the engine's closed forms: the likelihood from its definition,
 * and E[Y(t) | x, t_x, T] by integrating over the posterior of the drop-out probability numerically
 * (the purchase rate integrates in closed form through the gamma Laplace transform), with no 2F1.
 */
import { refLogGamma, type RefBg } from "./referenceClv";

const logBeta = (a: number, b: number) => refLogGamma(a) + refLogGamma(b) - refLogGamma(a + b);

/**
 * One customer's log-likelihood: alive at T after x purchases (all x+1 coins "stay"), or gone right
 * after the last purchase at t_x (x coins "stay", the last one "go"), each integrated over λ and p.
 */
export function refMbgLogLikelihood(p: RefBg, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  // ∫ λ^x e^(−λτ) Gamma(λ; r, α) dλ = Γ(r+x)/Γ(r) · α^r / (α+τ)^(r+x)
  const poisson = (tau: number) => refLogGamma(r + x) - refLogGamma(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + tau);
  // E[(1−p)^(x+1)] and E[p (1−p)^x] under Beta(a, b)
  const stayAll = logBeta(a, b + x + 1) - logBeta(a, b);
  const goLast = logBeta(a + 1, b + x) - logBeta(a, b);
  const l1 = poisson(T) + stayAll, l2 = poisson(tx) + goLast;
  const m = Math.max(l1, l2);
  return m + Math.log(Math.exp(l1 - m) + Math.exp(l2 - m));
}

export function refMbgPAlive(p: RefBg, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const aliveLog = -(r + x) * Math.log(alpha + T) + logBeta(a, b + x + 1);
  const goneLog = -(r + x) * Math.log(alpha + tx) + logBeta(a + 1, b + x);
  return 1 / (1 + Math.exp(goneLog - aliveLog));
}

/**
 * E[Y(t) | x, t_x, T] = P(alive) · E[(1 − e^(−λpt)) / p], λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+1).
 * Over λ: 1 − ((α+T)/(α+T+pt))^(r+x). Over p: Simpson's rule after p = u^k (k = ⌈4/a⌉) smooths p^(a−1).
 */
export function refMbgConditionalExpected(p: RefBg, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const R = r + x, A = alpha + T, B = b + x + 1;
  const k = Math.max(1, Math.ceil(4 / a));
  const f = (u: number) => {
    if (u === 0) return 0;
    const q = Math.pow(u, k);
    const overLambda = q > 0 ? -Math.expm1(R * Math.log(A / (A + q * t))) / q : (R * t) / A;
    return overLambda * k * Math.pow(u, k * a - 1) * Math.pow(1 - q, B - 1);
  };
  const n = 4000, h = 1 / n;
  let sum = f(0) + f(1);
  for (let i = 1; i < n; ++i) sum += (i % 2 ? 4 : 2) * f(i * h);
  const integral = (sum * h) / 3 / Math.exp(logBeta(a, B));
  return refMbgPAlive(p, x, tx, T) * integral;
}
