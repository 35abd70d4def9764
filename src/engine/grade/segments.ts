/** Segments from scores and raw measures (SPEC §5.1, §5.2). */
import { NO_GRADE } from "../common/labels";

const CH = 0, LO = 1, PL = 2, NC = 3, PR = 4, NA = 5, AS = 6, AR = 7, CL = 8, HI = 9;

/** RF_SEGMENTS code by [R − 1][F − 1] on the 1–5 scale. */
export const RF_GRID: readonly (readonly number[])[] = [
  [HI, HI, AR, AR, CL], // R = 1
  [HI, HI, AR, AR, CL], // R = 2
  [AS, AS, NA, LO, LO], // R = 3
  [PR, PL, PL, LO, LO], // R = 4
  [NC, PL, PL, CH, CH], // R = 5
];

/** A score on 1…bins rescaled to 1…5 as ceil(s · 5 / bins). */
export function toFivePoint(score: number, bins: number): number {
  return bins === 5 ? score : Math.ceil((score * 5) / bins);
}

/** RF_SEGMENTS code of one customer's R and F scores (on 1…bins); NO_GRADE when a score is missing. */
export function rfSegment(rScore: number, fScore: number, bins: number): number {
  if (rScore < 1 || fScore < 1 || rScore > bins || fScore > bins) return NO_GRADE;
  return RF_GRID[toFivePoint(rScore, bins) - 1][toFivePoint(fScore, bins) - 1];
}

/** Means of recency, frequency and monetary over the graded customers. */
export interface RfmMeans {
  recency: number;
  frequency: number;
  monetary: number;
}

/** RFM8_CLASSES code: R high when recency < mean, F high when frequency > mean, M high when monetary > mean. */
export function rfm8Class(recencyDays: number, frequency: number, monetary: number, means: RfmMeans): number {
  return (recencyDays < means.recency ? 4 : 0) + (frequency > means.frequency ? 2 : 0) + (monetary > means.monetary ? 1 : 0);
}
