/**
 * The help of `tiers`, as data: one entry per command (synopsis, options, examples). `tiers --help`,
 * `tiers help CMD` and `tiers CMD --help` print from here, and a usage error prints the command's
 * synopsis. A new option goes into its command's `options` (test/cli/help.test.ts checks that every
 * option a command's parser accepts is listed here, and that every listed one is accepted).
 */

export interface OptionHelp {
  /** The option as typed, e.g. `--as-of`. */
  flag: string;
  /** Its value, e.g. `YYYY-MM-DD`; absent for a switch. */
  value?: string;
  text: string;
}

export interface CommandHelp {
  /** One line: what the command does. */
  summary: string;
  /** The synopsis lines (without the leading `usage: `). */
  synopsis: readonly string[];
  options: readonly OptionHelp[];
  examples: readonly string[];
}

/** Options of every command that reads a transaction file. */
const COLUMN_OPTIONS: readonly OptionHelp[] = [
  { flag: "--sheet", value: "NAME|all|\"A,B\"", text: "the worksheet of an .xlsx file (default: the first visible sheet, in tab order, whose header is found; a hidden sheet only when named); all, or a comma-separated list, grades sheets with the same columns as one log (sheet and row columns added; all skips hidden sheets); refused for CSV input" },
  { flag: "--customer", value: "COL", text: "customer id column: header name, column letter or number (detected from English and Chinese headers when omitted)" },
  { flag: "--date", value: "COL", text: "order date column" },
  { flag: "--amount", value: "COL", text: "amount column (or give --quantity and --price)" },
  { flag: "--quantity", value: "COL", text: "quantity column; amount = quantity × price" },
  { flag: "--price", value: "COL", text: "unit price column" },
  { flag: "--order", value: "COL", text: "order id column: lines of one order count as one purchase" },
  { flag: "--as-of", value: "YYYY-MM-DD", text: "the day recency is counted to (default: the day after the last order)" },
  { flag: "--zero-amounts", value: "exclude|include", text: "whether rows with amount 0 count as purchases (default exclude)" },
  { flag: "--date-order", value: "dmy|mdy", text: "how to read 03/05/2024-style dates" },
  { flag: "--decimal", value: ",|.", text: "the decimal mark of text amounts, quantities and prices: 12,50 or 12.50 (default: decided per column from its values, refused when they cannot tell)" },
  { flag: "--date-system", value: "1900|1904", text: "the Excel date system of serial-number dates" },
  { flag: "--lang", value: "en|zh", text: "language of labels and messages (default en)" },
  { flag: "--status", value: "COL", text: "order status column (detected from 订单状态, Financial Status, Status …): cancelled and unpaid orders are excluded" },
  { flag: "--sale-status", value: "V,…", text: "status values to count as sales (comma-separated), beyond the built-in table" },
  { flag: "--exclude-status", value: "V,…", text: "status values to exclude as cancelled (or unpaid) orders" },
  { flag: "--order-type", value: "COL", text: "order type column (单据类型): rows marked 退货 / return / refund are returns" },
  { flag: "--returns", value: "exclude|net", text: "returns excluded (default) or netted off monetary, floored at 0" },
  { flag: "--amount-per", value: "auto|order|line", text: "an order total repeated on every line counted once per order (default auto: detected, and said)" },
  { flag: "--exclude", value: "IDS.txt", text: "customer ids to exclude, one a line (internal and test accounts, 黑名单)" },
  { flag: "--encoding", value: "utf-8|gb18030|utf-16le|utf-16be|windows-1252", text: "the text encoding of a CSV (default: detected — byte-order mark, UTF-8, else GB18030/GBK for Chinese text, else Windows-1252)" },
];

const GRADING_OPTIONS: readonly OptionHelp[] = [
  { flag: "--bins", value: "N", text: "score bins, 2 to 10 (default 5)" },
  { flag: "--method", value: "quantile|ntile|rfm", text: "how scores are cut (default quantile; rfm = the same scores as R's rfm package)" },
  { flag: "--breaks", value: "r=…;f=…;m=…", text: "your own breakpoints, bins − 1 ascending numbers per measure, e.g. \"r=30,90,180,365;f=1,2,5,10;m=250,500,1000,5000\"" },
];

const HELP_OPTION: OptionHelp = { flag: "--help", text: "this help (also -h)" };

export const COMMAND_HELP = {
  grade: {
    summary: "grade customers: RFM scores, segments, value tiers, lifecycle stages (and CLV, clusters, trend)",
    synopsis: ["tiers grade <file.csv|file.csv.gz|file.xlsx> [options] [--out FILE.csv|.json|.xlsx]"],
    options: [
      ...COLUMN_OPTIONS,
      ...GRADING_OPTIONS,
      { flag: "--active-days", value: "N", text: "lifecycle: At Risk after N days without a purchase (default 90)" },
      { flag: "--dormant-days", value: "N", text: "lifecycle: Dormant after N days (default 180; more than --active-days)" },
      { flag: "--lost-days", value: "N", text: "lifecycle: Lost after N days (default 365; more than --dormant-days)" },
      { flag: "--out", value: "FILE", text: ".csv: one row per customer; .json: customers, summary and options; .xlsx: the workbook the add-in writes. Without --out a summary goes to stderr" },
      { flag: "--csv-raw", text: "with a .csv output: write text that starts with = + - @ as it is (default: a leading ' so that spreadsheets do not run it)" },
      { flag: "--formulas", text: "with --out FILE.xlsx: scores and RF segment as formulas that recompute without the add-in" },
      { flag: "--clv", text: "add p_alive, expected_purchases_90d, expected_spend, clv_12m (BG/NBD + Gamma-Gamma); when the data cannot support the models, the output is written without them and stderr says why" },
      { flag: "--strict", text: "with --clv: exit 2 instead when the models cannot be fitted" },
      { flag: "--quiet", text: "no progress lines on stderr (they show only when stderr is a terminal); also -q" },
      { flag: "--model", value: "bgnbd|mbgnbd|paretonbd", text: "with --clv: the purchase model (default bgnbd; mbgnbd lets one-time buyers be gone)" },
      { flag: "--period", value: "day|week", text: "the CLV model's time unit (default day)" },
      { flag: "--levels", value: "NAME:MIN,…", text: "member levels (会员等级), thresholds inclusive, e.g. \"普通:0,银卡:1000,金卡:5000\": adds a member_level column" },
      { flag: "--levels-on", value: "monetary|frequency|spend:DAYS", text: "what --levels measures (default monetary; spend:365 = spend in the last 365 days)" },
      { flag: "--by", value: "COL", text: "break down by a column (Country, Region, Channel, Store …): adds a dimension column (the value carrying most of the customer's revenue; ties → the latest purchase's) and, in .xlsx, a dimension × segment table" },
      { flag: "--clusters", value: "[k]", text: "add a k-means cluster column (k chosen automatically when omitted)" },
      { flag: "--trend", text: "add trend and activity_index columns" },
      HELP_OPTION,
    ],
    examples: [
      "tiers grade sales.csv",
      "tiers grade book.xlsx --sheet Orders --out graded.xlsx",
      "tiers grade months.xlsx --sheet all",
      "tiers grade online_retail.csv.gz --customer CustomerID --date InvoiceDate --quantity Quantity --price UnitPrice --order InvoiceNo --as-of 2011-12-10 --out customers.csv",
    ],
  },
  fit: {
    summary: "fit the BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma models and print their parameters",
    synopsis: ["tiers fit <file> [column options] [--period day|week] [--as-of YYYY-MM-DD] [--json]"],
    options: [
      ...COLUMN_OPTIONS,
      { flag: "--period", value: "day|week", text: "the models' time unit (default day)" },
      { flag: "--json", text: "print the fit as one line of JSON" },
      HELP_OPTION,
    ],
    examples: ["tiers fit CDNOW_master.txt --customer 1 --date 2 --amount 4 --period week --as-of 1998-07-01 --json"],
  },
  sql: {
    summary: "print the grading rules as one SQL query for a warehouse",
    synopsis: [
      "tiers sql --dialect duckdb|postgres|bigquery|spark --table NAME --customer COL --date COL",
      "          (--amount COL | --quantity COL --price COL) [--order COL] [--as-of YYYY-MM-DD] [--bins N] [--lang en|zh]",
      "          [--status COL [--sale-status V,…] [--exclude-status V,…]] [--order-type COL] [--returns exclude|net]",
    ],
    options: [
      { flag: "--dialect", value: "duckdb|postgres|bigquery|spark", text: "the SQL dialect (default duckdb)" },
      { flag: "--table", value: "NAME", text: "the transactions table" },
      { flag: "--customer", value: "COL", text: "customer id column" },
      { flag: "--date", value: "COL", text: "order date column" },
      { flag: "--amount", value: "COL", text: "amount column (or give --quantity and --price)" },
      { flag: "--quantity", value: "COL", text: "quantity column" },
      { flag: "--price", value: "COL", text: "unit price column" },
      { flag: "--order", value: "COL", text: "order id column" },
      { flag: "--as-of", value: "YYYY-MM-DD", text: "the day recency is counted to (default: the day after the last order)" },
      { flag: "--bins", value: "N", text: "score bins, 2 to 10 (default 5)" },
      { flag: "--method", value: "quantile|ntile", text: "how scores are cut (default quantile)" },
      { flag: "--zero-amounts", value: "exclude|include", text: "whether rows with amount 0 count as purchases (default exclude)" },
      { flag: "--lang", value: "en|zh", text: "language of the labels in the result (default en)" },
      { flag: "--status", value: "COL", text: "order status column: rows of cancelled and unpaid orders are excluded (the same value table as tiers grade)" },
      { flag: "--sale-status", value: "V,…", text: "status values to count as sales (comma-separated)" },
      { flag: "--exclude-status", value: "V,…", text: "status values to exclude as cancelled (or unpaid) orders" },
      { flag: "--order-type", value: "COL", text: "order type column: rows marked 退货 / return / refund are returns" },
      { flag: "--returns", value: "exclude|net", text: "returns excluded (default) or netted off monetary, floored at 0" },
      HELP_OPTION,
    ],
    examples: ["tiers sql --dialect duckdb --table sales --customer cust --date day --amount amt"],
  },
  migrate: {
    summary: "segment migration between two as-of dates: who moved up, down or stayed",
    synopsis: ["tiers migrate <file> --from YYYY-MM-DD --to YYYY-MM-DD [column options] [--out FILE.csv]"],
    options: [
      { flag: "--from", value: "YYYY-MM-DD", text: "the first as-of date (required)" },
      { flag: "--to", value: "YYYY-MM-DD", text: "the second as-of date, after --from (required)" },
      ...COLUMN_OPTIONS.filter((o) => o.flag !== "--as-of"),
      ...GRADING_OPTIONS,
      { flag: "--out", value: "FILE.csv", text: "one row per customer: segment at --from and at --to, movement" },
      { flag: "--csv-raw", text: "with a .csv output: write text that starts with = + - @ as it is (default: a leading ' so that spreadsheets do not run it)" },
      HELP_OPTION,
    ],
    examples: ["tiers migrate sales.csv --from 2024-01-01 --to 2024-07-01 --out moved.csv"],
  },
  cohorts: {
    summary: "first-purchase-month cohorts × months since: retention and revenue",
    synopsis: ["tiers cohorts <file> [column options] [--out FILE.csv]"],
    options: [
      ...COLUMN_OPTIONS,
      { flag: "--out", value: "FILE.csv", text: "one row per cohort and month: customers, retention, revenue" },
      { flag: "--csv-raw", text: "with a .csv output: write text that starts with = + - @ as it is (default: a leading ' so that spreadsheets do not run it)" },
      HELP_OPTION,
    ],
    examples: ["tiers cohorts sales.csv --out cohorts.csv"],
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMAND_HELP;

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMAND_HELP, name);
}

/** The synopsis of one command, printed after a usage error. Ends with a newline. */
export function commandUsage(name: CommandName): string {
  const [first, ...rest] = COMMAND_HELP[name].synopsis;
  return [`usage: ${first}`, ...rest.map((line) => `       ${line}`), `run "tiers help ${name}" for its options`].join("\n") + "\n";
}

/** Splits text into lines of at most `width` characters at spaces (a longer word gets its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** `tiers CMD --help`: summary, synopsis, every option, examples. Ends with a newline. */
export function commandHelp(name: CommandName): string {
  const help: CommandHelp = COMMAND_HELP[name];
  const flags = help.options.map((o) => (o.value ? `${o.flag} ${o.value}` : o.flag));
  const width = Math.min(34, Math.max(...flags.map((f) => f.length)));
  const indent = "".padEnd(width + 4);
  const options = help.options.map((o, k) => {
    const flag = flags[k];
    const text = wrap(o.text, 100 - indent.length).join(`\n${indent}`);
    return flag.length > width ? `  ${flag}\n${indent}${text}` : `  ${flag.padEnd(width)}  ${text}`;
  });
  return [`tiers ${name}: ${help.summary}`, "", ...commandUsage(name).trimEnd().split("\n").slice(0, -1), "", "options:", ...options, "", "examples:", ...help.examples.map((e) => `  ${e}`)].join("\n") + "\n";
}

/** `tiers --help`: every command's synopsis. Ends with a newline. */
export const USAGE =
  [
    "usage:",
    ...Object.values(COMMAND_HELP).flatMap((h: CommandHelp) => h.synopsis.map((line) => `  ${line}`)),
    "  tiers help <command>   the options of one command (or: tiers <command> --help)",
    "  tiers --version",
    "",
    "commands:",
    ...Object.entries(COMMAND_HELP).map(([name, h]) => `  ${name.padEnd(8)} ${h.summary}`),
  ].join("\n") + "\n";
