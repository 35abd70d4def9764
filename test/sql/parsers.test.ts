/**
 * BigQuery and Spark SQL cannot run here, so their dialects are checked by real parsers of each
 * dialect from npm: sql-parser-cst (dialect "bigquery") and dt-sql-parser's SparkSQL (ANTLR grammar
 * of Spark 3). Every generated query must parse, and every label must come back from the parse as
 * one literal equal to the label — "Can't Lose Them" included (a doubled quote is a syntax error in
 * BigQuery and, in Spark, two adjacent literals that silently lose the quote).
 */
import { SparkSQL } from "dt-sql-parser";
import { parse } from "sql-parser-cst";
import { excludingStatusValues, gradingSql, ident, literal, STATUS_IGNORED, STATUS_SPACE, type Dialect } from "../../src/engine/export/sql";
import { resolveOptions } from "../../src/engine/grade/options";
import { AMOUNT_TIERS, FREQUENCY_TIERS, LIFECYCLE_STAGES, RF_SEGMENTS, RFM8_CLASSES, VALUE_TIERS } from "../../src/engine/common/labels";
import { optionSets, sqlOptionsOf, type OptionSet } from "./sqlCompare";

const COLUMNS = { table: "sales", customer: "Customer`ID", date: "Invoice Date", quantity: "Qty", price: "Unit\\Price", order: "Order" };
const labels = (lang: "en" | "zh") => [RF_SEGMENTS, RFM8_CLASSES, VALUE_TIERS, FREQUENCY_TIERS, AMOUNT_TIERS, LIFECYCLE_STAGES].flatMap((list) => list.map((l) => l[lang]));

type Columns = typeof COLUMNS & { status?: string; orderType?: string };
const STATUS_COLUMNS: Columns = { ...COLUMNS, status: "Order 'Status'", orderType: "单据`类型" };

/** Issue #22's option sets (order status with overrides holding a quote and a backslash, order type, returns = net). */
const RULE_SETS: OptionSet[] = [
  { name: "--status --order-type --returns net", flags: ["--returns", "net"] },
  { name: "--status with --exclude-status \"Can't\\say\" --sale-status voided, --lang zh", flags: ["--exclude-status", "Can't\\say", "--sale-status", "voided", "--lang", "zh"] },
];

function sqlFor(flags: string[], dialect: Dialect, columns: Columns = COLUMNS): { sql: string; lang: "en" | "zh"; literals: string[] } {
  const { partial, lang } = sqlOptionsOf(flags);
  const { options } = resolveOptions(partial);
  const literals = labels(lang);
  if (columns.status !== undefined) {
    const { cancelled, unpaid } = excludingStatusValues(options);
    literals.push(STATUS_SPACE, STATUS_IGNORED, ...cancelled, ...unpaid);
  }
  return { sql: gradingSql(columns, options, dialect, lang), lang, literals };
}

const ALL_SETS = [...optionSets("2011-09-01").map((o) => [o.name, o.flags, COLUMNS as Columns] as const), ...RULE_SETS.map((o) => [o.name, o.flags, STATUS_COLUMNS] as const)];

/** Every string literal's value in a sql-parser-cst tree (the parser decodes the escapes). */
function bigQueryStrings(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => bigQueryStrings(n, out));
  else if (node && typeof node === "object") {
    const n = node as { type?: string; value?: unknown };
    if (n.type === "string_literal" && typeof n.value === "string") out.push(n.value);
    Object.values(node).forEach((v) => bigQueryStrings(v, out));
  }
  return out;
}

/** Quoted identifiers' names in a sql-parser-cst tree. */
function bigQueryIdentifiers(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => bigQueryIdentifiers(n, out));
  else if (node && typeof node === "object") {
    const n = node as { type?: string; name?: unknown };
    if (n.type === "identifier" && typeof n.name === "string") out.push(n.name);
    Object.values(node).forEach((v) => bigQueryIdentifiers(v, out));
  }
  return out;
}

describe("BigQuery (sql-parser-cst)", () => {
  test.each(ALL_SETS)("%s parses; labels, status values and column names come back whole", (_, flags, columns) => {
    const { sql, literals } = sqlFor(flags, "bigquery", columns);
    const tree = parse(sql, { dialect: "bigquery" });
    const strings = new Set(bigQueryStrings(tree));
    for (const label of literals) expect(strings.has(label) ? label : `missing: ${JSON.stringify(label)}`).toBe(label);
    const names = new Set(bigQueryIdentifiers(tree));
    for (const name of [columns.customer, columns.date, columns.price, ...(columns.status !== undefined ? [columns.status, columns.orderType!] : [])]) expect(names.has(name) ? name : `missing: ${name}`).toBe(name);
  });

  test("a doubled quote, as the other dialects write it, is rejected by the parser (so the check above can fail)", () => {
    expect(() => parse("SELECT 'Can''t Lose Them' AS x", { dialect: "bigquery" })).toThrow();
    expect(parse(`SELECT ${literal("Can't \\ Lose\nThem", "bigquery")} AS x`, { dialect: "bigquery" })).toBeTruthy();
    expect(bigQueryStrings(parse(`SELECT ${literal("Can't \\ Lose\nThem", "bigquery")} AS x`, { dialect: "bigquery" }))).toEqual(["Can't \\ Lose\nThem"]);
  });
});

/** A Spark string literal's value (Spark 3 with spark.sql.parser.escapedStringLiterals=false, the default). */
function sparkValue(token: string): string {
  const ESC: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", "0": "\0", Z: "\x1a", "%": "\\%", _: "\\_" };
  return token.slice(1, -1).replace(/\\(.)/gs, (_, c: string) => ESC[c] ?? c);
}

describe("Spark SQL (dt-sql-parser)", () => {
  const spark = new SparkSQL();
  // The first ANTLR parse builds the grammar's tables (tens of seconds on a loaded machine); later ones take a second.
  test.each(ALL_SETS)("%s parses; every label and status value is one literal equal to it", (_, flags, columns) => {
    const { sql, literals } = sqlFor(flags, "spark", columns);
    expect(spark.validate(sql)).toEqual([]);
    const tokens = (spark.getAllTokens(sql) as { text: string }[]).map((t) => t.text).filter((t) => t.trim() !== "");
    const isString = (t: string) => t.startsWith("'") || t.startsWith('"');
    // Adjacent literals would concatenate silently ('Can''t' is 'Can' 't').
    const adjacent = tokens.filter((t, i) => isString(t) && isString(tokens[i + 1] ?? ""));
    expect(adjacent).toEqual([]);
    const strings = new Set(tokens.filter(isString).map(sparkValue));
    for (const label of literals) expect(strings.has(label) ? label : `missing: ${JSON.stringify(label)}`).toBe(label);
    const quoted = new Set(tokens.filter((t) => t.startsWith("`")).map((t) => t.slice(1, -1).replace(/``/g, "`")));
    for (const name of [columns.customer, columns.date, columns.price, ...(columns.status !== undefined ? [columns.status, columns.orderType!] : [])]) expect(quoted.has(name) ? name : `missing: ${name}`).toBe(name);
  }, 300_000);

  test("literal and ident escape per dialect (never a doubled quote in BigQuery or Spark)", () => {
    expect(literal("Can't", "spark")).toBe("'Can\\'t'");
    expect(literal("Can't", "bigquery")).toBe("'Can\\'t'");
    expect(literal("Can't", "postgres")).toBe("'Can''t'");
    expect(literal("Can't", "duckdb")).toBe("'Can''t'");
    expect(ident("a`b", "spark")).toBe("`a``b`");
    expect(ident("a`b", "bigquery")).toBe("`a\\`b`");
    expect(ident('a"b', "postgres")).toBe('"a""b"');
  });
});
