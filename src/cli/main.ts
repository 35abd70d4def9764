/** `tiers` — grade transaction files without Excel, on the same engine as the add-in. */
import { USAGE } from "./usage";

export { USAGE } from "./usage";

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  grade: () => import("./grade"),
  fit: () => import("./fit"),
  sql: () => import("./sql"),
  migrate: () => import("./migrate"),
  cohorts: () => import("./cohorts"),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stderr.write(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`tiers: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  return (await load()).run(rest);
}
