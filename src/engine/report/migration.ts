/**
 * Segment migration between two as-of dates (grade as of A and as of B, same transactions): the
 * RF-segment-to-segment matrix with counts and revenue, and who moved up or down. Segments are ranked
 * in the order of RF_SEGMENTS (Champions best … Hibernating worst); a customer without a valid purchase
 * before A is "new" at B.
 */
import { KIND_CUSTOMER } from "../grade/aggregate";
import type { GradeResult } from "../grade/pipeline";
import { RF_SEGMENTS } from "../common/labels";

export type Movement = "up" | "down" | "same" | "new";

export interface MigrationRow {
  customerId: string;
  /** RF_SEGMENTS code at A, or −1 when not yet a customer. */
  from: number;
  to: number;
  movement: Movement;
  /** Monetary as of B. */
  revenue: number;
}

export interface Migration {
  rows: MigrationRow[];
  /** [from + 1][to]: from −1 (new) is row 0. */
  counts: number[][];
  revenue: number[][];
}

export function migration(atA: GradeResult, atB: GradeResult): Migration {
  const segments = RF_SEGMENTS.length;
  const fromById = new Map<string, number>();
  for (const c of atA.measures.customerIndexes) if (atA.measures.kind[c] === KIND_CUSTOMER) fromById.set(atA.measures.ids[c], atA.grades.rfSegment[c]);
  const counts = Array.from({ length: segments + 1 }, () => new Array<number>(segments).fill(0));
  const revenue = Array.from({ length: segments + 1 }, () => new Array<number>(segments).fill(0));
  const rows: MigrationRow[] = [];
  for (const c of atB.outputOrder) {
    if (atB.measures.kind[c] !== KIND_CUSTOMER) continue;
    const id = atB.measures.ids[c];
    const to = atB.grades.rfSegment[c];
    const from = fromById.get(id) ?? -1;
    const movement: Movement = from < 0 ? "new" : to < from ? "up" : to > from ? "down" : "same";
    const money = atB.measures.monetary[c];
    counts[from + 1][to] += 1;
    revenue[from + 1][to] += money;
    rows.push({ customerId: id, from, to, movement, revenue: money });
  }
  return { rows, counts, revenue };
}
