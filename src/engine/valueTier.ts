/** Pareto / ABC value tiers (SPEC §5.3). */
import { NO_GRADE } from "./labels";
import { sortedCopy } from "./quantile";

/**
 * Tier codes (0 = A, 1 = B, 2 = C) per customer. Customers are sorted by monetary, largest first,
 * ties by `idRank` ascending; c = share of total monetary held by those before; A when c < a,
 * B when c < b, C otherwise.
 */
export function paretoTiers(monetary: Float64Array, idRank: Uint32Array, a: number, b: number): Uint8Array {
  const n = monetary.length;
  // Tier by position in the descending order. Equal values are adjacent there, so sums of the values
  // before a position do not depend on how ties are ordered: a native sort of the values suffices.
  const desc = sortedCopy(monetary).reverse();
  let total = 0;
  for (let i = 0; i < n; ++i) total += monetary[i]; // in input order, as SPEC's reference sums do
  const tierAt = new Uint8Array(n);
  let before = 0;
  for (let k = 0; k < n; ++k) {
    const share = total > 0 ? before / total : 0;
    tierAt[k] = share < a ? 0 : share < b ? 1 : 2;
    before += desc[k];
  }
  // First and last position of a value in `desc` (binary search; desc is descending).
  const firstOf = (v: number) => {
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (desc[mid] > v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lastOf = (v: number) => {
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (desc[mid] >= v) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  const tiers = new Uint8Array(n).fill(NO_GRADE);
  // A tie group that straddles a tier boundary is ordered by id (SPEC §5.3); other groups need no order.
  const straddling = new Map<number, number[]>();
  for (let i = 0; i < n; ++i) {
    const v = monetary[i];
    const first = firstOf(v), last = lastOf(v);
    if (tierAt[first] === tierAt[last]) tiers[i] = tierAt[first];
    else {
      const group = straddling.get(first);
      if (group) group.push(i);
      else straddling.set(first, [i]);
    }
  }
  for (const [first, group] of straddling) {
    group.sort((x, y) => idRank[x] - idRank[y]);
    group.forEach((i, k) => (tiers[i] = tierAt[first + k]));
  }
  return tiers;
}
