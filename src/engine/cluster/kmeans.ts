/**
 * k-means (Lloyd) with k-means++ seeding (Arthur & Vassilvitskii 2007) on points stored row-major in
 * one Float64Array. Written here rather than taken from ml-kmeans: that package is ESM-only (the CLI
 * is CommonJS on Node 20) and works on arrays of arrays; this works on typed arrays without
 * per-point allocation.
 */
import { seededRandom } from "./rng";

export interface KMeansResult {
  k: number;
  /** Cluster of each point. */
  assignment: Uint8Array;
  /** k × d centroids, row-major. */
  centroids: Float64Array;
  /** Sum of squared distances to the assigned centroid after each assignment step (never rises). */
  objectives: number[];
  converged: boolean;
}

function squaredDistance(points: Float64Array, i: number, centroids: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; ++t) {
    const diff = points[i * d + t] - centroids[j * d + t];
    s += diff * diff;
  }
  return s;
}

/** k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest chosen. */
export function kmeansPlusPlus(points: Float64Array, n: number, d: number, k: number, random: () => number): Float64Array {
  const centroids = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(random() * n);
  for (let j = 0; j < k; ++j) {
    for (let t = 0; t < d; ++t) centroids[j * d + t] = points[pick * d + t];
    let total = 0;
    for (let i = 0; i < n; ++i) {
      const dist = squaredDistance(points, i, centroids, j, d);
      if (dist < nearest[i]) nearest[i] = dist;
      total += nearest[i];
    }
    if (j === k - 1) break;
    if (total === 0) {
      pick = Math.floor(random() * n); // all points coincide with a centre: any point will do
      continue;
    }
    let target = random() * total;
    pick = n - 1;
    for (let i = 0; i < n; ++i) {
      target -= nearest[i];
      if (target <= 0) {
        pick = i;
        break;
      }
    }
  }
  return centroids;
}

export function kmeans(points: Float64Array, n: number, d: number, k: number, seed = 42, maxIterations = 100, initial?: Float64Array): KMeansResult {
  const random = seededRandom(seed);
  const centroids = initial ? Float64Array.from(initial) : kmeansPlusPlus(points, n, d, k, random);
  const assignment = new Uint8Array(n);
  const objectives: number[] = [];
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let converged = false;
  for (let iteration = 0; iteration < maxIterations; ++iteration) {
    let objective = 0;
    let moved = 0;
    for (let i = 0; i < n; ++i) {
      let best = assignment[i];
      let bestDist = squaredDistance(points, i, centroids, best, d);
      for (let j = 0; j < k; ++j) {
        if (j === best) continue;
        const dist = squaredDistance(points, i, centroids, j, d);
        if (dist < bestDist) {
          bestDist = dist;
          best = j;
        }
      }
      if (best !== assignment[i] || iteration === 0) ++moved;
      assignment[i] = best;
      objective += bestDist;
    }
    objectives.push(objective);
    if (iteration > 0 && moved === 0) {
      converged = true;
      break;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; ++i) {
      const j = assignment[i];
      counts[j] += 1;
      for (let t = 0; t < d; ++t) sums[j * d + t] += points[i * d + t];
    }
    // An empty cluster keeps its centre, so the objective still cannot rise.
    for (let j = 0; j < k; ++j) if (counts[j] > 0) for (let t = 0; t < d; ++t) centroids[j * d + t] = sums[j * d + t] / counts[j];
  }
  return { k, assignment, centroids, objectives, converged };
}

/**
 * The best of `restarts` k-means runs from different k-means++ seeds (lowest final objective), as
 * scikit-learn's n_init: one unlucky seeding can merge two clusters and split another.
 */
export function kmeansBest(points: Float64Array, n: number, d: number, k: number, seed = 42, restarts = 3): KMeansResult {
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; ++r) {
    const run = kmeans(points, n, d, k, seed + r * 7919);
    if (!best || run.objectives[run.objectives.length - 1] < best.objectives[best.objectives.length - 1]) best = run;
  }
  return best!;
}

/**
 * Mean silhouette of the clustering over a seeded sample of at most `sampleSize` points (distances
 * within the sample only, as scikit-learn's sampled silhouette_score), so choosing k stays fast on
 * 100,000 customers.
 */
export function sampledSilhouette(points: Float64Array, n: number, d: number, assignment: Uint8Array, k: number, sampleSize = 1500, seed = 7): number {
  const random = seededRandom(seed);
  let sample: Uint32Array;
  if (n <= sampleSize) sample = Uint32Array.from({ length: n }, (_, i) => i);
  else {
    // Partial Fisher–Yates for a sample without replacement.
    const all = Uint32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < sampleSize; ++i) {
      const j = i + Math.floor(random() * (n - i));
      const t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    sample = all.subarray(0, sampleSize);
  }
  const m = sample.length;
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let a = 0; a < m; ++a) counts[assignment[sample[a]]] += 1;
  let total = 0;
  let scored = 0;
  for (let a = 0; a < m; ++a) {
    const i = sample[a];
    sums.fill(0);
    for (let b = 0; b < m; ++b) {
      if (a === b) continue;
      const j = sample[b];
      let s = 0;
      for (let t = 0; t < d; ++t) {
        const diff = points[i * d + t] - points[j * d + t];
        s += diff * diff;
      }
      sums[assignment[j]] += Math.sqrt(s);
    }
    const own = assignment[i];
    if (counts[own] <= 1) continue; // a singleton's silhouette is 0 by convention (it still counts in m)
    const inside = sums[own] / (counts[own] - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; ++c) if (c !== own && counts[c] > 0) nearest = Math.min(nearest, sums[c] / counts[c]);
    if (!Number.isFinite(nearest)) continue;
    total += (nearest - inside) / Math.max(inside, nearest);
    ++scored;
  }
  return scored ? total / m : 0;
}
