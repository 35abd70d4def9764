/** Counts and revenue per grade, and the score levels that ties left empty (SPEC §4, §9). */
import { KIND_CUSTOMER, KIND_PROSPECT, type CustomerMeasures } from "./aggregate";
import type { CustomerGrades } from "./customerGrades";
import { AMOUNT_TIERS, FREQUENCY_TIERS, LIFECYCLE_STAGES, RF_SEGMENTS, RFM8_CLASSES, VALUE_TIERS, NO_GRADE, type Label } from "../common/labels";
import type { GradeOptions } from "./options";

export interface GroupCount {
  key: string;
  code: number;
  customers: number;
  revenue: number;
}

export interface GradeSummary {
  customers: number;
  prospects: number;
  revenue: number;
  segments: GroupCount[];
  rfm8: GroupCount[];
  valueTiers: GroupCount[];
  frequencyTiers: GroupCount[];
  amountTiers: GroupCount[];
  stages: GroupCount[];
  /** Score levels (1…bins) no customer got, per measure; ties cause them (SPEC §4). */
  emptyLevels: { recency: number[]; frequency: number[]; monetary: number[] };
  /** Customers per score level 1…bins (index 0 = level 1), per measure. */
  levelCounts: { recency: number[]; frequency: number[]; monetary: number[] };
  /** Customers and revenue in each R (rows, R = 1…bins) × F (columns) cell. */
  rfGrid: { customers: number[][]; revenue: number[][] };
}

function countBy(list: readonly Label[], codes: Uint8Array, measures: CustomerMeasures, kinds: number[]): GroupCount[] {
  const counts = list.map((label, code) => ({ key: label.key, code, customers: 0, revenue: 0 }));
  const { kind, monetary } = measures;
  for (let c = 0; c < measures.size; ++c) {
    const g = codes[c];
    if (g === NO_GRADE || !kinds.includes(kind[c])) continue;
    counts[g].customers++;
    counts[g].revenue += monetary[c];
  }
  for (const g of counts) g.revenue = Math.round(g.revenue * 100) / 100;
  return counts;
}

export function summarise(measures: CustomerMeasures, grades: CustomerGrades, options: GradeOptions): GradeSummary {
  const { bins } = options;
  const levelCounts = { recency: new Array(bins).fill(0), frequency: new Array(bins).fill(0), monetary: new Array(bins).fill(0) };
  const rfCustomers = Array.from({ length: bins }, () => new Array(bins).fill(0));
  const rfRevenue = Array.from({ length: bins }, () => new Array(bins).fill(0));
  let customers = 0, prospects = 0, revenue = 0;
  for (let c = 0; c < measures.size; ++c) {
    if (measures.kind[c] === KIND_PROSPECT) ++prospects;
    if (measures.kind[c] !== KIND_CUSTOMER) continue;
    ++customers;
    revenue += measures.monetary[c];
    levelCounts.recency[grades.rScore[c] - 1]++;
    levelCounts.frequency[grades.fScore[c] - 1]++;
    levelCounts.monetary[grades.mScore[c] - 1]++;
    rfCustomers[grades.rScore[c] - 1][grades.fScore[c] - 1]++;
    rfRevenue[grades.rScore[c] - 1][grades.fScore[c] - 1] += measures.monetary[c];
  }
  const empty = (counts: number[]) => counts.flatMap((n, i) => (n === 0 ? [i + 1] : []));
  const graded = [KIND_CUSTOMER];
  return {
    customers,
    prospects,
    revenue: Math.round(revenue * 100) / 100,
    segments: countBy(RF_SEGMENTS, grades.rfSegment, measures, graded),
    rfm8: countBy(RFM8_CLASSES, grades.rfm8, measures, graded),
    valueTiers: countBy(VALUE_TIERS, grades.valueTier, measures, graded),
    frequencyTiers: countBy(FREQUENCY_TIERS, grades.frequencyTier, measures, graded),
    amountTiers: countBy(AMOUNT_TIERS, grades.amountTier, measures, graded),
    stages: countBy(LIFECYCLE_STAGES, grades.lifecycle, measures, [KIND_CUSTOMER, KIND_PROSPECT]),
    emptyLevels: { recency: empty(levelCounts.recency), frequency: empty(levelCounts.frequency), monetary: empty(levelCounts.monetary) },
    levelCounts,
    rfGrid: { customers: rfCustomers, revenue: rfRevenue.map((row) => row.map((v) => Math.round(v * 100) / 100)) },
  };
}
