/** The usage text of `tiers`, shared by the entry point and the commands that print it on errors. */
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
