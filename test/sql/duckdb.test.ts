/**
 * `tiers sql --dialect duckdb` run on Online Retail through @duckdb/node-api, loaded the way a user
 * does it (read_csv with auto-detected types: CustomerID becomes DOUBLE, 17850.0): every customer's
 * 18 SPEC §9 columns equal the engine's (the CLI's CSV), prospects included, numbers exactly.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { gradingSql } from "../../src/engine/export/sql";
import { resolveOptions } from "../../src/engine/grade/options";
import { ONLINE_RETAIL } from "../support/onlineRetail";
import { COLUMNS, differences, engineRows, sqlOptionsOf } from "./sqlCompare";
import { STATUS_COLUMNS, STATUS_MAPPING, STATUS_OPTION_SETS, statusFixture, writeStatusFixture } from "./statusFixture";
import { EMAIL_FIXTURE, lowerCasedEmails, writeEmailFixture } from "./emailFixture";
import { tempDir } from "../support/runCli";

async function duckRows(sql: string, setup: string, check?: string): Promise<{ rows: string[][]; check?: string[][] }> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(setup);
    const checked = check ? (await connection.runAndReadAll(check)).getRowsJS().map((r) => r.map(String)) : undefined;
    const reader = await connection.runAndReadAll(sql);
    const rows = reader.getRowsJS().map((r) => r.map((v) => (v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v))));
    return { rows, check: checked };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const MAPPING = ["--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo"];

test.each([
  ["default", []],
  ["ntile, 4 bins, fixed as-of", ["--method", "ntile", "--bins", "4", "--as-of", "2011-09-01"]],
  ["--lang zh, --zero-amounts include", ["--lang", "zh", "--zero-amounts", "include"]],
  ["--returns net", ["--returns", "net"]],
])("DuckDB SQL (auto-detected types) = engine on Online Retail (%s)", async (_, flags) => {
  const { partial, lang } = sqlOptionsOf(flags);
  const { options } = resolveOptions(partial);
  const sql = gradingSql({ table: "t", customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity", price: "UnitPrice", order: "InvoiceNo" }, options, "duckdb", lang);
  const setup = `CREATE TABLE t AS SELECT * FROM read_csv('${ONLINE_RETAIL()}', header = true)`;
  const { rows: got, check } = await duckRows(sql, setup, "SELECT typeof(CustomerID), typeof(InvoiceDate) FROM t LIMIT 1");
  expect(check).toEqual([["DOUBLE", "TIMESTAMP"]]);
  const want = await engineRows(ONLINE_RETAIL(), MAPPING, flags);
  expect(differences(got, want, COLUMNS)).toEqual([]);
  // The label with a quote came back whole (SQL literal escaping round-trips).
  if (lang === "en") expect(got.some((r) => r[12] === "Can't Lose Them")).toBe(true);
}, 300_000);

describe("DuckDB SQL = engine on a 淘宝/Shopify status fixture (--status, --order-type)", () => {
  const file = writeStatusFixture(tempDir());
  test.each(STATUS_OPTION_SETS.map((o) => [o.name, o.flags] as const))("%s", async (_, flags) => {
    const { partial, lang } = sqlOptionsOf(flags);
    const { options, problems } = resolveOptions(partial);
    expect(problems).toEqual([]);
    const sql = gradingSql({ table: "t", ...STATUS_COLUMNS }, options, "duckdb", lang);
    const setup = `CREATE TABLE t AS SELECT * FROM read_csv('${file}', header = true)`;
    const { rows: got, check } = await duckRows(sql, setup, `SELECT typeof("Amount"), typeof("Date"), typeof("Order Status") FROM t LIMIT 1`);
    expect(check).toEqual([["DOUBLE", "DATE", "VARCHAR"]]);
    const want = await engineRows(file, STATUS_MAPPING, flags);
    // The rules did something: the cancelled-only customers are neither customers nor prospects.
    const ids = new Set(want.map((r) => r[0]));
    for (const id of statusFixture().cancelledOnly) expect(ids.has(id)).toBe(false);
    expect(want.length).toBeGreaterThan(60);
    expect(differences(got, want, COLUMNS)).toEqual([]);
  }, 300_000);
});

describe("e-mail ids (SPEC §1: compared trimmed and lower-cased)", () => {
  it("DuckDB: spellings of one address are one customer, written lower-cased; other ids keep their case", async () => {
    const file = writeEmailFixture(tempDir());
    const { options } = resolveOptions({});
    const sql = gradingSql({ table: "t", customer: "Customer", date: "Date", amount: "Amount", order: "Order" }, options, "duckdb", "en");
    const { rows: got } = await duckRows(sql, `CREATE TABLE t AS SELECT * FROM read_csv('${file}', header = true, all_varchar = false)`);
    const want = lowerCasedEmails(await engineRows(file, ["--customer", "Customer", "--date", "Date", "--amount", "Amount", "--order", "Order"], []));
    expect(want.length).toBe(EMAIL_FIXTURE.customers);
    expect(got.map((r) => r[0])).toEqual(expect.arrayContaining(["alice@example.com", "C001", "c001", "local@host", "LOCAL@host"]));
    expect(differences(got, want, COLUMNS)).toEqual([]);
  }, 120_000);
});
