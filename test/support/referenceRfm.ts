/**
 * R's rfm 0.3.0 `rfm_table_order`, transcribed step by step from its source (R/rfm-table-transaction.R
 * and R/utils.R) without the engine's code, for tests: per customer the most recent date, the sum of
 * revenue and n() rows; bins() = quantile(type 7) at seq(0, 1, length.out = n + 1) without the ends,
 * plus 1; bins_lower = c(min, bins); bins_upper = c(bins, max + 1); then each bin i assigns its score
 * to the values in [lower[i], upper[i]) in turn, as the R loop does.
 */
export interface RfmInputRow { customer: string; day: number; revenue: number }
export interface RfmRow { customer: string; recency: number; transactions: number; amount: number; r: number; f: number; m: number; rfm: number }

/** R's quantile(x, p), type 7. */
export function rQuantile(x: number[], p: number): number {
  const s = [...x].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h), hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export function rfmBins(x: number[], n: number): number[] {
  const probs = Array.from({ length: n + 1 }, (_, i) => i / n);
  return probs.slice(1, -1).map((p) => rQuantile(x, p) + 1);
}

function assign(values: number[], n: number, scoreOfBin: (i: number) => number): number[] {
  const b = rfmBins(values, n);
  const lower = [Math.min(...values), ...b];
  const upper = [...b, Math.max(...values) + 1];
  const score = values.map(() => NaN);
  for (let i = 0; i < n; ++i) values.forEach((v, k) => { if (v >= lower[i] && v < upper[i]) score[k] = scoreOfBin(i + 1); });
  return score;
}

export function rfmTableOrder(rows: RfmInputRow[], analysisDay: number, n = 5): RfmRow[] {
  const by = new Map<string, { last: number; amount: number; count: number }>();
  for (const r of rows) {
    const g = by.get(r.customer) ?? { last: -Infinity, amount: 0, count: 0 };
    g.last = Math.max(g.last, r.day);
    g.amount += r.revenue;
    g.count += 1;
    by.set(r.customer, g);
  }
  const ids = [...by.keys()];
  const recency = ids.map((id) => analysisDay - by.get(id)!.last);
  const count = ids.map((id) => by.get(id)!.count);
  const amount = ids.map((id) => Math.round(by.get(id)!.amount * 1e6) / 1e6);
  const r = assign(recency, n, (i) => n + 1 - i); // rscore <- rev(seq_len(recency_bins))
  const f = assign(count, n, (i) => i);
  const m = assign(amount, n, (i) => i);
  return ids.map((customer, k) => ({ customer, recency: recency[k], transactions: count[k], amount: amount[k], r: r[k], f: f[k], m: m[k], rfm: r[k] * 100 + f[k] * 10 + m[k] }));
}
