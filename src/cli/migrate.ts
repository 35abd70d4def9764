/** `tiers migrate`: RF segment migration between two as-of dates, from one transaction file. */
import { gradeTable } from "../engine/grade/pipeline";
import { labelText, RF_SEGMENTS } from "../engine/common/labels";
import { migration } from "../engine/report/migration";
import { cliText } from "./optionFlags";
import { UsageError, type CommonArgs } from "./args";
import { runCommand } from "./command";
import { InputError, readInput } from "./input";
import { readIdList } from "./idList";
import { writeCsv } from "./writeCsv";

export function run(argv: string[]): Promise<number> {
  const check = (args: CommonArgs) => {
    if (!args.values.from || !args.values.to) throw new UsageError("--from and --to are required");
    if (!(String(args.values.from) < String(args.values.to))) throw new UsageError("--from must be before --to");
  };
  return runCommand("migrate", argv, async (args) => {
    const input = await readInput(args.file, { sheet: args.sheet, mapping: args.mapping, encoding: args.values.encoding as string | undefined });
    const excludeIds = typeof args.values.exclude === "string" ? await readIdList(args.values.exclude) : undefined;
    const grade = (asOf: string) => {
      const outcome = gradeTable({ cells: input.cells, mapping: args.mapping, firstRowNumber: input.firstRowNumber }, { ...args.options, asOf, excludeIds });
      if (!outcome.ok) throw new InputError(`${input.label}: as of ${asOf}: ${cliText(outcome.issues[0], args.lang)}`);
      return outcome.result;
    };
    const from = String(args.values.from), to = String(args.values.to);
    const moved = migration(grade(from), grade(to));
    const names = RF_SEGMENTS.map((_, k) => labelText(RF_SEGMENTS, k, args.lang));
    const rowNames = [args.lang === "zh" ? "（新客户）" : "(new)", ...names];
    const width = Math.max(...rowNames.map((n) => n.length));
    const lines = [`segment migration ${from} → ${to} (rows: segment at ${from}; columns: at ${to})`, `${"".padEnd(width)}  ${names.map((n) => n.slice(0, 10).padStart(10)).join(" ")}`];
    moved.counts.forEach((row, k) => lines.push(`${rowNames[k].padEnd(width)}  ${row.map((v) => String(v).padStart(10)).join(" ")}`));
    const tally = { up: 0, down: 0, same: 0, new: 0 };
    for (const r of moved.rows) tally[r.movement] += 1;
    lines.push(`moved up ${tally.up}, down ${tally.down}, same ${tally.same}, new ${tally.new}`);
    process.stderr.write(lines.join("\n") + "\n");
    if (args.out)
      await writeCsv(args.out, ["customer_id", "segment_from", "segment_to", "movement", "monetary_to"], moved.rows.map((r) => [r.customerId, r.from < 0 ? null : names[r.from], names[r.to], r.movement, r.revenue]), Boolean(args.values["csv-raw"]));
    return 0;
  }, { from: { type: "string" }, to: { type: "string" } }, check);
}
