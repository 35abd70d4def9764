/** `tiers cohorts`: first-purchase-month cohorts × months since first purchase (retention, revenue). */
import { cohortTable } from "../engine/report/cohorts";
import { runCommand } from "./command";
import { gradeFile } from "./grade";
import { writeCsv } from "./writeCsv";

export function run(argv: string[]): Promise<number> {
  return runCommand("cohorts", argv, async (args) => {
    const { result } = await gradeFile(args);
    const table = cohortTable(result);
    const lines = ["cohort   size  retention by months since first purchase (%)"];
    for (const { cohort, size } of table.cohorts) {
      const cells = table.cells.filter((c) => c.cohort === cohort);
      lines.push(`${cohort}  ${String(size).padStart(5)}  ${cells.slice(0, 13).map((c) => String(Math.round(c.retention * 100)).padStart(4)).join("")}`);
    }
    process.stderr.write(lines.join("\n") + "\n");
    if (args.out) await writeCsv(args.out, ["cohort", "months_since_first", "customers", "retention", "revenue"], table.cells.map((c) => [c.cohort, c.monthsSinceFirst, c.customers, Math.round(c.retention * 1e6) / 1e6, c.revenue]), Boolean(args.values["csv-raw"]));
    return 0;
  });
}
