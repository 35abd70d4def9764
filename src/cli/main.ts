/** `tiers` — grade transaction files without Excel, on the same engine as the add-in. */
export const USAGE = `usage:
  tiers grade <file.csv|file.csv.gz|file.xlsx> [--sheet NAME] [--customer COL] [--date COL]
              [--amount COL | --quantity COL --price COL] [--order COL] [--as-of YYYY-MM-DD]
              [--bins N] [--method quantile|ntile] [--zero-amounts exclude|include]
              [--date-order dmy|mdy] [--clv] [--period day|week] [--clusters [k]] [--trend] [--lang en|zh]
              [--out FILE.csv|.xlsx|.json] [--formulas (with .xlsx: scores and segments as formulas)]
  tiers fit <file> [same column options] [--period day|week] [--as-of YYYY-MM-DD] [--json]
  tiers sql --dialect duckdb|postgres|bigquery|spark --table NAME --customer COL --date COL
            (--amount COL | --quantity COL --price COL) [--order COL] [--as-of …] [--bins N] [--lang en|zh]
  tiers migrate <file> --from YYYY-MM-DD --to YYYY-MM-DD [same column options] [--out FILE.csv]
  tiers cohorts <file> [same column options] [--out FILE.csv]
`;

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
