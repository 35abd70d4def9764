/**
 * An independent implementation of the BG/NBD conditional expectation, P(alive), Gamma-Gamma spend
 * and the SPEC §7 CLV sum, written from the papers without the engine's code: log-gamma by Stirling's
 * series, and 2F1 by its Euler integral (Simpson's rule on a substituted variable) instead of the
 * power series. It is slow and only for tests.
 */

/** ln Γ(x), x > 0: shift up to 10 then Stirling's series. */
export function refLogGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x, inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680))));
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

/**
 * 2F1(a, b; c; z) = Γ(c)/(Γ(b)Γ(c−b)) ∫₀¹ t^(b−1) (1−t)^(c−b−1) (1−zt)^(−a) dt, for c > b > 0,
 * 0 ≤ z < 1, by Simpson's rule on each half after a power substitution.
 */
export function refHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(c > b && b > 0)) throw new Error(`refHyp2f1 needs c > b > 0 (got b=${b}, c=${c})`);
  const d = c - b;
  const integrand = (t: number) => Math.pow(1 - z * t, -a);
  // ∫₀^½ with t = u^k and ∫½^1 with 1 − t = v^k: k = ⌈4/b⌉ (⌈4/d⌉) makes the end-point factor
  // u^(kb−1) smooth enough for Simpson's rule, whatever b and d.
  const kb = Math.max(1, Math.ceil(4 / b)), kd = Math.max(1, Math.ceil(4 / d));
  const left = simpson((u) => {
    const t = Math.pow(u, kb);
    return kb * Math.pow(u, kb * b - 1) * Math.pow(1 - t, d - 1) * integrand(t);
  }, 0, Math.pow(0.5, 1 / kb), 2000);
  const right = simpson((v) => {
    const t = 1 - Math.pow(v, kd);
    return kd * Math.pow(v, kd * d - 1) * Math.pow(t, b - 1) * integrand(t);
  }, 0, Math.pow(0.5, 1 / kd), 2000);
  const logNorm = refLogGamma(c) - refLogGamma(b) - refLogGamma(d);
  return Math.exp(logNorm) * (left + right);
}

function simpson(f: (x: number) => number, lo: number, hi: number, intervals: number): number {
  const h = (hi - lo) / intervals;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < intervals; ++i) sum += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

export interface RefBg { r: number; alpha: number; a: number; b: number }

export function refPAlive(p: RefBg, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const odds = (p.a / (p.b + x - 1)) * Math.pow((p.alpha + T) / (p.alpha + tx), p.r + x);
  return 1 / (1 + odds);
}

/** FHL (2005) eq. (10). 2F1(r+x, b+x; a+b+x−1; z) via the integral needs a+b+x−1 > b+x, i.e. a > 1; otherwise swap a and b roles is not possible, so Euler's transform is used: 2F1(A,B;C;z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z). */
export function refConditionalExpected(p: RefBg, t: number, x: number, tx: number, T: number): number {
  const A = p.r + x, B = p.b + x, C = p.a + p.b + x - 1;
  const z = t / (p.alpha + T + t);
  let f: number;
  if (C > B) f = refHyp2f1(A, B, C, z);
  else if (C > A) f = refHyp2f1(B, A, C, z);
  else if (C > C - A && C - A > 0 && C > C - B && C - B > 0) f = Math.pow(1 - z, C - A - B) * refHyp2f1(C - A, C - B, C, z);
  else throw new Error("refConditionalExpected: parameters outside the integral's range");
  const head = (p.a + p.b + x - 1) / (p.a - 1);
  const body = 1 - Math.pow((p.alpha + T) / (p.alpha + T + t), A) * f;
  return head * body * refPAlive(p, x, tx, T);
}

export function refExpectedSpend(g: { p: number; q: number; gamma: number }, x: number, zbar: number): number {
  return x === 0 ? (g.p * g.gamma) / (g.q - 1) : (g.p * (g.gamma + x * zbar)) / (g.p * x + g.q - 1);
}

/** SPEC §7 CLV sum. */
export function refClv(p: RefBg, spend: number, x: number, tx: number, T: number, unitDays: number, months = 12, discount = 0.01): number {
  const m = 365.25 / 12 / unitDays;
  let total = 0;
  let previous = 0;
  for (let k = 1; k <= months; ++k) {
    const current = refConditionalExpected(p, k * m, x, tx, T);
    total += (spend * (current - previous)) / (1 + discount) ** k;
    previous = current;
  }
  return total;
}
