/**
 * `npm run bench:stages`: where a grade's time goes, stage by stage, on both bench inputs (median of
 * 9 runs after 2 warm-ups). Pair it with `node --cpu-prof` for a function-level view.
 */
import { aggregateCustomers } from "../src/engine/grade/aggregate";
import { scoreCustomers } from "../src/engine/grade/pipeline";
import { resolveColumns } from "../src/engine/read/mapping";
import { resolveOptions } from "../src/engine/grade/options";
import { buildRowReport } from "../src/engine/read/rowReport";
import { summarise } from "../src/engine/grade/summary";
import { latestIncludedDay, readTransactions } from "../src/engine/read/transactions";
import type { Cell } from "../src/engine/common/types";
import { onlineRetailCells, syntheticCells } from "./inputs";

const STAGES = ["read", "row report", "aggregate", "score", "summary"] as const;

function stageTimes(cells: Cell[][]): number[] {
  const { options } = resolveOptions({});
  const { columns } = resolveColumns(cells, undefined, undefined);
  if (!columns) throw new Error("no columns");
  const t = [performance.now()];
  const tx = readTransactions(cells, columns.mapping, columns.dataStart, { dateOrder: "auto", dateSystem: 1900, zeroAmounts: "exclude" });
  t.push(performance.now());
  buildRowReport(tx, columns.mapping, columns.names, 2);
  t.push(performance.now());
  const measures = aggregateCustomers(tx, latestIncludedDay(tx) + 1);
  t.push(performance.now());
  const { grades } = scoreCustomers(measures, options);
  t.push(performance.now());
  summarise(measures, grades, options);
  t.push(performance.now());
  return STAGES.map((_, k) => t[k + 1] - t[k]);
}

async function main() {
  for (const [name, cells] of [["Online Retail", await onlineRetailCells()], ["synthetic 1,048,576", syntheticCells(1_048_576)]] as const) {
    for (let w = 0; w < 2; ++w) stageTimes(cells);
    const runs = Array.from({ length: 9 }, () => stageTimes(cells));
    const median = (k: number) => runs.map((r) => r[k]).sort((a, b) => a - b)[4];
    console.log(`${name.padEnd(20)} ${STAGES.map((s, k) => `${s} ${median(k).toFixed(1)}`).join("  ")}  (ms, medians)`);
  }
}

main().catch((error) => {
  console.error(String(error?.stack ?? error));
  process.exit(1);
});
