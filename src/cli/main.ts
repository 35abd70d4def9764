/** `tiers` — grade transaction files without Excel, on the same engine as the add-in. */
import * as fs from "fs";
import * as path from "path";
import { commandHelp, isCommandName, USAGE, type CommandName } from "./usage";

export { USAGE } from "./usage";

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<CommandName, () => Promise<{ run: Command }>> = {
  grade: () => import("./grade"),
  fit: () => import("./fit"),
  sql: () => import("./sql"),
  migrate: () => import("./migrate"),
  cohorts: () => import("./cohorts"),
};

/** The version in package.json (two folders up from both src/cli/ and the compiled lib/cli/). */
export function version(): string {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version;
}

/** Asks for help: `--help` or `-h` before any `--`. */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/** Help and the version go to stdout (exit 0); usage errors to stderr with the usage (exit 2). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    process.stderr.write(`tiers: no command given\n${USAGE}`);
    return 2;
  }
  if (name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (name === "--version" || name === "-V") {
    process.stdout.write(`tiers ${version()}\n`);
    return 0;
  }
  if (name === "help") {
    const topic = rest[0];
    if (topic === undefined) process.stdout.write(USAGE);
    else if (isCommandName(topic)) process.stdout.write(commandHelp(topic));
    else {
      process.stderr.write(`tiers help: unknown command "${topic}"\n${USAGE}`);
      return 2;
    }
    return 0;
  }
  if (!isCommandName(name)) {
    process.stderr.write(name.startsWith("-") ? `tiers: unknown option "${name}"\n${USAGE}` : `tiers: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    process.stdout.write(commandHelp(name));
    return 0;
  }
  return (await COMMANDS[name]()).run(rest);
}
