/**
 * `npm run bench`: the engine against DuckDB and Arquero in the same process on the same input, the
 * CSV path, memory, the add-in's I/O plan and CLV fit times. Prints ratios (peer time / ours) and
 * writes bench/results.json. Any difference between our scores and a peer's fails the bench.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseCommonArgs } from "../src/cli/args";
import { gradeFile } from "../src/cli/grade";
import { clvSummary, fitBgNbd, fitGammaGamma, fitParetoNbd, toPatterns } from "../src/engine/clv";
import { gradeTable, type GradeResult } from "../src/engine/grade/pipeline";
import { KIND_CUSTOMER } from "../src/engine/grade/aggregate";
import { labelText, RF_SEGMENTS } from "../src/engine/common/labels";
import type { Cell } from "../src/engine/common/types";
import { datasetFile } from "../test/support/datasets";
import { onlineRetailCells, syntheticCells, textIdCells, touchMappedCells, LAYOUT } from "./inputs";
import { arqueroScores, DuckPeer, RFM_SQL, type PeerScores } from "./peers";
import * as functionsCore from "../src/functions/core";
import { clusterCustomers } from "../src/engine/cluster";
import { customerTrends } from "../src/engine/report/trend";

const ROOT = path.join(__dirname, "..");
const quick = process.argv.includes("--quick");
/** `npm run bench -- --ids`: only the numeric- vs text-id jobs and their floors (issue #19), to bench/results-ids.json. */
const idsOnly = process.argv.includes("--ids");
const RUNS = quick ? 3 : 5;
/**
 * The in-process grading jobs: more runs after more warm-ups, for every tool alike. A fresh process
 * is still settling in its third run, and a grade starts a full collection every third run or so
 * (each grade's result is ~23 MB of typed arrays, and V8 collects after 64 MB of them): 9 runs keep
 * the median off both.
 */
const JOB_RUNS = quick ? 3 : 9;
const JOB_WARMUPS = 3;

/** Each run's time (ms, in run order) after `warmups` untimed runs, and their median. */
async function timed(runs: number, job: () => unknown | Promise<unknown>, warmups = 2): Promise<{ median: number; runs: number[]; cpuMedian: number }> {
  for (let i = 0; i < warmups; ++i) await job();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; ++i) {
    const t = performance.now();
    const c = process.cpuUsage();
    await job();
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    // CPU time of the whole process (DuckDB's worker threads included): steadier than wall time on a shared machine.
    cpu.push((used.user + used.system) / 1000);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { median: mid(times), runs: times.map((t) => Math.round(t * 10) / 10), cpuMedian: mid(cpu) };
}

async function median(runs: number, job: () => unknown | Promise<unknown>, warmups = 2): Promise<number> {
  return (await timed(runs, job, warmups)).median;
}

function ourScores(result: GradeResult): PeerScores {
  const out: PeerScores = new Map();
  const { measures, grades } = result;
  for (const c of measures.customerIndexes)
    if (measures.kind[c] === KIND_CUSTOMER) out.set(measures.ids[c], { score: `${grades.rScore[c]}${grades.fScore[c]}${grades.mScore[c]}`, segment: labelText(RF_SEGMENTS, grades.rfSegment[c], "en") });
  return out;
}

function assertSame(name: string, ours: PeerScores, theirs: PeerScores): void {
  const problems: string[] = [];
  if (ours.size !== theirs.size) problems.push(`${ours.size} customers here, ${theirs.size} there`);
  for (const [id, v] of ours) {
    const t = theirs.get(id);
    if (!t || t.score !== v.score || t.segment !== v.segment) problems.push(`${id}: ${v.score} ${v.segment} vs ${t ? `${t.score} ${t.segment}` : "missing"}`);
    if (problems.length > 5) break;
  }
  if (problems.length) throw new Error(`BENCH FAILED: ${name} disagrees with the engine:\n  ${problems.join("\n  ")}`);
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

async function gradeJob(name: string, cells: Cell[][]) {
  const grade = () => {
    const outcome = gradeTable({ cells }, {});
    if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome.issues)}`);
    return outcome.result;
  };
  const result = grade();
  // Every job: JOB_RUNS timed runs after JOB_WARMUPS warm-ups, median reported, the runs kept in results.json.
  const ours = await timed(JOB_RUNS, grade, JOB_WARMUPS);
  const mine = ourScores(result);

  const duck = await DuckPeer.open();
  let duckScores: PeerScores = new Map();
  const duckTotal = await timed(JOB_RUNS, async () => {
    await duck.load(cells, LAYOUT);
    duckScores = await duck.query();
  }, JOB_WARMUPS);
  assertSame(`DuckDB on ${name}`, mine, duckScores);
  const duckQuery = await timed(JOB_RUNS, () => duck.query(), JOB_WARMUPS);
  duck.close();

  let arq: PeerScores = new Map();
  const arquero = await timed(JOB_RUNS, () => (arq = arqueroScores(cells, LAYOUT)), JOB_WARMUPS);
  assertSame(`Arquero on ${name}`, mine, arq);

  const floor = await timed(JOB_RUNS, () => touchMappedCells(cells), JOB_WARMUPS);

  return {
    input: name, rows: cells.length - 1, customers: mine.size,
    oursMs: ours.median, floorMs: floor.median, vsFloor: ours.median / floor.median,
    cpuMs: { ours: ours.cpuMedian, floor: floor.cpuMedian, duckdbWithIngest: duckTotal.cpuMedian, arquero: arquero.cpuMedian }, duckdbWithIngestMs: duckTotal.median, duckdbQueryMs: duckQuery.median, arqueroMs: arquero.median,
    vsDuckdb: duckTotal.median / ours.median, vsArquero: arquero.median / ours.median, vsDuckdbQueryOnly: duckQuery.median / ours.median,
    runs: { ours: ours.runs, duckdbWithIngest: duckTotal.runs, duckdbQuery: duckQuery.runs, arquero: arquero.runs },
  };
}

const kept: unknown[] = [];

/**
 * The engine's working set for the input: heap + typed-array (external) memory the graded result
 * holds after a GC, and the same measure right after grading, garbage included (grading is
 * synchronous, so nothing can sample inside it; this is a lower bound of the true peak).
 */
function memoryOf(cells: Cell[][]): { retainedMb: number; peakAboveInputMb: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return { retainedMb: NaN, peakAboveInputMb: NaN };
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  // A grade first, so that the working arrays kept for the next grade (grade/scratch.ts) exist before
  // `before`: they are not the result's.
  gradeTable({ cells }, {});
  gc();
  const before = used();
  const outcome = gradeTable({ cells }, {});
  const peak = used();
  kept.push(outcome); // keep the result alive through the next GC
  gc();
  const after = used();
  return { retainedMb: (after - before) / 1048576, peakAboveInputMb: (peak - before) / 1048576 };
}

async function csvJob() {
  const file = datasetFile("online-retail-uci/online_retail.csv.gz");
  const args = ["--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo"];
  let mine: PeerScores = new Map();
  const ours = await median(quick ? 1 : 3, async () => (mine = ourScores((await gradeFile(parseCommonArgs([file, ...args]))).result)), 0);
  const duck = await DuckPeer.open();
  let theirs: PeerScores = new Map();
  const duckdb = await median(quick ? 1 : 3, async () => {
    await duck.connection.run(`CREATE OR REPLACE TABLE t AS SELECT CAST(CAST(CustomerID AS BIGINT) AS VARCHAR) AS customer,
      epoch(CAST(InvoiceDate AS TIMESTAMP)) / 86400 + 25569 AS serial, CAST(Quantity AS DOUBLE) AS quantity,
      CAST(UnitPrice AS DOUBLE) AS price, CAST(InvoiceNo AS VARCHAR) AS ord FROM read_csv('${file}', header = true)`);
    theirs = await duck.query();
  }, 0);
  duck.close();
  assertSame("DuckDB read_csv on Online Retail", mine, theirs);
  // Peak RSS of the CLI as a user runs it (a separate process).
  let rssMb = NaN;
  try {
    const res = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, path.join(ROOT, "bin", "tiers.js"), "grade", file, ...args], { encoding: "utf8" });
    rssMb = Number(String(res.stderr).trim().split("\n").pop()) / 1024;
  } catch {
    /* no /usr/bin/time */
  }
  return { oursMs: ours, duckdbReadCsvMs: duckdb, ratio: ours / duckdb, cliPeakRssMb: rssMb };
}

/** Custom functions over 100,000 transaction rows: the first call grades, the next ones hit the cache. */
async function functionsJob(cells: Cell[][]) {
  const rows = cells.slice(1, 100_001);
  const col = (k: number) => rows.map((r) => [r[k]]);
  const ids = col(LAYOUT.customer), dates = col(LAYOUT.date);
  const amounts = rows.map((r) => [(r[LAYOUT.quantity] as number) * (r[LAYOUT.price] as number)]);
  const customer = ids[0][0];
  let k = 0;
  // Fresh copies each time, as Excel passes new arrays per call; as_of varies so the first call always grades.
  const firstCall = await median(RUNS, () => functionsCore.customerScore(customer, functionsCore.gradeTransactions(ids.map((r) => [...r]), dates, amounts, null, `2026-01-${String(1 + (k++ % 28)).padStart(2, "0")}`, 5)));
  functionsCore.gradeTransactions(ids, dates, amounts, null, "2025-06-01", 5);
  const cachedCall = await median(RUNS, () => functionsCore.customerScore(customer, functionsCore.gradeTransactions(ids.map((r) => [...r]), dates, amounts, null, "2025-06-01", 5)));
  return { rows: rows.length, firstCallMs: firstCall, cachedCallMs: cachedCall };
}

async function clvJob() {
  const { result } = await gradeFile(parseCommonArgs([datasetFile("cdnow-lifetimes/CDNOW_master.txt"), "--customer", "1", "--date", "2", "--amount", "4", "--period", "week", "--as-of", "1997-10-01", "--zero-amounts", "include"]));
  const s = clvSummary(result.transactions, result.asOfDay, "week");
  const patterns = toPatterns(s.x, s.tx, s.T);
  const rx: number[] = [], rz: number[] = [];
  for (let i = 0; i < s.x.length; ++i) if (s.x[i] > 0 && s.zbar[i] > 0) (rx.push(s.x[i]), rz.push(s.zbar[i]));
  const x = Float64Array.from(rx), z = Float64Array.from(rz);
  return {
    customers: s.x.length,
    bgnbdMs: await median(3, () => fitBgNbd(patterns, 3.9)),
    paretonbdMs: await median(3, () => fitParetoNbd(patterns, 3.9)),
    gammagammaMs: await median(3, () => fitGammaGamma(x, z)),
  };
}

/** The in-process inputs, by the name `--job` takes. */
const JOB_INPUTS = {
  retail: { name: "Online Retail (541,909 rows)", cells: onlineRetailCells },
  synthetic: { name: "synthetic (1,048,576 rows)", cells: async () => syntheticCells(1_048_576) },
  numeric: { name: "numeric ids (1,048,576 rows)", cells: async () => syntheticCells(1_048_576) },
  text: { name: "text ids (1,048,576 rows)", cells: async () => textIdCells(1_048_576) },
};
type JobInput = keyof typeof JOB_INPUTS;
type JobResult = Awaited<ReturnType<typeof gradeJob>>;
const JOB_MARK = "BENCH JOB RESULT ";

/**
 * One in-process job (ours, DuckDB, Arquero and the floor on one input) in a Node process of its own,
 * so that every job starts alike: no earlier job's inputs or garbage on the heap, no heap limits grown
 * by an earlier job, no type feedback from other inputs (in one process the job run first paid ~20%
 * more than the same job run later).
 */
function gradeJobInChild(input: JobInput): JobResult {
  const res = spawnSync(process.execPath, [...process.execArgv, __filename, "--job", input, ...(quick ? ["--quick"] : [])], { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] });
  const line = String(res.stdout ?? "").split("\n").find((l) => l.startsWith(JOB_MARK));
  if (res.status !== 0 || !line) throw new Error(`bench job ${input} failed (exit ${res.status}): ${String(res.stdout ?? "").slice(-2000)}`);
  return JSON.parse(line.slice(JOB_MARK.length)) as JobResult;
}

async function childJob(input: JobInput): Promise<void> {
  const job = JOB_INPUTS[input];
  if (!job) throw new Error(`--job takes ${Object.keys(JOB_INPUTS).join(", ")}`);
  const result = await gradeJob(job.name, await job.cells());
  process.stdout.write(JOB_MARK + JSON.stringify(result) + "\n");
}

/** Numeric ids vs text ids on the same 1,048,576-row log, each against its peers and its floor. */
async function idsJobs() {
  const numeric = gradeJobInChild("numeric");
  const text = gradeJobInChild("text");
  return { numeric, text, textVsNumeric: text.oursMs / numeric.oursMs };
}

function printJobs(jobs: JobResult[]): void {
  console.log("input                          ours    DuckDB(+ingest)  ×     DuckDB query  ×     Arquero   ×     floor  ours/floor");
  for (const j of jobs)
    console.log(`${j.input.padEnd(30)} ${fmt(j.oursMs).padStart(6)}  ${fmt(j.duckdbWithIngestMs).padStart(10)}  ${j.vsDuckdb.toFixed(1).padStart(6)}  ${fmt(j.duckdbQueryMs).padStart(8)}  ${j.vsDuckdbQueryOnly.toFixed(2).padStart(6)}  ${fmt(j.arqueroMs).padStart(8)}  ${j.vsArquero.toFixed(1).padStart(5)}  ${fmt(j.floorMs).padStart(7)}  ${j.vsFloor.toFixed(1).padStart(5)}`);
  console.log("our runs in order (ms; a slow one holds a full V8 collection of the heap, input cells included):");
  for (const j of jobs) console.log(`  ${j.input.padEnd(28)} ${j.runs.ours.map(fmt).join("  ")}`);
}

async function idsMain() {
  const started = Date.now();
  console.log(`Customer Tiers benchmark, ids only — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
  const ids = await idsJobs();
  console.log("\nText ids vs numeric ids, full grading job (SPEC §3–6) vs the peers, median ms (× = peer ÷ ours; floor = touch each mapped cell once):");
  printJobs([ids.numeric, ids.text]);
  console.log("CPU time medians (ms, whole process): " + [ids.numeric, ids.text].map((j) => `${j.input}: ours ${fmt(j.cpuMs.ours)}, floor ${fmt(j.cpuMs.floor)}, DuckDB(+ingest) ${fmt(j.cpuMs.duckdbWithIngest)}, Arquero ${fmt(j.cpuMs.arquero)}`).join("; "));
  console.log(`text ids cost ${(ids.text.cpuMs.ours / ids.numeric.cpuMs.ours).toFixed(2)}× numeric ids in CPU time`);
  console.log(`\ntext ids cost ${ids.textVsNumeric.toFixed(2)}× numeric ids; text ids vs DuckDB with ingestion ${ids.text.vsDuckdb.toFixed(1)}× (target ≥ 4); ours vs the floor ${ids.text.vsFloor.toFixed(1)}× (target ≤ 1.5)`);
  const results = { date: new Date().toISOString(), machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, loadAverage: os.loadavg() }, ids, seconds: (Date.now() - started) / 1000 };
  fs.writeFileSync(path.join(__dirname, "results-ids.json"), JSON.stringify(results, null, 2) + "\n");
  console.log("\nwrote bench/results-ids.json");
}

async function main() {
  const jobAt = process.argv.indexOf("--job");
  if (jobAt >= 0) return childJob(process.argv[jobAt + 1] as JobInput);
  if (idsOnly) return idsMain();
  const started = Date.now();
  console.log(`Customer Tiers benchmark — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, node ${process.version}${quick ? " (quick)" : ""}`);
  // Each job in a process of its own, with only its input on the heap, as in a workbook (a full V8
  // collection marks every live cell, so that sets its cost).
  const jobs = [gradeJobInChild("retail"), gradeJobInChild("synthetic"), gradeJobInChild("text")];
  const synthetic = syntheticCells(1_048_576);
  const memory = memoryOf(synthetic);
  const withClusters = await median(quick ? 1 : 3, () => {
    const outcome = gradeTable({ cells: synthetic }, {});
    if (!outcome.ok) throw new Error("grading failed");
    return [clusterCustomers(outcome.result), customerTrends(outcome.result)];
  });
  const csv = await csvJob();
  const clv = await clvJob();
  const functions = await functionsJob(synthetic);
  const ioFile = path.join(ROOT, "test", "artifacts", "io-plan.json");
  const io = fs.existsSync(ioFile) ? JSON.parse(fs.readFileSync(ioFile, "utf8")) : "run npm test first (test/excel/scale.test.ts writes it)";

  console.log("\nFull grading job (SPEC §3–6) vs the peers' RFM + quantile scores + RF segments, median ms:");
  printJobs(jobs);
  const numeric = jobs[1], text = jobs[2];
  console.log(`text ids cost ${(text.oursMs / numeric.oursMs).toFixed(2)}× numeric ids (target ≤ 1.3); text ids vs DuckDB with ingestion ${text.vsDuckdb.toFixed(1)}× (target ≥ 4); ours vs the floor ${text.vsFloor.toFixed(1)}× (target ≤ 1.5)`);
  console.log(`\nCSV path (Online Retail .csv.gz): tiers grade ${fmt(csv.oursMs)} ms vs DuckDB read_csv + query ${fmt(csv.duckdbReadCsvMs)} ms → ${csv.ratio.toFixed(2)}× DuckDB's time; CLI peak RSS ${csv.cliPeakRssMb.toFixed(0)} MB`);
  console.log(`Memory (1,048,576 rows, beyond the input cells): result retains ${memory.retainedMb.toFixed(0)} MB; ${memory.peakAboveInputMb.toFixed(0)} MB right after grading, before GC`);
  console.log(`CLV fits on CDNOW master (${clv.customers} customers): BG/NBD ${fmt(clv.bgnbdMs)} ms, Pareto/NBD ${fmt(clv.paretonbdMs)} ms, Gamma-Gamma ${fmt(clv.gammagammaMs)} ms`);
  console.log(`1,048,576 rows graded with clusters (k chosen 2–8) and trends: ${fmt(withClusters)} ms`);
  console.log(`Custom functions over ${functions.rows.toLocaleString("en-US")} rows: first call ${fmt(functions.firstCallMs)} ms, a further call on the same ranges ${fmt(functions.cachedCallMs)} ms (cache hit)`);
  console.log(`Add-in I/O plan (1,048,576 × 8): ${typeof io === "string" ? io : `${io.syncs} syncs (${io.readSyncs} read, ${io.writeSyncs} write), largest ${(io.largestSyncBytes / 1048576).toFixed(2)} MB, read ${(io.readBytes / 1048576).toFixed(1)} MB = ${io.readRatio}× the mapped columns' JSON`}`);
  const results = { date: new Date().toISOString(), machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version }, jobs, csv, memory, withClustersMs: withClusters, clv, functions, io, sql: RFM_SQL.trim(), seconds: (Date.now() - started) / 1000 };
  fs.writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(results, null, 2) + "\n");
  console.log("\nwrote bench/results.json");
}

main().catch((error) => {
  console.error(String(error?.stack ?? error));
  process.exit(1);
});
