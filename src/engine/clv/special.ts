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

// Gauss–Kronrod 15-point rule (QUADPACK's qk15): Kronrod nodes and weights, and the weights of the
// 7-point Gauss rule on every other node, for the error estimate.
const GK_NODES = [0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.741531185599394440, 0.586087235467691130, 0.405845151377397167, 0.207784955007898468, 0];
const GK_WEIGHTS = [0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903, 0.190350578064785410, 0.204432940075298892, 0.209482141084727828];
const GAUSS_WEIGHTS = [0.129484966168869693, 0.279705391489276668, 0.381830050505118945, 0.417959183673469388];

function kronrod15(f: (x: number) => number, lo: number, hi: number): { value: number; error: number } {
  const mid = (lo + hi) / 2, half = (hi - lo) / 2;
  const centre = f(mid);
  let kronrod = centre * GK_WEIGHTS[7];
  let gauss = centre * GAUSS_WEIGHTS[3];
  for (let i = 0; i < 7; ++i) {
    const pair = f(mid - half * GK_NODES[i]) + f(mid + half * GK_NODES[i]);
    kronrod += GK_WEIGHTS[i] * pair;
    if (i % 2 === 1) gauss += GAUSS_WEIGHTS[(i - 1) / 2] * pair;
  }
  return { value: kronrod * half, error: Math.abs((kronrod - gauss) * half) };
}

/**
 * ∫ f over [lo, hi] by adaptive Gauss–Kronrod (15 points, the interval with the largest error
 * halved) until the error estimate is below `relTolerance` of the total; NaN when `maxIntervals`
 * pieces are not enough. For smooth integrands one interval is usually enough.
 */
export function integrate(f: (x: number) => number, lo: number, hi: number, relTolerance = 1e-13, maxIntervals = 64): number {
  const pieces = [{ lo, hi, ...kronrod15(f, lo, hi) }];
  for (;;) {
    let value = 0, error = 0, worst = 0;
    for (let i = 0; i < pieces.length; ++i) {
      value += pieces[i].value;
      error += pieces[i].error;
      if (pieces[i].error > pieces[worst].error) worst = i;
    }
    if (error <= relTolerance * Math.abs(value) || error === 0) return value;
    if (pieces.length >= maxIntervals || !Number.isFinite(value)) return NaN;
    const { lo: a, hi: b } = pieces[worst];
    const m = (a + b) / 2;
    pieces[worst] = { lo: a, hi: m, ...kronrod15(f, a, m) };
    pieces.push({ lo: m, hi: b, ...kronrod15(f, m, b) });
  }
}
