/**
 * `tiers sql --dialect duckdb` run on Online Retail through @duckdb/node-api: every customer's 18
 * SPEC §9 columns equal the engine's (the CLI's CSV), prospects included.
 */
import * as path from "path";
import { DuckDBInstance } from "@duckdb/node-api";
import { gradingSql } from "../../src/engine/export/sql";
import { resolveOptions } from "../../src/engine/grade/options";
import { ONLINE_RETAIL } from "../support/onlineRetail";
import { readCsv, runCli, tempDir } from "../support/runCli";

async function duckRows(sql: string, setup: string): Promise<string[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(setup);
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRowsJS().map((r) => r.map((v) => (v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v))));
  connection.closeSync();
  instance.closeSync();
  return rows;
}

const same = (a: string, b: string) => a === b || (a !== "" && b !== "" && Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(b))));

test.each([
  ["quantile", {} as { method?: "ntile"; bins?: number; asOf?: string }],
  ["ntile, 4 bins, fixed as-of", { method: "ntile" as const, bins: 4, asOf: "2011-09-01" }],
])("DuckDB SQL = engine on Online Retail (%s)", async (_, partial) => {
  const { options } = resolveOptions(partial);
  const sql = gradingSql({ table: "t", customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity", price: "UnitPrice", order: "InvoiceNo" }, options, "duckdb");
  const setup = `CREATE TABLE t AS SELECT * FROM read_csv('${ONLINE_RETAIL()}', header = true, types = {'CustomerID': 'BIGINT', 'InvoiceNo': 'VARCHAR', 'InvoiceDate': 'TIMESTAMP'})`;
  const got = await duckRows(sql, setup);
  const dir = tempDir();
  const out = path.join(dir, "engine.csv");
  const args = ["grade", ONLINE_RETAIL(), "--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo", "--out", out];
  if (partial.method) args.push("--method", partial.method);
  if (partial.bins) args.push("--bins", String(partial.bins));
  if (partial.asOf) args.push("--as-of", partial.asOf);
  expect((await runCli(args)).code).toBe(0);
  const want = readCsv(out).slice(1);
  expect(got.length).toBe(want.length);
  const diffs: string[] = [];
  want.forEach((row, i) => {
    row.forEach((v, k) => {
      if (!same(got[i][k], v) && diffs.length < 10) diffs.push(`row ${i + 1} (${row[0]}) column ${k}: sql ${got[i][k]} vs engine ${v}`);
    });
  });
  expect(diffs).toEqual([]);
}, 120_000);
