/** `tiers fit`: fit BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma and print them as JSON (SPEC §9). */
import { fitClvModels } from "../engine/clv";
import type { PeriodUnit } from "../engine/clv/summary";
import { runCommand } from "./command";
import { gradeFile } from "./grade";

export function run(argv: string[]): Promise<number> {
  return runCommand("fit", argv, async (args) => {
    const unit = (args.values.period as PeriodUnit | undefined) ?? "day";
    const { input, result } = await gradeFile(args);
    const started = process.hrtime.bigint();
    const outcome = fitClvModels(result.transactions, result.asOfDay, unit);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!outcome.ok) {
      process.stderr.write(`tiers: ${input.label}: ${args.lang === "zh" ? outcome.zh : outcome.message}\n`);
      return 2;
    }
    if (args.values.json) process.stdout.write(JSON.stringify(outcome.fit) + "\n");
    else {
      const { bgnbd: bg, mbgnbd: mbg, paretonbd: pn, gammagamma: gg } = outcome.fit;
      const f = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : "—");
      process.stdout.write(
        [
          `customers ${outcome.fit.customers}, repeaters ${outcome.fit.repeaters}, unit ${unit}, fitted in ${ms.toFixed(0)} ms`,
          `BG/NBD      r=${f(bg.r)} alpha=${f(bg.alpha)} a=${f(bg.a)} b=${f(bg.b)} LL=${f(bg.ll)}`,
          `MBG/NBD     r=${f(mbg.r)} alpha=${f(mbg.alpha)} a=${f(mbg.a)} b=${f(mbg.b)} LL=${f(mbg.ll)}${Number.isFinite(mbg.ll) ? "" : " (not fitted: no convergence)"}`,
          `Pareto/NBD  r=${f(pn.r)} alpha=${f(pn.alpha)} s=${f(pn.s)} beta=${f(pn.beta)} LL=${f(pn.ll)}${Number.isFinite(pn.ll) ? "" : " (not fitted: almost no drop-out in this data, or no convergence within its work budget; the CLV columns use BG/NBD)"}`,
          `Gamma-Gamma p=${f(gg.p)} q=${f(gg.q)} gamma=${f(gg.gamma)} LL=${f(gg.ll)} (n=${gg.n})`,
        ].join("\n") + "\n",
      );
    }
    return 0;
  });
}
