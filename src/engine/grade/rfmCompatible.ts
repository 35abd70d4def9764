/**
 * Scores compatible with R's `rfm` 0.3.0 (`rfm_table_order`), for users who move from it (SPEC §4,
 * method "rfm"). Its rules, from its source: frequency = the customer's transaction rows; breaks =
 * type-7 quantiles at k/bins plus 1; bins are half-open [lower, upper) with the first lower = min
 * and the last upper = max + 1, so a value's bin is 1 + #{k : value ≥ b_k}; F and M score = the bin,
 * R score = bins + 1 − the bin. A break equal to the next leaves that level empty, as in rfm.
 */
import type { CustomerMeasures } from "./aggregate";
import { round6 } from "../common/round";
import { ROW_INCLUDED, type Transactions } from "../read/transactions";
import { breaksOfSorted } from "./quantile";

/** rfm's breaks: PERCENTILE.INC at k/bins, plus 1, of ascending-sorted values. */
export function rfmBreaksOfSorted(sorted: Float64Array, bins: number): Float64Array {
  const breaks = breaksOfSorted(sorted, bins);
  for (let k = 0; k < breaks.length; ++k) breaks[k] += 1;
  return breaks;
}

/** Scores by rfm's half-open bins: bin = 1 + #{k : value ≥ b_k}; reversed for recency. */
export function scoreByRfmBins(values: Float64Array, breaks: ArrayLike<number>, lowerIsBetter: boolean): Uint8Array {
  const n = values.length, bins = breaks.length + 1;
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; ++i) {
    let bin = 1;
    for (let k = 0; k < breaks.length; ++k) if (values[i] >= breaks[k]) ++bin;
    scores[i] = lowerIsBetter ? bins + 1 - bin : bin;
  }
  return scores;
}

/**
 * Replaces frequency by the number of valid rows (rfm's transaction_count) and recomputes aov, so
 * that every grade that reads frequency sees the same count the F score does.
 */
export function useRowFrequency(tx: Transactions, measures: CustomerMeasures): void {
  const rows = new Int32Array(measures.size);
  const { customer, status } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) if (status[i] === ROW_INCLUDED) ++rows[customer[i]];
  for (const c of measures.customerIndexes) {
    measures.frequency[c] = rows[c];
    measures.aov[c] = round6(measures.monetary[c] / rows[c]);
  }
}
