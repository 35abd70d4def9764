/**
 * Data-driven segments (issue: clusters): k-means on standardised log(1+recency), log(1+frequency),
 * log(1+monetary), k chosen in 2…8 by the sampled silhouette unless given, each cluster profiled and
 * named from its profile in English and Chinese.
 */
import { KIND_CUSTOMER } from "../grade/aggregate";
import type { GradeResult } from "../grade/pipeline";
import { NO_GRADE } from "../common/labels";
import { percentileInc } from "../grade/quantile";
import { kmeans, kmeansBest, sampledSilhouette, type KMeansResult } from "./kmeans";
import { seededRandom } from "./rng";

export { kmeans, kmeansBest, kmeansPlusPlus, sampledSilhouette } from "./kmeans";
export { seededRandom } from "./rng";

export const K_RANGE = [2, 8] as const;
/** Above this many customers, k is chosen on a sample of this size (keeps 100,000 customers well under a second). */
export const CHOOSE_K_SAMPLE = 5_000;

/** `size` rows of a row-major `points` (d columns), drawn without replacement with a seeded generator. */
function sampleRows(points: Float64Array, n: number, d: number, size: number, seed: number): Float64Array {
  const random = seededRandom(seed + 1);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const out = new Float64Array(size * d);
  for (let i = 0; i < size; ++i) {
    const j = i + Math.floor(random() * (n - i));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
    for (let k = 0; k < d; ++k) out[i * d + k] = points[order[i] * d + k];
  }
  return out;
}

export interface ClusterProfile {
  cluster: number;
  name: { en: string; zh: string };
  customers: number;
  revenueShare: number;
  mean: { recency: number; frequency: number; monetary: number };
  median: { recency: number; frequency: number; monetary: number };
}

export interface Clustering {
  k: number;
  /** Cluster per customer dictionary index; NO_GRADE for ids that are not graded customers. */
  cluster: Uint8Array;
  profiles: ClusterProfile[];
  /** Mean silhouette per k tried (k → score); only the chosen k when k was given. */
  silhouettes: Record<number, number>;
  objectives: number[];
}

/** Standardised log features, one row per graded customer (in `customers` order). */
export function clusterFeatures(result: GradeResult, customers: readonly number[]): Float64Array {
  const { measures } = result;
  const n = customers.length;
  const points = new Float64Array(n * 3);
  customers.forEach((c, i) => {
    points[i * 3] = Math.log1p(measures.recencyDays[c]);
    points[i * 3 + 1] = Math.log1p(measures.frequency[c]);
    points[i * 3 + 2] = Math.log1p(measures.monetary[c]);
  });
  for (let t = 0; t < 3; ++t) {
    let mean = 0;
    for (let i = 0; i < n; ++i) mean += points[i * 3 + t] / n;
    let variance = 0;
    for (let i = 0; i < n; ++i) variance += (points[i * 3 + t] - mean) ** 2 / n;
    const sd = Math.sqrt(variance) || 1;
    for (let i = 0; i < n; ++i) points[i * 3 + t] = (points[i * 3 + t] - mean) / sd;
  }
  return points;
}

/** Chooses k in K_RANGE by the largest sampled silhouette (the smaller k on a tie). */
export function chooseK(points: Float64Array, n: number, d: number, seed: number): { best: KMeansResult; silhouettes: Record<number, number> } {
  const silhouettes: Record<number, number> = {};
  let best: KMeansResult | null = null;
  let bestScore = -Infinity;
  for (let k = K_RANGE[0]; k <= Math.min(K_RANGE[1], n - 1); ++k) {
    const run = kmeansBest(points, n, d, k, seed);
    const score = sampledSilhouette(points, n, d, run.assignment, k);
    silhouettes[k] = score;
    if (score > bestScore + 1e-12) {
      bestScore = score;
      best = run;
    }
  }
  return { best: best!, silhouettes };
}

const median = (values: number[]) => percentileInc(Float64Array.from(values).sort(), 0.5);

/** Clusters the graded customers; null when there are fewer than 3 (nothing to cluster). */
export function clusterCustomers(result: GradeResult, options: { k?: number; seed?: number } = {}): Clustering | null {
  const { measures } = result;
  const customers = Array.from(result.outputOrder).filter((c) => measures.kind[c] === KIND_CUSTOMER);
  const n = customers.length;
  if (n < 3) return null;
  const seed = options.seed ?? 42;
  const points = clusterFeatures(result, customers);
  let run: KMeansResult;
  let silhouettes: Record<number, number>;
  if (n <= CHOOSE_K_SAMPLE) {
    if (options.k !== undefined) {
      const k = Math.max(1, Math.min(options.k, n));
      run = kmeansBest(points, n, 3, k, seed);
      silhouettes = { [k]: k > 1 ? sampledSilhouette(points, n, 3, run.assignment, k) : 0 };
    } else ({ best: run, silhouettes } = chooseK(points, n, 3, seed));
  } else {
    // On many customers, the restarts (and the choice of k) run on a seeded sample; the best
    // sample centres then seed one k-means over everyone.
    const sample = sampleRows(points, n, 3, CHOOSE_K_SAMPLE, seed);
    let onSample: KMeansResult;
    if (options.k !== undefined) {
      onSample = kmeansBest(sample, CHOOSE_K_SAMPLE, 3, Math.max(1, Math.min(options.k, n)), seed);
      silhouettes = { [onSample.k]: onSample.k > 1 ? sampledSilhouette(sample, CHOOSE_K_SAMPLE, 3, onSample.assignment, onSample.k) : 0 };
    } else ({ best: onSample, silhouettes } = chooseK(sample, CHOOSE_K_SAMPLE, 3, seed));
    run = kmeans(points, n, 3, onSample.k, seed, 100, onSample.centroids);
  }
  // Order clusters by revenue per customer, highest first, so that cluster 1 is the most valuable.
  const k = run.k;
  const members: number[][] = Array.from({ length: k }, () => []);
  customers.forEach((c, i) => members[run.assignment[i]].push(c));
  let totalRevenue = 0;
  for (const c of customers) totalRevenue += measures.monetary[c];
  const raw = members.map((list, j) => {
    const pick = (f: (c: number) => number) => list.map(f);
    const r = pick((c) => measures.recencyDays[c]), f = pick((c) => measures.frequency[c]), m = pick((c) => measures.monetary[c]);
    const avg = (a: number[]) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : NaN);
    return { j, list, mean: { recency: avg(r), frequency: avg(f), monetary: avg(m) }, median: { recency: list.length ? median(r) : NaN, frequency: list.length ? median(f) : NaN, monetary: list.length ? median(m) : NaN }, revenue: m.reduce((s, v) => s + v, 0) };
  }).filter((p) => p.list.length > 0);
  raw.sort((a, b) => b.revenue / b.list.length - a.revenue / a.list.length);
  const overall = {
    recency: customers.map((c) => measures.recencyDays[c]).sort((a, b) => a - b),
    frequency: customers.map((c) => measures.frequency[c]).sort((a, b) => a - b),
    monetary: customers.map((c) => measures.monetary[c]).sort((a, b) => a - b),
  };
  const cluster = new Uint8Array(measures.size).fill(NO_GRADE);
  const profiles: ClusterProfile[] = raw.map((p, index) => {
    for (const c of p.list) cluster[c] = index;
    return { cluster: index, name: nameOf(p.median, overall), customers: p.list.length, revenueShare: totalRevenue > 0 ? p.revenue / totalRevenue : 0, mean: p.mean, median: p.median };
  });
  // Two clusters can earn the same words: number the repeats.
  const seen = new Map<string, number>();
  for (const p of profiles) {
    const count = (seen.get(p.name.en) ?? 0) + 1;
    seen.set(p.name.en, count);
    if (count > 1) p.name = { en: `${p.name.en} (${count})`, zh: `${p.name.zh}（${count}）` };
  }
  return { k: profiles.length, cluster, profiles, silhouettes, objectives: run.objectives };
}

/** Where a value falls among the customers: 0 = bottom third, 1 = middle, 2 = top third. */
function tercile(sorted: number[], value: number): number {
  const low = percentileInc(sorted, 1 / 3), high = percentileInc(sorted, 2 / 3);
  return value > high ? 2 : value > low ? 1 : 0;
}

/** A readable name from a cluster's medians: value (monetary) and how recently it bought. */
export function nameOf(m: { recency: number; frequency: number; monetary: number }, overall: { recency: number[]; frequency: number[]; monetary: number[] }): { en: string; zh: string } {
  const value = tercile(overall.monetary, m.monetary);
  const recent = tercile(overall.recency, m.recency); // 0 = most recent third
  const frequent = tercile(overall.frequency, m.frequency);
  const valueText = [{ en: "Low value", zh: "低价值" }, { en: "Mid value", zh: "中价值" }, { en: "High value", zh: "高价值" }][value];
  const recencyText = [{ en: "recent", zh: "近期活跃" }, { en: "lapsing", zh: "渐趋沉寂" }, { en: "long gone", zh: "久未购买" }][recent];
  const frequencyText = frequent === 2 ? { en: ", frequent", zh: "·高频" } : frequent === 0 ? { en: ", one-off", zh: "·偶购" } : { en: "", zh: "" };
  return { en: `${valueText.en}, ${recencyText.en}${frequencyText.en}`, zh: `${valueText.zh}·${recencyText.zh}${frequencyText.zh}` };
}
