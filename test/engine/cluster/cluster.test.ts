/** Clusters, value trend and activity index: determinism, k-means properties, silhouette choice, hand-checked trends. */
import fc from "fast-check";
import { chooseK, clusterCustomers, kmeans } from "../../../src/engine/cluster";
import { gradeTable } from "../../../src/engine/grade/pipeline";
import { customerTrends, TREND_DECLINING, TREND_GROWING, TREND_NEW, TREND_STABLE, TRENDS } from "../../../src/engine/report/trend";
import { gradeOnlineRetail } from "../../support/onlineRetail";
import type { Cell } from "../../../src/engine/common/types";

describe("k-means", () => {
  test("the objective never rises between iterations (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 5, maxLength: 120 }), fc.integer({ min: 1, max: 6 }), fc.integer(), (pts, k, seed) => {
        const points = Float64Array.from(pts.flat());
        const run = kmeans(points, pts.length, 2, Math.min(k, pts.length), seed);
        for (let i = 1; i < run.objectives.length; ++i) if (run.objectives[i] > run.objectives[i - 1] * (1 + 1e-12) + 1e-9) return false;
        return run.assignment.every((a) => a < run.k);
      }),
      { numRuns: 300 },
    );
  });

  test("the silhouette finds the number of well-separated blobs (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 1_000_000 }), (kTrue, seed) => {
        // Blob centres on a circle of radius 50 in 3-D, points within ±1 of their centre.
        let s = seed;
        const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
        const pts: number[] = [];
        for (let b = 0; b < kTrue; ++b) {
          const angle = (2 * Math.PI * b) / kTrue;
          for (let i = 0; i < 25; ++i) pts.push(50 * Math.cos(angle) + rand() * 2 - 1, 50 * Math.sin(angle) + rand() * 2 - 1, rand() * 2 - 1);
        }
        const { best } = chooseK(Float64Array.from(pts), pts.length / 3, 3, 42);
        return best.k === kTrue;
      }),
      { numRuns: 40, examples: [[6, 601491]] }, // a seed where one k-means++ seeding merged two blobs
    );
  });
});

describe("clusters on Online Retail", () => {
  test("deterministic with a fixed seed: same clusters and names; profiles add up", async () => {
    const result = await gradeOnlineRetail();
    const a = clusterCustomers(result)!;
    const b = clusterCustomers(result)!;
    expect(Array.from(b.cluster)).toEqual(Array.from(a.cluster));
    expect(b.profiles.map((p) => p.name)).toEqual(a.profiles.map((p) => p.name));
    expect(a.k).toBeGreaterThanOrEqual(2);
    expect(a.k).toBeLessThanOrEqual(8);
    expect(a.profiles.reduce((s, p) => s + p.customers, 0)).toBe(result.summary.customers);
    expect(a.profiles.reduce((s, p) => s + p.revenueShare, 0)).toBeCloseTo(1, 9);
    expect(new Set(a.profiles.map((p) => p.name.en)).size).toBe(a.k);
    // Cluster 0 has the highest revenue per customer.
    const perCustomer = a.profiles.map((p) => p.mean.monetary);
    expect(perCustomer[0]).toBe(Math.max(...perCustomer));
    const fixed = clusterCustomers(result, { k: 4 })!;
    expect(fixed.k).toBe(4);
  }, 60_000);
});

describe("value trend and activity index", () => {
  const asOf = "2024-07-01"; // recent window: 2024-04-02 … 2024-06-30; previous: 2024-01-03 … 2024-04-01
  const cells: Cell[][] = [
    ["Customer", "Date", "Amount"],
    ["grow", "2024-02-01", 100], ["grow", "2024-05-01", 130],
    ["flat", "2024-02-01", 100], ["flat", "2024-05-01", 110],
    ["fall", "2024-02-01", 100], ["fall", "2024-02-15", 100], ["fall", "2024-05-01", 150],
    ["new", "2024-05-01", 10],
    ["gone", "2023-01-01", 50], ["gone", "2023-06-01", 50],
    ["edge", "2024-01-03", 100], ["edge", "2024-04-02", 120],
  ];
  const grade = (scale: number) => {
    const outcome = gradeTable({ cells: cells.map((r, i) => (i === 0 ? r : [r[0], r[1], (r[2] as number) * scale])) }, { asOf });
    if (!outcome.ok) throw new Error("refused");
    return outcome.result;
  };
  const byId = (scale = 1) => {
    const result = grade(scale);
    const t = customerTrends(result);
    return Object.fromEntries(result.measures.ids.map((id, c) => [id, { trend: TRENDS[t.trend[c]].en, activity: t.activity[c], recent: t.recentSpend[c], previous: t.previousSpend[c] }]));
  };

  test("hand-checked trends (±20%)", () => {
    const t = byId();
    expect(t.grow).toMatchObject({ trend: "Growing", recent: 130, previous: 100 });
    expect(t.flat).toMatchObject({ trend: "Stable", recent: 110, previous: 100 });
    expect(t.fall).toMatchObject({ trend: "Declining", recent: 150, previous: 200 });
    expect(t.new.trend).toBe("New");
    expect(t.gone).toMatchObject({ trend: "Stable", recent: 0, previous: 0 });
    expect(t.edge).toMatchObject({ trend: "Stable", recent: 120, previous: 100 }); // window edges are inclusive at the start
    void [TREND_DECLINING, TREND_GROWING, TREND_NEW, TREND_STABLE];
  });

  test("hand-checked activity index", () => {
    const t = byId();
    // fall: 1 purchase day in 90 recent days; 3 purchase days over 182 days of tenure (2024-01-01? no: first 2024-02-01 → 151 days).
    expect(t.fall.activity).toBeCloseTo(1 / 90 / (3 / 151), 12);
    // gone: nothing recent → 0.
    expect(t.gone.activity).toBe(0);
    // new: tenure 61 days ≤ 90 → no index.
    expect(Number.isNaN(t.new.activity)).toBe(true);
  });

  test("scaling every amount by a constant changes no trend (property)", () => {
    const base = byId();
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1000, noNaN: true }), (k) => {
        const scaled = byId(k);
        return Object.keys(base).every((id) => scaled[id].trend === base[id].trend);
      }),
      { numRuns: 50 },
    );
  });
});
