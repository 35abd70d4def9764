/**
 * The CSV path's speed against an earlier build (issue #16: "stays within 5% of today's"): runs the
 * old and the new `bin/tiers.js grade FILE --out x.csv` alternately, N times each (so that machine
 * load hits both alike), checks the two outputs are byte-identical, and prints each one's median
 * wall time and the median ratio new / old. Optional variants of the new build (extra arguments, e.g.
 * `--decimal .`, which skips the decimal-mark detection) run in the same rotation.
 *
 *   node -r ts-node/register/transpile-only bench/csvRegression.ts --old /tmp/basewt [--new .] [--runs 7]
 *        [--file datasets/online-retail-uci/online_retail.csv.gz] [--variant "--decimal ."]
 *
 * Both folders need a compiled lib/ (`npx tsc -p tsconfig.cli.json`).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

function arg(name: string, fallback?: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : fallback;
}
const allArgs = (name: string) => process.argv.flatMap((a, k) => (a === `--${name}` ? [process.argv[k + 1]] : []));

const ROOT = path.join(__dirname, "..");
const oldDir = path.resolve(arg("old") ?? "");
const newDir = path.resolve(arg("new", ROOT)!);
const runs = Number(arg("runs", "7"));
const file = path.resolve(ROOT, arg("file", "datasets/online-retail-uci/online_retail.csv.gz")!);
if (!fs.existsSync(path.join(oldDir, "bin/tiers.js"))) throw new Error(`--old ${oldDir}: no bin/tiers.js there`);

interface Job {
  name: string;
  dir: string;
  extra: string[];
  times: number[];
  out: string;
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "csv-regression-"));
const jobs: Job[] = [
  { name: "old", dir: oldDir, extra: [], times: [], out: path.join(tmp, "old.csv") },
  { name: "new", dir: newDir, extra: [], times: [], out: path.join(tmp, "new.csv") },
  ...allArgs("variant").map((v, k) => ({ name: `new ${v}`, dir: newDir, extra: v.split(/\s+/).filter(Boolean), times: [], out: path.join(tmp, `variant${k}.csv`) })),
];

function run(job: Job): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(job.dir, "bin/tiers.js"), "grade", file, ...job.extra, "--out", job.out], { stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${job.name} failed: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One untimed warm-up each (file cache), then the rotation, starting with a different job each round.
for (const job of jobs) run(job);
for (let r = 0; r < runs; ++r)
  for (let k = 0; k < jobs.length; ++k) {
    const job = jobs[(r + k) % jobs.length];
    job.times.push(run(job));
  }

const same = fs.readFileSync(jobs[0].out).equals(fs.readFileSync(jobs[1].out));
const ratios = jobs[1].times.map((t, k) => t / jobs[0].times[k]);
console.log(`${path.relative(ROOT, file)}, ${runs} runs each, alternating`);
for (const job of jobs) console.log(`${job.name.padEnd(24)} median ${median(job.times).toFixed(0)} ms  (${job.times.map((t) => t.toFixed(0)).join(", ")})`);
console.log(`new / old: ratio of medians ${(median(jobs[1].times) / median(jobs[0].times)).toFixed(3)}, median of paired ratios ${median(ratios).toFixed(3)}`);
for (const job of jobs.slice(2)) console.log(`new / ${job.name}: ${(median(jobs[1].times) / median(job.times)).toFixed(3)}`);
console.log(`outputs old vs new: ${same ? "byte-identical" : "DIFFERENT"}`);
fs.rmSync(tmp, { recursive: true, force: true });
if (!same) process.exitCode = 1;
