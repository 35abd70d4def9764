/** The frame every file-reading `tiers` command shares: parse the options, run, map bad input to exit code 2. */
import type { ParseArgsConfig } from "util";
import { parseCommonArgs, UsageError, type CommonArgs } from "./args";
import { InputError } from "./input";
import { commandUsage, isCommandName, USAGE } from "./usage";

export async function runCommand(name: string, argv: string[], body: (args: CommonArgs) => Promise<number>, extra: ParseArgsConfig["options"] = {}, check?: (args: CommonArgs) => void): Promise<number> {
  let args: CommonArgs;
  try {
    args = parseCommonArgs(argv, extra);
    check?.(args);
  } catch (err) {
    process.stderr.write(`tiers ${name}: ${(err as Error).message}\n${isCommandName(name) ? commandUsage(name) : USAGE}`);
    return 2;
  }
  try {
    return await body(args);
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      process.stderr.write(`tiers: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
