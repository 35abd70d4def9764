/**
 * The same job — per-customer recency/frequency/monetary, PERCENTILE.INC quantile scores and RF
 * segments (SPEC §3, §4, §5.1) — in DuckDB (rows appended, then one SQL query) and in Arquero, over
 * the 2D array of cell values Excel hands the add-in.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import * as aq from "arquero";
import { RF_SEGMENTS } from "../src/engine/common/labels";
import { RF_GRID } from "../src/engine/grade/segments";
import type { Cell } from "../src/engine/common/types";

/** Column indexes of the mapped fields in the bench inputs (Online Retail's layout). */
export interface Layout { customer: number; date: number; quantity: number; price: number; order: number }

export type PeerScores = Map<string, { score: string; segment: string }>;

const BINS = 5;
const PROBS = Array.from({ length: BINS - 1 }, (_, k) => (k + 1) / BINS);

/** The RF grid as SQL: a CASE over the 1–5 R and F scores. */
function segmentCase(r: string, f: string): string {
  const arms: string[] = [];
  RF_GRID.forEach((row, ri) => row.forEach((code, fi) => arms.push(`WHEN ${r} = ${ri + 1} AND ${f} = ${fi + 1} THEN '${RF_SEGMENTS[code].en.replace(/'/g, "''")}'`)));
  return `CASE ${arms.join(" ")} END`;
}

const countAbove = (v: string, b: string) => PROBS.map((_, k) => `(${v} > ${b}[${k + 1}])::INTEGER`).join(" + ");

/** SPEC §3–5.1 in one DuckDB query over t(customer, serial, quantity, price, ord). */
export const RFM_SQL = `
WITH v AS (
  SELECT customer, CAST(floor(serial) AS INTEGER) AS day, quantity * price AS amount, ord
  FROM t WHERE customer IS NOT NULL AND customer <> '' AND serial IS NOT NULL AND quantity * price > 0
), a AS (SELECT max(day) + 1 AS as_of FROM v),
c AS (
  SELECT customer, (SELECT as_of FROM a) - max(day) AS recency, count(DISTINCT ord) AS frequency, round(sum(amount), 6) AS monetary
  FROM v GROUP BY customer
), b AS (
  SELECT quantile_cont(recency, [${PROBS.join(", ")}]) AS br, quantile_cont(frequency, [${PROBS.join(", ")}]) AS bf, quantile_cont(monetary, [${PROBS.join(", ")}]) AS bm FROM c
), s AS (
  SELECT customer, ${BINS} - (${countAbove("recency", "br")}) AS r, 1 + ${countAbove("frequency", "bf")} AS f, 1 + ${countAbove("monetary", "bm")} AS m FROM c, b
)
SELECT customer, CAST(r AS VARCHAR) || CAST(f AS VARCHAR) || CAST(m AS VARCHAR) AS score, ${segmentCase("r", "f")} AS segment FROM s`;

export class DuckPeer {
  private constructor(private readonly instance: DuckDBInstance, readonly connection: DuckDBConnection) {}

  static async open(): Promise<DuckPeer> {
    const instance = await DuckDBInstance.create(":memory:");
    return new DuckPeer(instance, await instance.connect());
  }

  /** Appends the cells (header row first) into a fresh table t. */
  async load(cells: Cell[][], layout: Layout): Promise<void> {
    await this.connection.run("CREATE OR REPLACE TABLE t (customer VARCHAR, serial DOUBLE, quantity DOUBLE, price DOUBLE, ord VARCHAR)");
    const appender = await this.connection.createAppender("t");
    for (let i = 1; i < cells.length; ++i) {
      const row = cells[i];
      const id = row[layout.customer];
      if (id === "" || id === null || id === undefined) appender.appendNull();
      else appender.appendVarchar(String(id));
      const d = row[layout.date], q = row[layout.quantity], p = row[layout.price];
      if (typeof d === "number") appender.appendDouble(d);
      else appender.appendNull();
      if (typeof q === "number") appender.appendDouble(q);
      else appender.appendNull();
      if (typeof p === "number") appender.appendDouble(p);
      else appender.appendNull();
      appender.appendVarchar(String(row[layout.order] ?? ""));
      appender.endRow();
    }
    appender.closeSync();
  }

  async query(): Promise<PeerScores> {
    const reader = await this.connection.runAndReadAll(RFM_SQL);
    const [ids, scores, segments] = reader.getColumnsJS() as [string[], string[], string[]];
    const out: PeerScores = new Map();
    for (let i = 0; i < ids.length; ++i) out.set(ids[i], { score: scores[i], segment: segments[i] });
    return out;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** The same pipeline in Arquero's verbs. */
export function arqueroScores(cells: Cell[][], layout: Layout): PeerScores {
  const n = cells.length - 1;
  const customer: (string | null)[] = new Array(n), serial = new Float64Array(n), amount = new Float64Array(n), ord: string[] = new Array(n);
  for (let i = 0; i < n; ++i) {
    const row = cells[i + 1];
    const id = row[layout.customer];
    customer[i] = id === "" || id === null || id === undefined ? null : String(id);
    const d = row[layout.date], q = row[layout.quantity], p = row[layout.price];
    serial[i] = typeof d === "number" ? Math.floor(d) : NaN;
    amount[i] = typeof q === "number" && typeof p === "number" ? q * p : NaN;
    ord[i] = String(row[layout.order] ?? "");
  }
  const valid = aq.table({ customer, day: serial, amount, ord }).filter("d => d.customer !== null && d.amount > 0 && !op.is_nan(d.day)");
  const asOf = (valid.rollup({ m: aq.op.max("day") }).get("m", 0) as number) + 1;
  const perCustomer = valid
    .groupby("customer")
    .rollup({ last: aq.op.max("day"), frequency: aq.op.distinct("ord"), total: aq.op.sum("amount") })
    .params({ asOf })
    .derive({ recency: (d: { last: number }, $: { asOf: number }) => $.asOf - d.last, monetary: aq.escape((d: { total: number }) => Math.round(d.total * 1e6) / 1e6) });
  const q: Record<string, number[]> = {};
  for (const col of ["recency", "frequency", "monetary"]) {
    const roll = perCustomer.rollup(Object.fromEntries(PROBS.map((p, k) => [`b${k}`, `d => op.quantile(d.${col}, ${p})`])));
    q[col] = PROBS.map((_, k) => roll.get(`b${k}`, 0) as number);
  }
  const above = (v: number, b: number[]) => b.reduce((s, x) => s + (v > x ? 1 : 0), 0);
  const scored = perCustomer.derive({
    score: aq.escape((d: { recency: number; frequency: number; monetary: number }) => `${BINS - above(d.recency, q.recency)}${1 + above(d.frequency, q.frequency)}${1 + above(d.monetary, q.monetary)}`),
  });
  const out: PeerScores = new Map();
  const ids = scored.array("customer") as string[], scores = scored.array("score") as string[];
  for (let i = 0; i < ids.length; ++i) {
    const r = Number(scores[i][0]), f = Number(scores[i][1]);
    out.set(ids[i], { score: scores[i], segment: RF_SEGMENTS[RF_GRID[r - 1][f - 1]].en });
  }
  return out;
}
