/**
 * SPEC §3–6 as one SQL query, for teams whose transactions outgrow a spreadsheet: `tiers sql`
 * prints it for DuckDB, PostgreSQL, BigQuery or Spark SQL. The query reads a table with typed columns
 * (customer id as text or integer, a DATE or TIMESTAMP, a numeric amount or quantity and price, an
 * optional order id) and returns the SPEC §9 columns, customers then prospects. DuckDB and PostgreSQL
 * are executed in tests and equal the engine customer by customer; BigQuery and Spark SQL are parsed
 * by real parsers of those dialects (docs/sql.md).
 */
import { LIFECYCLE_STAGES, RF_SEGMENTS, RFM8_CLASSES, VALUE_TIERS, FREQUENCY_TIERS, AMOUNT_TIERS, type Label } from "../common/labels";
import type { GradeOptions } from "../grade/options";
import { RF_GRID } from "../grade/segments";
import { normaliseStatus, RETURN_TYPES, STATUS_VALUES, statusClassifier } from "../read/orderStatus";
import type { Lang } from "../common/types";

export type Dialect = "duckdb" | "postgres" | "bigquery" | "spark";
export const DIALECTS: readonly Dialect[] = ["duckdb", "postgres", "bigquery", "spark"];

export interface SqlColumns {
  table: string;
  customer: string;
  date: string;
  amount?: string;
  quantity?: string;
  price?: string;
  order?: string;
  /** Order status column (paid, cancelled, 交易关闭 …): rows of cancelled and unpaid orders are excluded. */
  status?: string;
  /** Order type column (销售 / 退货): a row it marks as a return has amount −|amount|. */
  orderType?: string;
}

type SqlOptions = Pick<GradeOptions, "bins" | "method" | "zeroAmounts" | "valueTiers" | "lifecycle" | "asOf" | "fixedBreaks"> &
  Partial<Pick<GradeOptions, "returns" | "saleStatus" | "excludeStatus">>;

/**
 * The characters normaliseStatus (orderStatus.ts) removes: JavaScript's white space (`\s`) and the
 * punctuation of its pattern. test/sql/orderStatusSql.test.ts checks this list against
 * normaliseStatus over every BMP character, so the two cannot drift apart.
 */
export const STATUS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
export const STATUS_IGNORED = STATUS_SPACE + "_-.,;:!?'\"()（）【】[]，。、；：！？“”‘’·";

/** The normalised status values that exclude a row, by kind, after the user's overrides (one source: STATUS_VALUES). */
export function excludingStatusValues(overrides: Pick<SqlOptions, "saleStatus" | "excludeStatus">): { cancelled: string[]; unpaid: string[] } {
  const classify = statusClassifier(overrides);
  const candidates = new Set<string>([...STATUS_VALUES.flatMap((row) => row.values), ...[...(overrides.saleStatus ?? []), ...(overrides.excludeStatus ?? [])].map(normaliseStatus)]);
  const cancelled: string[] = [];
  const unpaid: string[] = [];
  for (const v of candidates) {
    const kind = classify(v);
    if (kind === "cancelled") cancelled.push(v);
    else if (kind === "unpaid") unpaid.push(v);
  }
  return { cancelled, unpaid };
}


/** A column name quoted for the dialect (a quote character inside the name escaped, never dropped). */
export function ident(name: string, dialect: Dialect): string {
  if (dialect === "bigquery") return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
  if (dialect === "spark") return `\`${name.replace(/`/g, "``")}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A string literal for the dialect. DuckDB and PostgreSQL (standard_conforming_strings, the default
 * since 9.1) double the quote; BigQuery and Spark SQL take backslash escapes and no doubled quote (in
 * Spark 'a''b' is two adjacent literals, silently "ab"; in BigQuery a syntax error).
 */
export function literal(s: string, dialect: Dialect): string {
  if (dialect === "bigquery" || dialect === "spark") return `'${s.replace(/[\\']/g, (c) => `\\${c}`).replace(/\n/g, "\\n").replace(/\r/g, "\\r")}'`;
  return `'${s.replace(/'/g, "''")}'`;
}

interface DialectParts {
  str: string;
  float: string;
  daysBetween: (later: string, earlier: string) => string;
  plusOneDay: (d: string) => string;
  /** Scalar PERCENTILE.INC of column `col` of CTE `from` at p. */
  percentile: (col: string, p: number, from: string) => string;
  /** ORDER BY term for customer ids in Unicode code-point order. */
  idOrder: string;
  /** `x` with a trailing `.0…` after an optional sign and digits removed (`17850.0` → `17850`), as customerIdOf does. */
  wholeFloatId: (x: string) => string;
  /** Whether the text `x` is an e-mail address by customerKeyOf's rule (EMAIL_PATTERN). */
  isEmail: (x: string) => string;
}

/**
 * customerId.ts's e-mail rule (one `@`, something before it, a dot inside the domain, no white
 * space) as a regular expression every dialect's engine reads the same (RE2, PostgreSQL's ARE,
 * Java): `\s` inside brackets, `[.]` for a literal dot.
 */
const EMAIL_PATTERN = "^[^@\\s]+@[^@\\s.]+([.][^@\\s.]+)+$";

const PARTS: Record<Dialect, DialectParts> = {
  duckdb: {
    str: "VARCHAR",
    float: "DOUBLE",
    daysBetween: (a, b) => `(${a} - ${b})`,
    plusOneDay: (d) => `(${d} + 1)`,
    percentile: (col, p, from) => `(SELECT quantile_cont(${col}, ${p}) FROM ${from})`,
    idOrder: "customer_id",
    wholeFloatId: (x) => `regexp_replace(${x}, '^([+-]?[0-9]+)[.]0+$', '\\1')`,
    isEmail: (x) => `regexp_matches(${x}, ${literal(EMAIL_PATTERN, "duckdb")})`,
  },
  postgres: {
    str: "TEXT",
    float: "DOUBLE PRECISION",
    daysBetween: (a, b) => `(${a} - ${b})`,
    plusOneDay: (d) => `(${d} + 1)`,
    percentile: (col, p, from) => `(SELECT percentile_cont(${p}) WITHIN GROUP (ORDER BY ${col}) FROM ${from})`,
    idOrder: `customer_id COLLATE "C"`,
    wholeFloatId: (x) => `regexp_replace(${x}, '^([+-]?[0-9]+)[.]0+$', '\\1')`,
    isEmail: (x) => `(${x} ~ ${literal(EMAIL_PATTERN, "postgres")})`,
  },
  bigquery: {
    str: "STRING",
    float: "FLOAT64",
    daysBetween: (a, b) => `DATE_DIFF(${a}, ${b}, DAY)`,
    plusOneDay: (d) => `DATE_ADD(${d}, INTERVAL 1 DAY)`,
    percentile: (col, p, from) => `(SELECT ANY_VALUE(v) FROM (SELECT PERCENTILE_CONT(${col}, ${p}) OVER () AS v FROM ${from}))`,
    idOrder: "CAST(customer_id AS BYTES)",
    wholeFloatId: (x) => `REGEXP_REPLACE(${x}, r'^([+-]?[0-9]+)[.]0+$', r'\\1')`,
    isEmail: (x) => `REGEXP_CONTAINS(${x}, ${literal(EMAIL_PATTERN, "bigquery")})`,
  },
  spark: {
    str: "STRING",
    float: "DOUBLE",
    daysBetween: (a, b) => `DATEDIFF(${a}, ${b})`,
    plusOneDay: (d) => `DATE_ADD(${d}, 1)`,
    percentile: (col, p, from) => `(SELECT percentile(${col}, ${p}) FROM ${from})`,
    idOrder: "CAST(customer_id AS BINARY)",
    wholeFloatId: (x) => `regexp_replace(${x}, '^([+-]?[0-9]+)[.]0+$', '$1')`,
    isEmail: (x) => `(${x} RLIKE ${literal(EMAIL_PATTERN, "spark")})`,
  },
};

function labelCase(expr: string, list: readonly Label[], lang: Lang, dialect: Dialect, offset = 0): string {
  return `CASE ${expr} ${list.map((l, k) => `WHEN ${k + offset} THEN ${literal(l[lang], dialect)}`).join(" ")} END`;
}

/** SPEC §3's round6 on a double: floor(x · 10⁶ + 0.5) / 10⁶, the same arithmetic in every dialect. */
const round6 = (x: string, float: string) => `FLOOR(CAST(${x} AS ${float}) * 1000000 + 0.5) / 1000000`;

/** The query. Labels in `lang`; the as-of date from the options or the day after the latest valid purchase. */
export function gradingSql(columns: SqlColumns, options: SqlOptions, dialect: Dialect, lang: Lang = "en"): string {
  const P = PARTS[dialect];
  const q = (c: string) => ident(c, dialect);
  const text = (v: string) => literal(v, dialect);
  const bins = options.bins;
  const amount = columns.amount !== undefined ? `CAST(${q(columns.amount)} AS ${P.float})` : `CAST(${q(columns.quantity!)} AS ${P.float}) * CAST(${q(columns.price!)} AS ${P.float})`;
  const order = columns.order !== undefined ? `CAST(${q(columns.order)} AS ${P.str})` : "CAST(NULL AS " + P.str + ")";
  // SPEC §1 customer ids: trimmed text; a whole number written as a float (a DOUBLE column's 17850.0) is 17850;
  // an e-mail address compares lower-cased (and is written so: SQL has no "first spelling seen", docs/sql.md).
  const trimmedId = `NULLIF(TRIM(CAST(${q(columns.customer)} AS ${P.str})), '')`;
  const customerId = `CASE WHEN ${P.isEmail(trimmedId)} THEN LOWER(${trimmedId}) ELSE ${P.wholeFloatId(trimmedId)} END`;
  const positive = options.zeroAmounts === "include" ? ">= 0" : "> 0";
  const asOf = options.asOf ? `DATE ${text(options.asOf)}` : P.plusOneDay("(SELECT MAX(d) FROM readable WHERE ok)");
  const w = options.lifecycle;
  const net = options.returns === "net";

  const breaks = (col: string, count: number, name: string, fixed?: number[]) =>
    Array.from({ length: count - 1 }, (_, k) => `${fixed ? fixed[k] : P.percentile(col, (k + 1) / count, "c")} AS ${name}${k + 1}`);
  const above = (col: string, name: string, count: number) => Array.from({ length: count - 1 }, (_, k) => `CASE WHEN ${col} > b.${name}${k + 1} THEN 1 ELSE 0 END`).join(" + ");
  const ntile = (col: string, worstFirst: "ASC" | "DESC") => `CAST(FLOOR((ROW_NUMBER() OVER (ORDER BY ${col} ${worstFirst}, ${P.idOrder}) - 1) * ${bins} / COUNT(*) OVER ()) AS INTEGER) + 1`;
  const fixed = options.method === "fixed" ? options.fixedBreaks : undefined;
  const scoreCols =
    options.method === "ntile"
      ? [`${ntile("recency_days", "DESC")} AS r_score`, `${ntile("frequency", "ASC")} AS f_score`, `${ntile("monetary", "ASC")} AS m_score`]
      : [`${bins} - (${above("recency_days", "br", bins)}) AS r_score`, `1 + ${above("frequency", "bf", bins)} AS f_score`, `1 + ${above("monetary", "bm", bins)} AS m_score`];
  const rfGrid = RF_GRID.flatMap((row, r) => row.map((code, f) => `WHEN r5 = ${r + 1} AND f5 = ${f + 1} THEN ${code}`)).join(" ");

  const rowRules = columns.status !== undefined || columns.orderType !== undefined || net;
  const readable = rowRules
    ? readableWithRules(columns, options, dialect, { customerId, amount, order, positive })
    : `readable AS (
  SELECT
    ${customerId} AS customer_id,
    CAST(${q(columns.date)} AS DATE) AS d,
    ${amount} AS amount,
    ${order} AS order_id,
    (${q(columns.date)} IS NOT NULL AND ${amount} IS NOT NULL AND ${amount} ${positive} AND ${customerId} IS NOT NULL) AS ok
  FROM ${columns.table}
)`;
  const rulesNote = [columns.status !== undefined ? "order status" : "", columns.orderType !== undefined ? "order type" : "", net ? "returns net" : ""].filter(Boolean).join(", ");

  return `-- Customer Tiers: SPEC §3–6 grades (${dialect}; bins ${bins}, ${options.method}${options.asOf ? `, as of ${options.asOf}` : ""}${rulesNote ? `; ${rulesNote}` : ""})
WITH ${readable},
a AS (SELECT ${asOf} AS as_of),
valid AS (SELECT customer_id, d, amount, order_id FROM readable, a WHERE ok AND d < a.as_of),
days AS (SELECT DISTINCT customer_id, d FROM valid),
gaps AS (
  SELECT customer_id, ${P.daysBetween("d", "LAG(d) OVER (PARTITION BY customer_id ORDER BY d)")} AS gap,
         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY d DESC) AS rn
  FROM days
),
${net ? `returned AS (
  -- SPEC §1 returns = net: a customer's returns (before as-of) reduce their monetary; not orders, not purchase days.
  SELECT customer_id, SUM(amount) AS returned FROM readable, a WHERE is_return AND d < a.as_of GROUP BY customer_id
),
` : ""}orders AS (
  -- A valid row without an order id counts as one order per purchase day.
  SELECT customer_id, COUNT(DISTINCT ${columns.order !== undefined ? `COALESCE(order_id, CONCAT('~day~', CAST(d AS ${P.str})))` : `CAST(d AS ${P.str})`}) AS frequency
  FROM valid GROUP BY customer_id
),
c AS (
  SELECT v.customer_id,
         MIN(v.d) AS first_date, MAX(v.d) AS last_date,
         ${P.daysBetween("MAX(a.as_of)", "MAX(v.d)")} AS recency_days,
         ${P.daysBetween("MAX(a.as_of)", "MIN(v.d)")} AS tenure_days,
         MAX(o.frequency) AS frequency,
         ${net ? `GREATEST(${round6("SUM(v.amount) + COALESCE(MAX(r.returned), 0)", P.float)}, 0)` : round6("SUM(v.amount)", P.float)} AS monetary,
         COUNT(DISTINCT v.d) AS purchase_days,
         MAX(CASE WHEN g.rn = 1 THEN g.gap END) AS last_gap
  FROM valid v
  CROSS JOIN a
  JOIN orders o ON o.customer_id = v.customer_id
  LEFT JOIN gaps g ON g.customer_id = v.customer_id AND g.rn = 1${net ? "\n  LEFT JOIN returned r ON r.customer_id = v.customer_id" : ""}
  GROUP BY v.customer_id
),
c2 AS (SELECT c.*, ${round6("monetary / frequency", P.float)} AS aov FROM c),
b AS (
  SELECT ${[
    ...(options.method === "ntile" ? [] : [...breaks("recency_days", bins, "br", fixed?.recency), ...breaks("frequency", bins, "bf", fixed?.frequency), ...breaks("monetary", bins, "bm", fixed?.monetary)]),
    ...breaks("frequency", 3, "tf"),
    ...Array.from({ length: 2 }, (_, k) => `${P.percentile("aov", (k + 1) / 3, "c2")} AS ta${k + 1}`),
    "(SELECT AVG(recency_days) FROM c) AS mean_r",
    "(SELECT AVG(frequency) FROM c) AS mean_f",
    "(SELECT AVG(monetary) FROM c) AS mean_m",
    "(SELECT SUM(monetary) FROM c) AS total_m",
  ].join(",\n         ")}
),
s AS (
  SELECT c2.*, ${scoreCols.join(", ")},
         1 + ${above("frequency", "tf", 3)} AS f_tier,
         1 + ${above("aov", "ta", 3)} AS a_tier,
         (CASE WHEN recency_days < b.mean_r THEN 4 ELSE 0 END) + (CASE WHEN frequency > b.mean_f THEN 2 ELSE 0 END) + (CASE WHEN monetary > b.mean_m THEN 1 ELSE 0 END) AS rfm8,
         COALESCE(SUM(monetary) OVER (ORDER BY monetary DESC, ${P.idOrder} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) / b.total_m AS share_before
  FROM c2 CROSS JOIN b
),
t AS (
  SELECT s.*, CAST(CEIL(r_score * 5.0 / ${bins}) AS INTEGER) AS r5, CAST(CEIL(f_score * 5.0 / ${bins}) AS INTEGER) AS f5 FROM s
),
graded AS (
  SELECT customer_id, first_date, last_date, recency_days, tenure_days, frequency, monetary, aov, r_score, f_score, m_score,
         CONCAT(CAST(r_score AS ${P.str}), CAST(f_score AS ${P.str}), CAST(m_score AS ${P.str})) AS rfm_score,
         ${labelCase(`CASE ${rfGrid} END`, RF_SEGMENTS, lang, dialect)} AS rf_segment,
         ${labelCase("rfm8", RFM8_CLASSES, lang, dialect)} AS rfm8_segment,
         ${labelCase(`CASE WHEN share_before < ${options.valueTiers.a} THEN 0 WHEN share_before < ${options.valueTiers.b} THEN 1 ELSE 2 END`, VALUE_TIERS, lang, dialect)} AS value_tier,
         ${labelCase("f_tier", FREQUENCY_TIERS, lang, dialect, 1)} AS frequency_tier,
         ${labelCase("a_tier", AMOUNT_TIERS, lang, dialect, 1)} AS amount_tier,
         ${labelCase(`CASE
             WHEN recency_days > ${w.lostDays} THEN 1
             WHEN recency_days > ${w.dormantDays} THEN 2
             WHEN recency_days > ${w.activeDays} THEN 3
             WHEN tenure_days <= ${w.newDays} THEN 4
             WHEN purchase_days >= 2 AND last_gap > ${w.reactivationGapDays} THEN 5
             WHEN frequency >= ${w.loyalOrders} THEN 6
             ELSE 7 END`, LIFECYCLE_STAGES, lang, dialect)} AS lifecycle_stage,
         0 AS prospect
  FROM t
),
prospects AS (
  -- Ids seen in a row dated before as-of (or with no readable date) but in no valid purchase${columns.status !== undefined ? " (rows of cancelled or unpaid orders do not count)" : ""}.
  SELECT DISTINCT customer_id FROM readable, a
  WHERE customer_id IS NOT NULL AND (d IS NULL OR d < a.as_of)${columns.status !== undefined ? " AND counted" : ""} AND customer_id NOT IN (SELECT customer_id FROM graded)
)
SELECT customer_id, first_date, last_date, recency_days, tenure_days, frequency, monetary, aov, r_score, f_score, m_score,
       rfm_score, rf_segment, rfm8_segment, value_tier, frequency_tier, amount_tier, lifecycle_stage
FROM (
  SELECT * FROM graded
  UNION ALL
  SELECT customer_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ${text(LIFECYCLE_STAGES[0][lang])}, 1 FROM prospects
) AS everyone
ORDER BY prospect, ${P.idOrder}`;
}


/** The readable CTE when order status, order type or returns = net apply (SPEC §1): statuses, signed amounts, `ok` and `is_return`. */
function readableWithRules(
  columns: SqlColumns,
  options: SqlOptions,
  dialect: Dialect,
  parts: { customerId: string; amount: string; order: string; positive: string },
): string {
  const P = PARTS[dialect];
  const q = (c: string) => ident(c, dialect);
  const list = (values: readonly string[]) => values.map((v) => literal(v, dialect)).join(", ");
  // normaliseStatus in SQL: lower case, white space and punctuation removed (TRANSLATE to nothing).
  const normalised = (text: string) => `TRANSLATE(LOWER(${text}), status_chars.ignored, '')`;
  const status = columns.status !== undefined ? `CAST(${q(columns.status)} AS ${P.str})` : undefined;
  const type = columns.orderType !== undefined ? `CAST(${q(columns.orderType)} AS ${P.str})` : undefined;
  const { cancelled, unpaid } = excludingStatusValues(options);
  const kindOf = (text: string) =>
    [
      `CASE WHEN customer_id IS NULL OR ${text} IS NULL OR TRANSLATE(${text}, status_chars.blank, '') = '' THEN NULL`,
      cancelled.length ? `WHEN ${normalised(text)} IN (${list(cancelled)}) THEN 2` : "",
      unpaid.length ? `WHEN ${normalised(text)} IN (${list(unpaid)}) THEN 3` : "",
      "ELSE 1 END",
    ].filter(Boolean).join(" ");
  // Line-item exports write the status on the order's first line only: a blank status takes the
  // order's status from its earliest-dated line with one (SQL rows have no order; the engine takes the first line above).
  const inherited =
    columns.order !== undefined
      ? `COALESCE(own_kind, CASE WHEN order_id IS NOT NULL AND customer_id IS NOT NULL THEN FIRST_VALUE(own_kind) OVER (PARTITION BY order_id ORDER BY CASE WHEN own_kind IS NULL THEN 1 ELSE 0 END, CASE WHEN d IS NULL THEN 1 ELSE 0 END, d, own_kind ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) END)`
      : "own_kind";
  const signed = type !== undefined ? `CASE WHEN ${normalised("order_type")} IN (${list(RETURN_TYPES)}) THEN -ABS(amount) ELSE amount END` : "amount";
  const net = options.returns === "net";
  return `input_rows AS (
  SELECT
    ${parts.customerId} AS customer_id,
    CAST(${q(columns.date)} AS DATE) AS d,
    ${parts.amount} AS amount,
    ${parts.order} AS order_id${status !== undefined ? `,\n    ${status} AS status_text` : ""}${type !== undefined ? `,\n    ${type} AS order_type` : ""}
  FROM ${columns.table}
),
status_chars AS (
  -- The characters status and type values are compared without: white space (blank) and punctuation.
  SELECT ${literal(STATUS_SPACE, dialect)} AS blank, ${literal(STATUS_IGNORED, dialect)} AS ignored
),
typed_rows AS (
  -- Order status kinds: 1 sale (or a value not in the table: kept), 2 cancelled, 3 unpaid, NULL blank.${type !== undefined ? "\n  -- A row the order type marks as a return has amount −|amount|." : ""}
  SELECT customer_id, d, ${signed} AS amount, order_id, ${status !== undefined ? kindOf("status_text") : "CAST(NULL AS INTEGER)"} AS own_kind
  FROM input_rows CROSS JOIN status_chars
),
statuses AS (
  SELECT customer_id, d, amount, order_id, ${status !== undefined ? inherited : "own_kind"} AS status_kind FROM typed_rows
),
readable AS (
  SELECT customer_id, d, amount, order_id,
    (status_kind IS NULL OR status_kind = 1) AS counted,
    (d IS NOT NULL AND amount IS NOT NULL AND amount ${parts.positive} AND customer_id IS NOT NULL AND (status_kind IS NULL OR status_kind = 1)) AS ok,
    ${net ? "(d IS NOT NULL AND amount < 0 AND customer_id IS NOT NULL AND (status_kind IS NULL OR status_kind = 1))" : "FALSE"} AS is_return
  FROM statuses
)`;
}
