/** Shared by the SQL tests: the engine's CSV for an option set, and an exact column-by-column comparison. */
import * as path from "path";
import { readCsv, runCli, tempDir } from "../support/runCli";

export interface OptionSet {
  name: string;
  /** CLI flags (also the SQL options). */
  flags: string[];
}

/** The option sets every executed dialect is checked with (issue #19); `asOf` inside the data's period. */
export const optionSets = (asOf: string): OptionSet[] => [
  { name: "default", flags: [] },
  { name: `--as-of ${asOf}`, flags: ["--as-of", asOf] },
  { name: "--method ntile", flags: ["--method", "ntile"] },
  { name: "--bins 3", flags: ["--bins", "3"] },
  { name: "--lang zh", flags: ["--lang", "zh"] },
  { name: "--zero-amounts include", flags: ["--zero-amounts", "include"] },
];

/** The flags' grading options for gradingSql (resolveOptions input) and the label language. */
export function sqlOptionsOf(flags: string[]): { partial: Record<string, unknown>; lang: "en" | "zh" } {
  const value = (k: string) => {
    const i = flags.indexOf(k);
    return i >= 0 ? flags[i + 1] : undefined;
  };
  const partial: Record<string, unknown> = {};
  if (value("--as-of")) partial.asOf = value("--as-of");
  if (value("--method")) partial.method = value("--method");
  if (value("--bins")) partial.bins = Number(value("--bins"));
  if (value("--zero-amounts")) partial.zeroAmounts = value("--zero-amounts");
  if (value("--returns")) partial.returns = value("--returns");
  const list = (k: string) => value(k)?.split(",").map((v) => v.trim()).filter(Boolean);
  if (value("--sale-status")) partial.saleStatus = list("--sale-status");
  if (value("--exclude-status")) partial.excludeStatus = list("--exclude-status");
  return { partial, lang: value("--lang") === "zh" ? "zh" : "en" };
}

/** The CLI's customers CSV (header dropped) for `file` graded with `mapping` + `flags`. */
export async function engineRows(file: string, mapping: string[], flags: string[]): Promise<string[][]> {
  const out = path.join(tempDir(), "engine.csv");
  const result = await runCli(["grade", file, ...mapping, ...flags, "--out", out]);
  if (result.code !== 0) throw new Error(`tiers grade failed: ${result.stderr}`);
  return readCsv(out).slice(1);
}

/** Equal as text, or both numbers of exactly the same value (2790.86 = 2790.860); no tolerance. */
const same = (a: string, b: string) => a === b || (a !== "" && b !== "" && Number(a) === Number(b));

/** Every difference (up to 10) between the SQL rows and the engine rows, by row, customer and column. */
export function differences(sql: string[][], engine: string[][], header: string[]): string[] {
  const diffs: string[] = [];
  if (sql.length !== engine.length) diffs.push(`${sql.length} rows from SQL, ${engine.length} from the engine`);
  engine.forEach((row, i) => {
    if (row.length !== 18 && diffs.length < 10) diffs.push(`engine row ${i + 1} has ${row.length} columns`);
    row.forEach((v, k) => {
      const got = sql[i]?.[k] ?? "(missing)";
      if (!same(got, v) && diffs.length < 10) diffs.push(`row ${i + 1} (${row[0]}) ${header[k]}: sql ${JSON.stringify(got)} vs engine ${JSON.stringify(v)}`);
    });
  });
  return diffs;
}

export const COLUMNS = "customer_id,first_date,last_date,recency_days,tenure_days,frequency,monetary,aov,r_score,f_score,m_score,rfm_score,rf_segment,rfm8_segment,value_tier,frequency_tier,amount_tier,lifecycle_stage".split(",");
