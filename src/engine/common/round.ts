/** Rounds to 6 decimal places, so that row order (which changes float sums in the last bits) never changes a grade. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
