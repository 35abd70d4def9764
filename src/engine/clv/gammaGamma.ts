/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value", note 025):
 * spend per transaction ~ Gamma(p, ν), ν ~ Gamma(q, γ); fitted on repeat customers' x and zbar.
 */
import { logGamma } from "./special";
import { maximiseLogParams } from "./optimize";

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Total log-likelihood of the mean spends zbar given x repeat transactions each. */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, x: Float64Array, zbar: Float64Array): number {
  let total = 0;
  const base = -logGamma(q) + q * Math.log(gamma);
  for (let i = 0, n = x.length; i < n; ++i) {
    const px = p * x[i];
    total += base + logGamma(px + q) - logGamma(px) + (px - 1) * Math.log(zbar[i]) + px * Math.log(x[i]) - (px + q) * Math.log(gamma + x[i] * zbar[i]);
  }
  return total;
}

export function fitGammaGamma(x: Float64Array, zbar: Float64Array): { params: GammaGammaParams; ll: number; converged: boolean } {
  let mean = 0;
  for (let i = 0; i < zbar.length; ++i) mean += zbar[i] / zbar.length;
  const starts = [[0, 0, Math.log(Math.max(mean, 1e-6))], [Math.log(5), Math.log(3), Math.log(Math.max(mean, 1e-6))]];
  return maximiseLogParams(["p", "q", "gamma"], (params) => gammaGammaLogLikelihood(params, x, zbar), starts);
}

/** E[spend per transaction | x, zbar]; the population mean p·γ/(q − 1) when x = 0. */
export function gammaGammaExpectedSpend({ p, q, gamma }: GammaGammaParams, x: number, zbar: number): number {
  if (x === 0) return (p * gamma) / (q - 1);
  return (p * (gamma + x * zbar)) / (p * x + q - 1);
}
