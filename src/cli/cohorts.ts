/** `tiers cohorts`: first-purchase-month cohorts × months since first purchase (retention, revenue). */
import { cohortTable } from "../engine/cohorts";
import { parseCommonArgs, UsageError, type CommonArgs } from "./args";
import { gradeFile } from "./grade";
import { InputError } from "./input";
import { USAGE } from "./main";
import { writeCsv } from "./writeCsv";

export async function run(argv: string[]): Promise<number> {
  let args: CommonArgs;
  try {
    args = parseCommonArgs(argv);
  } catch (err) {
    process.stderr.write(`tiers cohorts: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const { result } = await gradeFile(args);
    const table = cohortTable(result);
    const lines = ["cohort   size  retention by months since first purchase (%)"];
    for (const { cohort, size } of table.cohorts) {
      const cells = table.cells.filter((c) => c.cohort === cohort);
      lines.push(`${cohort}  ${String(size).padStart(5)}  ${cells.slice(0, 13).map((c) => String(Math.round(c.retention * 100)).padStart(4)).join("")}`);
    }
    process.stderr.write(lines.join("\n") + "\n");
    if (args.out) await writeCsv(args.out, ["cohort", "months_since_first", "customers", "retention", "revenue"], table.cells.map((c) => [c.cohort, c.monthsSinceFirst, c.customers, Math.round(c.retention * 1e6) / 1e6, c.revenue]));
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      process.stderr.write(`tiers: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
