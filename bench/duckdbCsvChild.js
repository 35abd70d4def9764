// DuckDB side of `npm run bench:csv`, run as its own process (so its peak RSS is its own):
// read_csv into a table, then the query `tiers sql --dialect duckdb` prints, its result written
// to a CSV as `tiers grade --out` writes one. Plain JS so that no TypeScript loader adds to its time.
// Usage: node duckdbCsvChild.js INPUT.csv QUERY.sql OUT.csv  → prints {"loadMs":…,"queryMs":…} on stdout.
"use strict";
const fs = require("fs");
const { DuckDBInstance } = require("@duckdb/node-api");

async function main() {
  const [input, queryFile, out] = process.argv.slice(2);
  const quote = (s) => `'${s.replace(/'/g, "''")}'`;
  const query = fs.readFileSync(queryFile, "utf8").trim().replace(/;$/, "");
  const started = performance.now();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv(${quote(input)}, header = true)`);
  const loaded = performance.now();
  await connection.run(`COPY (${query}\n) TO ${quote(out)} (HEADER, DELIMITER ',')`);
  const done = performance.now();
  connection.closeSync();
  instance.closeSync();
  process.stdout.write(JSON.stringify({ loadMs: loaded - started, queryMs: done - loaded }) + "\n");
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
