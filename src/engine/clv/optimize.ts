/**
 * Minimisation for the maximum-likelihood fits: BFGS with numeric gradients first, Nelder–Mead from
 * several starts (each polished by restarting the simplex at its best point) when BFGS does not
 * converge. Parameters are searched in log space, so the search is unconstrained.
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
export function minimise(f: (x: number[]) => number, starts: number[][], maxIterations = 4000, rounds = 6): Minimum {
  const safe = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : 1e300;
  };
  let best: Minimum | null = null;
  for (const start of starts) {
    let result = nelderMead(safe, start, 0.5, maxIterations);
    for (let round = 0; round < rounds; ++round) {
      const again = nelderMead(safe, result.x, 0.05, maxIterations);
      const improved = result.value - again.value;
      result = { ...again, iterations: result.iterations + again.iterations };
      if (improved < 1e-9) break;
    }
    if (!best || result.value < best.value) best = result;
  }
  return best!;
}

/** Central-difference gradient of f at x (step scaled to each coordinate). */
export function numericGradient(f: (x: number[]) => number, x: number[]): number[] {
  const g = new Array<number>(x.length);
  const probe = x.slice();
  for (let i = 0; i < x.length; ++i) {
    const h = 1e-5 * Math.max(1, Math.abs(x[i]));
    probe[i] = x[i] + h;
    const up = f(probe);
    probe[i] = x[i] - h;
    const down = f(probe);
    probe[i] = x[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/**
 * BFGS with a backtracking (Armijo) line search — the fast path for the smooth, log-parameterised
 * likelihoods: a few dozen gradient steps instead of the thousands of function values Nelder–Mead
 * takes. Converged when the gradient (in log-parameters) is below `gradTolerance` or the objective
 * stops moving.
 */
export function bfgs(f: (x: number[]) => number, x0: number[], gradient: (x: number[]) => number[] = (x) => numericGradient(f, x), maxIterations = 200, gradTolerance = 1e-5): Minimum {
  const n = x0.length;
  let x = x0.slice();
  let fx = f(x);
  let g = gradient(x);
  // Inverse Hessian approximation, starting from the identity.
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let iterations = 0;
  let flat = 0;
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, u) => s + u * u, 0));
  while (iterations++ < maxIterations) {
    if (!Number.isFinite(fx) || g.some((v) => !Number.isFinite(v))) break;
    if (norm(g) < gradTolerance * Math.max(1, Math.abs(fx)) ** 0.5) return { x, value: fx, iterations, converged: true };
    let d = H.map((row) => -row.reduce((s, h, j) => s + h * g[j], 0));
    let slope = d.reduce((s, v, i) => s + v * g[i], 0);
    if (!(slope < 0)) {
      // Not a descent direction: reset to steepest descent.
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      d = g.map((v) => -v);
      slope = -(norm(g) ** 2);
    }
    const dn = norm(d);
    let step = dn > 2 ? 2 / dn : 1;
    let next: number[] = x;
    let fn = Infinity;
    for (let k = 0; k < 40; ++k) {
      next = x.map((v, i) => v + step * d[i]);
      fn = f(next);
      if (Number.isFinite(fn) && fn <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fn < fx)) return { x, value: fx, iterations, converged: norm(g) < 1e-3 * Math.max(1, Math.abs(fx)) ** 0.5 };
    const gn = gradient(next);
    const s = next.map((v, i) => v - x[i]);
    const y = gn.map((v, i) => v - g[i]);
    const sy = s.reduce((acc, v, i) => acc + v * y[i], 0);
    const relativeDrop = (fx - fn) / Math.max(1, Math.abs(fx));
    x = next;
    fx = fn;
    g = gn;
    if (relativeDrop < 1e-15 && norm(g) < 1e-3 * Math.max(1, Math.abs(fx)) ** 0.5) return { x, value: fx, iterations, converged: true };
    // A likelihood that keeps creeping up along a ridge (a parameter running off to its boundary,
    // e.g. BG/NBD's b → ∞ when almost nobody drops out) is as good as maximised: stop there.
    flat = relativeDrop < 1e-11 ? flat + 1 : 0;
    if (flat >= 5) return { x, value: fx, iterations, converged: true };
    if (sy > 1e-12) {
      const Hy = H.map((row) => row.reduce((acc, h, j) => acc + h * y[j], 0));
      const yHy = y.reduce((acc, v, i) => acc + v * Hy[i], 0);
      H = H.map((row, i) => row.map((h, j) => h + ((sy + yHy) * s[i] * s[j]) / (sy * sy) - (Hy[i] * s[j] + s[i] * Hy[j]) / sy));
    }
  }
  return { x, value: fx, iterations, converged: false };
}

class OutOfBudget extends Error {}

/**
 * Fits from the first start by BFGS; when that does not converge, falls back to Nelder–Mead from all
 * the starts (slower, but it needs no gradient and copes with flat or rough surfaces). After
 * `maxEvaluations` of f it gives up (not converged) — a count, not a clock, so results never depend
 * on the machine's speed.
 */
export function fitLikelihood(f: (x: number[]) => number, starts: number[][], gradient?: (x: number[]) => number[], maxEvaluations = Infinity): Minimum {
  let evaluations = 0;
  let best: Minimum = { x: starts[0], value: Infinity, iterations: 0, converged: false };
  const safe = (x: number[]) => {
    if (++evaluations > maxEvaluations) throw new OutOfBudget();
    const v = f(x);
    if (v < best.value) best = { x: x.slice(), value: v, iterations: 0, converged: false };
    return Number.isFinite(v) ? v : 1e300;
  };
  try {
    const quick = bfgs(safe, starts[0], gradient);
    if (quick.converged) return quick;
    // Bounded: two starts, fewer restarts — the fallback must not take minutes on a large log.
    const slow = minimise(safe, [quick.x, starts[0]], 1500, 2);
    return slow.value <= quick.value ? slow : quick;
  } catch (error) {
    if (error instanceof OutOfBudget) return best;
    throw error;
  }
}

/**
 * Maximum likelihood over positive parameters: `logLikelihood` of the parameters named in `names`,
 * searched as their logarithms from each start (log values, in the order of `names`).
 */
export function maximiseLogParams<K extends string>(names: readonly K[], logLikelihood: (params: Record<K, number>) => number, starts: number[][], maxEvaluations = Infinity): { params: Record<K, number>; ll: number; converged: boolean } {
  const toParams = (v: number[]) => Object.fromEntries(names.map((name, i) => [name, Math.exp(v[i])])) as Record<K, number>;
  const best = fitLikelihood((v) => -logLikelihood(toParams(v)), starts, undefined, maxEvaluations);
  return { params: toParams(best.x), ll: -best.value, converged: best.converged };
}
