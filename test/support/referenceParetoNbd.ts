/**
 * An independent Pareto/NBD log-likelihood for tests, from the model's story rather than the
 * engine's 2F1 closed forms: a customer with rates λ, μ either is still alive at T, probability
 * λ^x e^−(λ+μ)T, or dropped out at some τ in (t_x, T], density λ^x e^−λτ · μ e^−μτ. Over
 * λ ~ Gamma(r, α) and μ ~ Gamma(s, β) the first is closed form and the second a one-dimensional
 * integral over τ, done here by Simpson's rule on τ = t_x + (T − t_x)·w³ (points bunched where the
 * integrand is largest). Slow; only for tests.
 */
import { refLogGamma } from "./referenceClv";

export interface RefPareto { r: number; alpha: number; s: number; beta: number }

/** ln E[λ^x e^−λτ] under Gamma(r, α). */
const logPoisson = (r: number, alpha: number, x: number, tau: number) => refLogGamma(r + x) - refLogGamma(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + tau);

/** ln of ∫ from t_x to T of E[λ^x e^−λτ] · E[μ e^−μτ] dτ (−∞ when t_x = T). */
function logGoneIntegral({ r, alpha, s, beta }: RefPareto, x: number, tx: number, T: number, intervals: number): number {
  if (!(T > tx)) return -Infinity;
  // ln E[λ^x e^−λτ] + ln E[μ e^−μτ] = constant − (r+x) ln(α+τ) − (s+1) ln(β+τ)
  const constant = refLogGamma(r + x) - refLogGamma(r) + r * Math.log(alpha) + Math.log(s) + s * Math.log(beta);
  const logDensity = (tau: number) => -(r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau);
  const top = logDensity(tx); // the integrand falls with τ: scale by its largest value
  const f = (w: number) => 3 * w * w * (T - tx) * Math.exp(logDensity(tx + (T - tx) * w * w * w) - top);
  const h = 1 / intervals;
  let sum = f(0) + f(1);
  for (let i = 1; i < intervals; ++i) sum += (i % 2 ? 4 : 2) * f(i * h);
  return constant + top + Math.log((sum * h) / 3);
}

export function refParetoLogLikelihood(p: RefPareto, x: number, tx: number, T: number, intervals = 4000): number {
  const alive = logPoisson(p.r, p.alpha, x, T) + p.s * (Math.log(p.beta) - Math.log(p.beta + T));
  const gone = logGoneIntegral(p, x, tx, T, intervals);
  const m = Math.max(alive, gone);
  return m + Math.log(Math.exp(alive - m) + Math.exp(gone - m));
}

/** P(alive | x, t_x, T) = alive / (alive + gone). */
export function refParetoPAlive(p: RefPareto, x: number, tx: number, T: number, intervals = 4000): number {
  const alive = logPoisson(p.r, p.alpha, x, T) + p.s * (Math.log(p.beta) - Math.log(p.beta + T));
  return 1 / (1 + Math.exp(logGoneIntegral(p, x, tx, T, intervals) - alive));
}
