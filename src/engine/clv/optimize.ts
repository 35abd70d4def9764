/**
 * Minimisation for the maximum-likelihood fits: Nelder–Mead from several starts, each polished by
 * restarting the simplex at its best point until it no longer improves. Parameters are passed in log
 * space by the callers, so the search is unconstrained.
 */

export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

/** Nelder–Mead (Lagarias et al. 1998 coefficients) on f from x0 with initial step `step`. */
export function nelderMead(f: (x: number[]) => number, x0: number[], step = 0.5, maxIterations = 4000, tolerance = 1e-10): Minimum {
  const n = x0.length;
  let simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; ++i) {
    const p = x0.slice();
    p[i] += step;
    simplex.push(p);
  }
  let values = simplex.map(f);
  let iterations = 0;
  let converged = false;
  const centroid = new Array<number>(n);
  const along = (from: number[], to: number[], t: number) => from.map((v, i) => v + t * (to[i] - v));
  while (iterations++ < maxIterations) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = Math.abs(values[n] - values[0]);
    let size = 0;
    for (let i = 1; i <= n; ++i) for (let k = 0; k < n; ++k) size = Math.max(size, Math.abs(simplex[i][k] - simplex[0][k]));
    if (spread <= tolerance * (Math.abs(values[0]) + 1e-12) && size < 1e-7) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; ++i) for (let k = 0; k < n; ++k) centroid[k] += simplex[i][k] / n;
    const worst = simplex[n];
    const reflected = along(centroid, worst, -1);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = along(centroid, worst, -2);
      const fe = f(expanded);
      if (fe < fr) { simplex[n] = expanded; values[n] = fe; } else { simplex[n] = reflected; values[n] = fr; }
    } else if (fr < values[n - 1]) {
      simplex[n] = reflected;
      values[n] = fr;
    } else {
      const outside = fr < values[n];
      const contracted = along(centroid, worst, outside ? -0.5 : 0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : values[n])) {
        simplex[n] = contracted;
        values[n] = fc;
      } else {
        for (let i = 1; i <= n; ++i) {
          simplex[i] = along(simplex[0], simplex[i], 0.5);
          values[i] = f(simplex[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; ++i) if (values[i] < values[best]) best = i;
  return { x: simplex[best], value: values[best], iterations, converged };
}

/** Best of Nelder–Mead runs from several starts, each restarted at its optimum until it stops improving. */
export function minimise(f: (x: number[]) => number, starts: number[][]): Minimum {
  const safe = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : 1e300;
  };
  let best: Minimum | null = null;
  for (const start of starts) {
    let result = nelderMead(safe, start, 0.5);
    for (let round = 0; round < 6; ++round) {
      const again = nelderMead(safe, result.x, 0.05);
      const improved = result.value - again.value;
      result = { ...again, iterations: result.iterations + again.iterations };
      if (improved < 1e-9) break;
    }
    if (!best || result.value < best.value) best = result;
  }
  return best!;
}
