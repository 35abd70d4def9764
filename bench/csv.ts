/**
 * `npm run bench:csv`: the CLI on big text-id CSV files against DuckDB (issue #19). Deterministic
 * order logs of 5,000,000 and 10,000,000 rows (~83,000 customers, ids `C0012345` and one in three
 * an e-mail, one text order id per row, dates in order, two-decimal amounts) are generated into the
 * temp folder (kept there for the next run, never committed). Each side runs as its own process, as
 * a user runs it, timed from outside with its peak RSS (/usr/bin/time):
 *   ours:   node bin/tiers.js grade FILE --out ours.csv
 *   DuckDB: read_csv into a table + the full query `tiers sql --dialect duckdb` prints (SPEC §3–6),
 *           its result written to a CSV (bench/duckdbCsvChild.js)
 * Both outputs are read back: every customer's 18 columns must be equal (numbers by value), and so
 * the customer count and the sum of monetary, which are printed; else the bench fails. Prints the ratios first (DuckDB time ÷ ours), writes bench/results-csv.json.
 * `-- --rows 5000000` runs one size only; `-- --keep` leaves the outputs in the temp folder;
 * `-- --generate` only writes the input files.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { seededRandom } from "../src/engine/cluster/rng";
import { parseCsvText } from "../test/support/csvText";

const ROOT = path.join(__dirname, "..");
const DIR = path.join(os.tmpdir(), "tiers-bench-csv");
const CUSTOMERS = 83_000;
/** Bump when the generated rows change, so stale files in the temp folder are not reused. */
const VERSION = 1;
const FIRST_DAY = Date.UTC(2022, 0, 1) / 86_400_000;
const DAYS = 1096;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The customer id of customer k: `C0012345`, or an e-mail for one in three. */
function customerId(k: number): string {
  return k % 3 === 0 ? `c${k}@shop.example` : `C${String(k).padStart(7, "0")}`;
}

/** Writes the order log of `rows` data rows (header first) unless the temp folder has it already. */
async function generate(rows: number): Promise<string> {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `orders-${rows}-v${VERSION}.csv`);
  if (fs.existsSync(file) && fs.existsSync(file + ".done")) return file;
  const random = seededRandom(rows);
  const out = fs.createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once("drain", resolve)));
  await write("Order,Customer,Date,Amount\n");
  const dayText = (d: number) => new Date((FIRST_DAY + d) * 86_400_000).toISOString().slice(0, 10);
  const BLOCK = 100_000;
  for (let start = 0; start < rows; start += BLOCK) {
    let text = "";
    for (let i = start, end = Math.min(rows, start + BLOCK); i < end; ++i) {
      // Half the rows from a skewed draw (a few customers buy often), half uniform: every customer appears.
      const u = random();
      const k = 1 + Math.floor((random() < 0.5 ? u * u : u) * CUSTOMERS);
      const day = Math.floor((i / rows) * DAYS);
      const cents = 100 + Math.floor(random() * 30_000);
      text += `SO-${10_000_000 + i},${customerId(k)},${dayText(day)},${(cents / 100).toFixed(2)}\n`;
    }
    await write(text);
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  fs.writeFileSync(file + ".done", "");
  return file;
}

/** Runs a command under /usr/bin/time: wall seconds, CPU seconds (user + system, all threads), peak RSS (MB), stdout. */
function measured(command: string, args: string[]): { seconds: number; cpuSeconds: number; rssMb: number; stdout: string } {
  const res = spawnSync("/usr/bin/time", ["-f", "TIME %e %M %U %S", command, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const line = String(res.stderr).split("\n").reverse().find((l) => l.startsWith("TIME "));
  if (res.status !== 0 || !line) throw new Error(`BENCH FAILED: ${command} ${args.join(" ")}\n${res.stderr}`);
  const [, seconds, kb, user, system] = line.split(" ");
  return { seconds: Number(seconds), cpuSeconds: Number(user) + Number(system), rssMb: Number(kb) / 1024, stdout: String(res.stdout) };
}

/** Customers graded and the sum of their monetary (to the cent) of a customer CSV. */
function checksum(rows: string[][]): { customers: number; monetary: string } {
  const header = rows[0];
  const f = header.indexOf("frequency"), m = header.indexOf("monetary");
  let customers = 0, cents = 0;
  for (let i = 1; i < rows.length; ++i) {
    if (rows[i].length < header.length || rows[i][f] === "") continue;
    ++customers;
    cents += Math.round(Number(rows[i][m]) * 100);
  }
  return { customers, monetary: (cents / 100).toFixed(2) };
}

/**
 * Every customer's every column equal in the two outputs (numbers by value: DuckDB writes
 * `82453.0` where the CLI writes `82453`); the first differences, none when they agree.
 */
function differences(ours: string[][], theirs: string[][]): string[] {
  const out: string[] = [];
  if (ours.length !== theirs.length) out.push(`${ours.length - 1} customers vs ${theirs.length - 1}`);
  if (ours[0].join(",") !== theirs[0].join(",")) out.push(`columns ${ours[0].join(",")} vs ${theirs[0].join(",")}`);
  for (let i = 1; i < Math.min(ours.length, theirs.length) && out.length < 5; ++i)
    for (let k = 0; k < ours[0].length; ++k) {
      const a = ours[i][k] ?? "", b = theirs[i][k] ?? "";
      if (a !== b && !(a !== "" && b !== "" && Number(a) === Number(b))) {
        out.push(`row ${i} (${ours[i][0]}), ${ours[0][k]}: ${a} vs ${b}`);
        break;
      }
    }
  return out;
}

async function sizeJob(rows: number, keep: boolean) {
  const file = await generate(rows);
  const ours = path.join(DIR, `ours-${rows}.csv`), theirs = path.join(DIR, `duckdb-${rows}.csv`), sqlFile = path.join(DIR, "query.sql");
  const sql = spawnSync(process.execPath, [path.join(ROOT, "bin", "tiers.js"), "sql", "--dialect", "duckdb", "--table", "t", "--customer", "Customer", "--date", "Date", "--amount", "Amount", "--order", "Order"], { encoding: "utf8" });
  if (sql.status !== 0) throw new Error(`BENCH FAILED: tiers sql\n${sql.stderr}`);
  fs.writeFileSync(sqlFile, sql.stdout);
  const load = os.loadavg()[0];
  const cli = measured(process.execPath, [path.join(ROOT, "bin", "tiers.js"), "grade", file, "--out", ours, "--quiet"]);
  const duck = measured(process.execPath, [path.join(__dirname, "duckdbCsvChild.js"), file, sqlFile, theirs]);
  const duckInside = JSON.parse(duck.stdout.trim().split("\n").pop()!) as { loadMs: number; queryMs: number };
  const ourRows = parseCsvText(fs.readFileSync(ours, "utf8")), theirRows = parseCsvText(fs.readFileSync(theirs, "utf8"));
  const a = checksum(ourRows), b = checksum(theirRows);
  const diff = differences(ourRows, theirRows);
  if (a.customers !== b.customers || a.monetary !== b.monetary || diff.length) throw new Error(`BENCH FAILED: ${rows} rows: tiers ${JSON.stringify(a)} vs DuckDB ${JSON.stringify(b)}\n  ${diff.join("\n  ")}`);
  if (!keep) for (const f of [ours, theirs]) fs.rmSync(f, { force: true });
  return {
    rows, fileMb: fs.statSync(file).size / 1048576, customers: a.customers, monetarySum: a.monetary,
    date: new Date().toISOString(),
    ours: { seconds: cli.seconds, cpuSeconds: cli.cpuSeconds, peakRssMb: cli.rssMb },
    duckdb: { seconds: duck.seconds, cpuSeconds: duck.cpuSeconds, peakRssMb: duck.rssMb, readCsvMs: duckInside.loadMs, queryMs: duckInside.queryMs },
    ratio: duck.seconds / cli.seconds,
    cpuRatio: duck.cpuSeconds / cli.cpuSeconds,
    loadAverageBefore: load, loadAverageAfter: os.loadavg()[0],
  };
}

/** The in-process text-id figures of the last `npm run bench -- --ids` (not re-run here: it is its own heavy job). */
function printInProcessIds(): void {
  const file = path.join(__dirname, "results-ids.json");
  if (!fs.existsSync(file)) return console.log("in process: run `npm run bench -- --ids` for the text-id and floor figures");
  const { date, machine, ids } = JSON.parse(fs.readFileSync(file, "utf8"));
  const t = ids.text;
  console.log(`in process, last \`npm run bench -- --ids\` (${date.slice(0, 10)}, load ${machine.loadAverage?.[0]?.toFixed(1) ?? "?"}; bench/results-ids.json): text ids ${(t.oursMs as number).toFixed(0)} ms, ${(t.vsDuckdb as number).toFixed(1)}× DuckDB with ingestion, ${(ids.textVsNumeric as number).toFixed(2)}× numeric ids; touch-every-cell floor ${(t.floorMs as number).toFixed(0)} ms (ours ${(t.vsFloor as number).toFixed(1)}× the floor)`);
}

async function main() {
  const only = argValue("--rows");
  const sizes = only ? [Number(only)] : [5_000_000, 10_000_000];
  const keep = process.argv.includes("--keep");
  console.log(`Customer Tiers CSV benchmark — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`files in ${DIR} (generated once, reused)`);
  if (process.argv.includes("--generate")) {
    for (const rows of sizes) console.log(await generate(rows));
    return;
  }
  const jobs: Awaited<ReturnType<typeof sizeJob>>[] = [];
  for (const rows of sizes) jobs.push(await sizeJob(rows, keep));
  const targets: Record<number, number> = { 5_000_000: 1024, 10_000_000: 1536 };
  console.log("\nrows         file MB  customers  DuckDB÷ours wall  CPU   ours s wall  CPU   ours RSS MB (target)   DuckDB s wall (read_csv + query)  CPU   DuckDB RSS MB  load avg");
  for (const j of jobs)
    console.log(`${j.rows.toLocaleString("en-US").padEnd(12)} ${j.fileMb.toFixed(0).padStart(7)}  ${String(j.customers).padStart(9)}  ${j.ratio.toFixed(2).padStart(16)}  ${j.cpuRatio.toFixed(2).padStart(4)}  ${j.ours.seconds.toFixed(1).padStart(11)}  ${j.ours.cpuSeconds.toFixed(1).padStart(4)}  ${j.ours.peakRssMb.toFixed(0).padStart(11)} (≤ ${targets[j.rows] ?? "—"})  ${j.duckdb.seconds.toFixed(1).padStart(13)} (${(j.duckdb.readCsvMs / 1000).toFixed(1)} + ${(j.duckdb.queryMs / 1000).toFixed(1)})  ${j.duckdb.cpuSeconds.toFixed(1).padStart(4)}  ${j.duckdb.peakRssMb.toFixed(0).padStart(13)}  ${j.loadAverageBefore.toFixed(1)}→${j.loadAverageAfter.toFixed(1)}`);
  console.log("(both outputs equal: every customer, all 18 columns; DuckDB÷ours ≥ 1 means ours is faster. CPU = user + system of all threads:");
  console.log(" DuckDB runs on both cores, ours on one, so on a quiet machine the wall ratio is the user's; on a shared one CPU is steadier)");
  printInProcessIds();
  // A run of one size (--rows) replaces that size's figures and keeps the others'.
  const resultsFile = path.join(__dirname, "results-csv.json");
  const earlier = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, "utf8")).jobs as { rows: number }[]) : [];
  const all = [...earlier.filter((e) => !jobs.some((j) => j.rows === e.rows)), ...jobs].sort((a, b) => a.rows - b.rows);
  const results = { date: new Date().toISOString(), machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGb: os.totalmem() / 2 ** 30, node: process.version }, jobs: all };
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
  console.log("\nwrote bench/results-csv.json");
}

main().catch((error) => {
  console.error(String(error?.stack ?? error));
  process.exit(1);
});
