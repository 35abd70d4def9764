/**
 * Score breaks and scoring (SPEC §4). Breaks are Excel's PERCENTILE.INC (Hyndman–Fan type 7) of
 * the values at k / bins, k = 1 … bins − 1.
 */
import { scratchFloat64 } from "./scratch";
import { orderByKeys, orderOfRanks } from "./sortOrder";

/** PERCENTILE.INC of ascending-sorted values at p ∈ [0, 1], in the form b = x_l + (h − l)(x_{l+1} − x_l). */
export function percentileInc(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const l = Math.floor(h);
  const lower = sorted[l];
  if (l + 1 >= n) return lower;
  return lower + (h - l) * (sorted[l + 1] - lower);
}

/**
 * An ascending copy of `values` (radix-sorted), written to `into`. Whole numbers in a compact range
 * (recency days, order counts) are counted instead of compared: O(n), the same result.
 */
export function sortedCopy(values: Float64Array, into: Float64Array = new Float64Array(values.length)): Float64Array {
  const n = values.length;
  let min = Infinity, max = -Infinity, whole = true;
  for (let i = 0; i < n; ++i) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  if (!whole || n === 0 || max - min > 4 * n + 1024) {
    const order = orderByKeys(values);
    for (let k = 0; k < n; ++k) into[k] = values[order[k]];
    return into;
  }
  const counts = new Uint32Array(max - min + 1);
  for (let i = 0; i < n; ++i) ++counts[values[i] - min];
  let k = 0;
  for (let v = 0; v < counts.length; ++v) for (let c = counts[v]; c > 0; --c) into[k++] = v + min;
  return into;
}

/** The bins − 1 quantile breaks of ascending-sorted values. */
export function breaksOfSorted(sorted: Float64Array, bins: number): Float64Array {
  const breaks = new Float64Array(bins - 1);
  for (let k = 1; k < bins; ++k) breaks[k - 1] = percentileInc(sorted, k / bins);
  return breaks;
}

/** The bins − 1 quantile breaks of `values` (any order; NaN never occurs here). */
export function quantileBreaks(values: Float64Array, bins: number): Float64Array {
  return breaksOfSorted(sortedCopy(values, scratchFloat64("quantile.sorted", values.length)), bins);
}

/** Number of breaks strictly below `value`: COUNTIF(breaks, "<" & value). */
export function countBreaksBelow(value: number, breaks: ArrayLike<number>): number {
  let above = 0;
  for (let k = 0, n = breaks.length; k < n; ++k) if (value > breaks[k]) ++above;
  return above;
}

/**
 * Scores against breaks: 1 + #{k : value > b_k} when higher is better, bins − #{k : value > b_k}
 * when lower is better (recency).
 */
export function scoreByBreaks(values: Float64Array, breaks: ArrayLike<number>, lowerIsBetter: boolean): Uint8Array {
  const n = values.length;
  const bins = breaks.length + 1;
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; ++i) {
    const above = countBreaksBelow(values[i], breaks);
    scores[i] = lowerIsBetter ? bins - above : 1 + above;
  }
  return scores;
}

/**
 * Equal-count buckets: customers sorted worst to best (ties by `tieRank` ascending); position i of
 * N gets floor(i · bins / N) + 1.
 */
export function scoreByNtile(values: Float64Array, tieRank: Uint32Array, bins: number, lowerIsBetter: boolean): Uint8Array {
  const n = values.length;
  const order = orderByKeys(values, lowerIsBetter, orderOfRanks(tieRank));
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; ++i) scores[order[i]] = Math.floor((i * bins) / n) + 1;
  return scores;
}
