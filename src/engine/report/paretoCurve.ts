/** The Pareto (Lorenz-style) curve behind value tiers: share of revenue held by the top x% of customers. */
import type { GradeResult } from "../grade/pipeline";

/** Points (share of customers, share of revenue), customers ranked by revenue, largest first; `steps` + 1 points from (0, 0). */
export function paretoCurve(result: GradeResult, steps = 20): [number, number][] {
  const { measures } = result;
  const revenue = Float64Array.from(measures.customerIndexes, (c) => measures.monetary[c]).sort().reverse();
  const n = revenue.length;
  let total = 0;
  for (const v of revenue) total += v;
  const points: [number, number][] = [[0, 0]];
  if (n === 0 || total <= 0) return points;
  let cumulative = 0;
  let taken = 0;
  for (let k = 1; k <= steps; ++k) {
    const upTo = Math.round((k / steps) * n);
    for (; taken < upTo; ++taken) cumulative += revenue[taken];
    points.push([k / steps, Math.min(1, cumulative / total)]);
  }
  return points;
}
