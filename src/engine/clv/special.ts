/** Special functions the CLV models need: log-gamma, the Gaussian hypergeometric 2F1, log-sum-exp. */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.9189385332046727;

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; ++i) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln(e^a + e^b) without overflow; −∞ inputs allowed. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * Gaussian hypergeometric 2F1(a, b; c; z) for 0 ≤ z < 1 and c > 0, by its power series summed until
 * terms stop mattering (relative 1e-15). The models only call it with z in [0, 1); near 1 the series
 * needs many terms, so it is capped (200,000 by default) and returns NaN when that is not enough.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 200000): number {
  if (z === 0) return 1;
  if (!(z > -1 && z < 1)) return NaN;
  let term = 1;
  let sum = 1;
  for (let k = 0; k < maxTerms; ++k) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum) && k > 2) return sum;
  }
  return NaN;
}
