/** Segment migration and cohorts: hand-checked cases, conservation properties, and the CLI commands. */
import * as path from "path";
import { cohortTable } from "../../../src/engine/report/cohorts";
import { gradeTable, type GradeResult } from "../../../src/engine/grade/pipeline";
import { RF_SEGMENTS } from "../../../src/engine/common/labels";
import { migration } from "../../../src/engine/report/migration";
import { readInput } from "../../../src/cli/input";
import type { Cell } from "../../../src/engine/common/types";
import { readCsv, runCli, tempDir } from "../../support/runCli";

const SAMPLE = path.join(__dirname, "..", "..", "..", "assets", "sample-transactions.xlsx");
const grade = (cells: Cell[][], asOf: string): GradeResult => {
  const outcome = gradeTable({ cells }, { asOf });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.result;
};

describe("migration", () => {
  test("on the sample: every customer at B counted once; everyone at A is still there; movements follow the segment order", async () => {
    const { cells } = await readInput(SAMPLE);
    const a = grade(cells, "2024-01-01"), b = grade(cells, "2024-07-01");
    const m = migration(a, b);
    const total = m.counts.flat().reduce((s, v) => s + v, 0);
    expect(total).toBe(b.summary.customers);
    expect(m.counts[0].reduce((s, v) => s + v, 0)).toBe(b.summary.customers - a.summary.customers);
    const revenue = m.revenue.flat().reduce((s, v) => s + v, 0);
    expect(revenue).toBeCloseTo(b.summary.revenue, 6);
    for (const r of m.rows) {
      if (r.from < 0) expect(r.movement).toBe("new");
      else expect(r.movement).toBe(r.to < r.from ? "up" : r.to > r.from ? "down" : "same");
    }
    expect(m.rows.some((r) => r.movement === "down")).toBe(true);
  });

  test("a hand-made case: a champion who stops buying moves down", () => {
    const cells: Cell[][] = [["Customer", "Date", "Amount"]];
    for (let i = 0; i < 10; ++i) cells.push([`c${i}`, `2024-01-${String(10 + i).padStart(2, "0")}`, 10 * (i + 1)]);
    for (let k = 0; k < 6; ++k) cells.push(["star", `2024-01-${String(20 + k).padStart(2, "0")}`, 500]);
    for (let i = 0; i < 10; ++i) cells.push([`c${i}`, `2024-05-${String(10 + i).padStart(2, "0")}`, 10]);
    const m = migration(grade(cells, "2024-02-01"), grade(cells, "2024-06-01"));
    const star = m.rows.find((r) => r.customerId === "star")!;
    expect(RF_SEGMENTS[star.from].en).toBe("Champions");
    expect(star.movement).toBe("down");
  });

  test("tiers migrate prints the matrix and writes who moved", async () => {
    const out = path.join(tempDir(), "m.csv");
    const { code, stderr } = await runCli(["migrate", SAMPLE, "--from", "2024-01-01", "--to", "2024-07-01", "--out", out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/segment migration 2024-01-01 → 2024-07-01/);
    expect(stderr).toMatch(/moved up \d+, down \d+, same \d+, new \d+/);
    const rows = readCsv(out);
    expect(rows[0]).toEqual(["customer_id", "segment_from", "segment_to", "movement", "monetary_to"]);
    expect((await runCli(["migrate", SAMPLE, "--from", "2024-07-01", "--to", "2024-01-01"])).code).toBe(2);
  });
});

describe("cohorts", () => {
  test("month 0 retains everyone; sizes add up to the customers and revenue to the total", async () => {
    const { cells } = await readInput(SAMPLE);
    const result = grade(cells, "2024-07-01");
    const table = cohortTable(result);
    expect(table.cohorts.reduce((s, c) => s + c.size, 0)).toBe(result.summary.customers);
    for (const { cohort, size } of table.cohorts) {
      const first = table.cells.find((c) => c.cohort === cohort && c.monthsSinceFirst === 0)!;
      expect(first).toMatchObject({ customers: size, retention: 1 });
    }
    const revenue = table.cells.reduce((s, c) => s + c.revenue, 0);
    expect(revenue).toBeCloseTo(result.summary.revenue, 4);
    for (const c of table.cells) expect(c.retention).toBeGreaterThan(0), expect(c.retention).toBeLessThanOrEqual(1);
  });

  test("a hand-made case", () => {
    const cells: Cell[][] = [["Customer", "Date", "Amount"], ["a", "2024-01-05", 10], ["a", "2024-03-01", 5], ["b", "2024-01-20", 7], ["c", "2024-02-02", 3], ["c", "2024-02-20", 4]];
    const table = cohortTable(grade(cells, "2024-04-01"));
    expect(table.cohorts).toEqual([{ cohort: "2024-01", size: 2 }, { cohort: "2024-02", size: 1 }]);
    expect(table.cells).toEqual([
      { cohort: "2024-01", monthsSinceFirst: 0, customers: 2, retention: 1, revenue: 17 },
      { cohort: "2024-01", monthsSinceFirst: 2, customers: 1, retention: 0.5, revenue: 5 },
      { cohort: "2024-02", monthsSinceFirst: 0, customers: 1, retention: 1, revenue: 7 },
    ]);
  });

  test("tiers cohorts writes the long table", async () => {
    const out = path.join(tempDir(), "c.csv");
    const { code } = await runCli(["cohorts", SAMPLE, "--out", out]);
    expect(code).toBe(0);
    expect(readCsv(out)[0]).toEqual(["cohort", "months_since_first", "customers", "retention", "revenue"]);
  });
});

describe("tiers sql", () => {
  test("prints a query per dialect; refuses bad arguments", async () => {
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as { write: unknown }).write = (c: string) => (chunks.push(String(c)), true);
    try {
      for (const dialect of ["duckdb", "postgres", "bigquery", "spark"]) {
        chunks.length = 0;
        expect((await runCli(["sql", "--dialect", dialect, "--table", "sales", "--customer", "cust", "--date", "day", "--amount", "amt", "--lang", "zh"])).code).toBe(0);
        const sql = chunks.join("");
        expect(sql).toMatch(/WITH readable AS/);
        expect(sql).toMatch(/冠军客户/);
        expect(sql).toMatch({ duckdb: /quantile_cont/, postgres: /percentile_cont\(0\.2\) WITHIN GROUP/, bigquery: /PERCENTILE_CONT\(recency_days, 0\.2\) OVER \(\)/, spark: /percentile\(recency_days, 0\.2\)/ }[dialect]!);
      }
    } finally {
      (process.stdout as { write: unknown }).write = write;
    }
    expect((await runCli(["sql", "--dialect", "oracle", "--table", "t", "--customer", "c", "--date", "d", "--amount", "a"])).code).toBe(2);
    expect((await runCli(["sql", "--table", "t", "--customer", "c", "--date", "d"])).code).toBe(2);
  });
});
