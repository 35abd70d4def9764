/** `tiers sql`: prints SPEC §3–6 as one SQL query for DuckDB, PostgreSQL, BigQuery or Spark SQL. */
import { parseArgs } from "util";
import { resolveOptions } from "../engine/grade/options";
import { DIALECTS, gradingSql, type Dialect } from "../engine/export/sql";

import { commandUsage } from "./usage";

const SQL_USAGE = commandUsage("sql");

/** The options `tiers sql` accepts (each is described in usage.ts). */
export const SQL_OPTIONS = ["dialect", "table", "customer", "date", "amount", "quantity", "price", "order", "as-of", "bins", "method", "zero-amounts", "lang", "status", "sale-status", "exclude-status", "order-type", "returns"] as const;

const list = (v: string | undefined) => v?.split(",").map((s) => s.trim()).filter(Boolean);

export async function run(argv: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(SQL_OPTIONS.map((k) => [k, { type: "string" as const }])),
      strict: true,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    process.stderr.write(`tiers sql: ${(error as Error).message}\n${SQL_USAGE}`);
    return 2;
  }
  const fail = (message: string) => (process.stderr.write(`tiers sql: ${message}\n${SQL_USAGE}`), 2);
  const dialect = (values.dialect ?? "duckdb") as Dialect;
  if (!DIALECTS.includes(dialect)) return fail(`unknown dialect ${values.dialect}`);
  if (!values.table || !values.customer || !values.date) return fail("--table, --customer and --date are required");
  if (!values.amount && !(values.quantity && values.price)) return fail("give --amount, or --quantity and --price");
  const { options, problems } = resolveOptions({
    bins: values.bins ? Number(values.bins) : undefined,
    method: values.method as "quantile" | "ntile" | undefined,
    asOf: values["as-of"],
    zeroAmounts: values["zero-amounts"] as "exclude" | "include" | undefined,
    returns: values.returns as "exclude" | "net" | undefined,
    // Status lists: comma-separated values, as `tiers grade` takes them.
    saleStatus: list(values["sale-status"]),
    excludeStatus: list(values["exclude-status"]),
  });
  if (options.method === "fixed" || options.method === "rfm") return fail(`method ${options.method} is not offered for SQL`);
  if (problems.length) return fail(problems.join("; "));
  const lang = values.lang === "zh" ? "zh" : "en";
  if ((values["sale-status"] || values["exclude-status"]) && !values.status) return fail("--sale-status and --exclude-status need --status COL");
  const { table, customer, date, amount, quantity, price, order, status } = values;
  const orderType = values["order-type"];
  process.stdout.write(gradingSql({ table, customer, date, amount, quantity, price, order, status, orderType }, options, dialect, lang) + ";\n");
  return 0;
}
