/** Pareto / ABC value tiers (SPEC §5.3). */
import { NO_GRADE } from "../common/labels";
import { orderByKeys, orderOfRanks } from "./sortOrder";

/**
 * Tier codes (0 = A, 1 = B, 2 = C) per customer. Customers are sorted by monetary, largest first,
 * ties by `idRank` ascending; c = share of total monetary held by those before; A when c < a,
 * B when c < b, C otherwise.
 */
export function paretoTiers(monetary: Float64Array, idRank: Uint32Array, a: number, b: number): Uint8Array {
  const n = monetary.length;
  let total = 0;
  for (let i = 0; i < n; ++i) total += monetary[i];
  const order = orderByKeys(monetary, true, orderOfRanks(idRank));
  const tiers = new Uint8Array(n).fill(NO_GRADE);
  let before = 0;
  for (let k = 0; k < n; ++k) {
    const i = order[k];
    const share = total > 0 ? before / total : 0;
    tiers[i] = share < a ? 0 : share < b ? 1 : 2;
    before += monetary[i];
  }
  return tiers;
}
