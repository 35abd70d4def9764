/**
 * `tiers sql --dialect postgres` executed on PostgreSQL 15: a throwaway cluster in a temp folder
 * (unix socket only, as the `postgres` user when run as root), Online Retail and CDNOW loaded with
 * proper types (CustomerID as DOUBLE PRECISION, as a user's import types "17850.0"), the generated
 * query run for each option set, every customer's 18 columns equal to the engine's. The server is
 * stopped in afterAll, also when a test fails. No PostgreSQL binaries is a failure, not a skip: CI
 * installs them (npm test's pretest).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { gradingSql } from "../../src/engine/export/sql";
import { resolveOptions } from "../../src/engine/grade/options";
import { datasetFile } from "../support/datasets";
import { parseCsvText } from "../support/csvText";
import { COLUMNS, differences, engineRows, optionSets, sqlOptionsOf } from "./sqlCompare";
import { STATUS_COLUMNS, STATUS_MAPPING, STATUS_OPTION_SETS, statusFixture, writeStatusFixture } from "./statusFixture";
import { tempDir } from "../support/runCli";
import { EMAIL_FIXTURE, lowerCasedEmails, writeEmailFixture } from "./emailFixture";

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const asRoot = process.getuid?.() === 0;
let base = "";
let started = false;
const statusFile = writeStatusFixture(tempDir());

/** Runs a PostgreSQL program (as `postgres` when we are root); throws with its stderr on failure. */
function pg(program: string, args: string[], input?: string | Buffer): string {
  const command = asRoot ? "runuser" : path.join(BIN, program);
  const argv = asRoot ? ["-u", "postgres", "--", path.join(BIN, program), ...args] : args;
  const result = spawnSync(command, argv, { input, maxBuffer: 1 << 30, cwd: os.tmpdir() });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${program} ${args.slice(0, 3).join(" ")} failed (${result.status}): ${result.stderr.toString()}`);
  return result.stdout.toString("utf8");
}

const psql = (sql: string, input?: string | Buffer) => pg("psql", ["-h", path.join(base, "socket"), "-p", "5432", "-U", "postgres", "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-c", sql], input);

beforeAll(() => {
  if (!fs.existsSync(path.join(BIN, "initdb")))
    throw new Error(`PostgreSQL 15 binaries are missing (${BIN}/initdb): install the Debian package postgresql (npm test's pretest does it when run as root)`);
  base = fs.mkdtempSync(path.join(os.tmpdir(), "tiers-pg-"));
  fs.mkdirSync(path.join(base, "socket"));
  if (asRoot) spawnSync("chown", ["-R", "postgres:postgres", base]);
  pg("initdb", ["-D", path.join(base, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
  pg("pg_ctl", ["-D", path.join(base, "data"), "-l", path.join(base, "log"), "-w", "-o", `-c listen_addresses='' -k ${path.join(base, "socket")} -p 5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, "start"]);
  started = true;

  psql(`CREATE TABLE retail ("InvoiceNo" TEXT, "StockCode" TEXT, "Description" TEXT, "Quantity" INTEGER, "InvoiceDate" TIMESTAMP, "UnitPrice" DOUBLE PRECISION, "CustomerID" DOUBLE PRECISION, "Country" TEXT)`);
  psql(`COPY retail FROM STDIN WITH (FORMAT csv, HEADER true)`, zlib.gunzipSync(fs.readFileSync(datasetFile("online-retail-uci/online_retail.csv.gz"))));
  // CDNOW master is space-aligned (" 00001 19970101  1   11.77"): rewritten as CSV; ids stay text (00001).
  const cdnow = fs.readFileSync(datasetFile("cdnow-lifetimes/CDNOW_master.txt"), "utf8").split(/\r?\n/).slice(1).filter((l) => l.trim() !== "").map((l) => l.trim().split(/\s+/).join(",")).join("\n");
  psql(`CREATE TABLE cdnow (customer_id TEXT, "date" DATE, number_of_cds INTEGER, dollar_value DOUBLE PRECISION)`);
  psql(`COPY cdnow FROM STDIN WITH (FORMAT csv)`, cdnow);
  psql(`CREATE TABLE status_rows ("Order" TEXT, "Customer" TEXT, "Date" DATE, "Amount" DOUBLE PRECISION, "Order Status" TEXT, "Type" TEXT)`);
  psql(`COPY status_rows FROM STDIN WITH (FORMAT csv, HEADER true)`, fs.readFileSync(statusFile));
}, 300_000);

afterAll(() => {
  if (started) pg("pg_ctl", ["-D", path.join(base, "data"), "-m", "fast", "-w", "stop"]);
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

test("the loads typed what they read: 541,909 retail rows (CustomerID a double), 69,659 CDNOW rows", () => {
  expect(psql(`SELECT COUNT(*), pg_typeof(MIN("CustomerID")) FROM retail`).trim().split("\n")[1]).toBe("541909,double precision");
  expect(psql(`SELECT COUNT(*), MIN(customer_id) FROM cdnow`).trim().split("\n")[1]).toBe("69659,00001");
});

test("the status fixture loaded whole, statuses as written (spaces and quotes kept)", () => {
  const rows = statusFixture().rows;
  expect(psql(`SELECT COUNT(*) FROM status_rows`).trim().split("\n")[1]).toBe(String(rows.length));
  const distinct = parseCsvText(psql(`SELECT DISTINCT "Order Status" FROM status_rows WHERE "Order Status" IS NOT NULL ORDER BY 1`)).slice(1).map((r) => r[0]);
  expect(distinct).toEqual([...new Set(rows.map((r) => r[4]).filter((v) => v !== ""))].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
});

const DATA = [
  {
    name: "Online Retail",
    file: () => datasetFile("online-retail-uci/online_retail.csv.gz"),
    table: "retail",
    asOf: "2011-09-01",
    mapping: ["--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo"],
    columns: { customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity", price: "UnitPrice", order: "InvoiceNo" },
  },
  {
    name: "CDNOW",
    file: () => datasetFile("cdnow-lifetimes/CDNOW_master.txt"),
    table: "cdnow",
    asOf: "1997-10-01",
    mapping: ["--customer", "customer_id", "--date", "date", "--amount", "dollar_value"],
    columns: { customer: "customer_id", date: "date", amount: "dollar_value" },
  },
];

describe.each(DATA)("PostgreSQL 15 = engine on $name", (data) => {
  test.each(optionSets(data.asOf).map((o) => [o.name, o.flags] as const))("%s", async (_, flags) => {
    const { partial, lang } = sqlOptionsOf(flags);
    const { options, problems } = resolveOptions(partial);
    expect(problems).toEqual([]);
    const sql = gradingSql({ table: data.table, ...data.columns }, options, "postgres", lang);
    const [header, ...got] = parseCsvText(psql(sql));
    expect(header).toEqual(COLUMNS);
    const want = await engineRows(data.file(), data.mapping, flags);
    expect(want.length).toBeGreaterThan(1000);
    expect(differences(got, want, COLUMNS)).toEqual([]);
  }, 300_000);
});

/** Issue #22 on PostgreSQL: returns = net on Online Retail (the C… invoices), and the status fixture. */
const RULE_SETS = [
  { name: "Online Retail --returns net", table: "retail", file: DATA[0].file, mapping: DATA[0].mapping, columns: DATA[0].columns, flags: ["--returns", "net"] },
  { name: "Online Retail --returns net --as-of 2011-09-01 --bins 3", table: "retail", file: DATA[0].file, mapping: DATA[0].mapping, columns: DATA[0].columns, flags: ["--returns", "net", "--as-of", "2011-09-01", "--bins", "3"] },
  ...STATUS_OPTION_SETS.map((o) => ({ name: `status fixture ${o.name}`, table: "status_rows", file: () => statusFile, mapping: STATUS_MAPPING, columns: STATUS_COLUMNS, flags: o.flags })),
];

describe("PostgreSQL 15 = engine with status, order type and returns (issue #22)", () => {
  test.each(RULE_SETS.map((r) => [r.name, r] as const))("%s", async (_, set) => {
    const { partial, lang } = sqlOptionsOf(set.flags);
    const { options, problems } = resolveOptions(partial);
    expect(problems).toEqual([]);
    const sql = gradingSql({ table: set.table, ...set.columns }, options, "postgres", lang);
    const [header, ...got] = parseCsvText(psql(sql));
    expect(header).toEqual(COLUMNS);
    const want = await engineRows(set.file(), set.mapping, set.flags);
    expect(want.length).toBeGreaterThan(60);
    expect(differences(got, want, COLUMNS)).toEqual([]);
  }, 300_000);
});

describe("e-mail ids (SPEC §1: compared trimmed and lower-cased)", () => {
  let file = "";
  beforeAll(() => {
    file = writeEmailFixture(fs.mkdtempSync(path.join(os.tmpdir(), "tiers-email-")));
    psql(`CREATE TABLE email_ids ("Customer" TEXT, "Date" DATE, "Amount" DOUBLE PRECISION, "Order" TEXT)`);
    psql(`COPY email_ids FROM STDIN WITH (FORMAT csv, HEADER true)`, fs.readFileSync(file));
  });
  test("PostgreSQL: spellings of one address are one customer, written lower-cased; other ids keep their case", async () => {
    const { options } = resolveOptions({});
    const [header, ...got] = parseCsvText(psql(gradingSql({ table: "email_ids", customer: "Customer", date: "Date", amount: "Amount", order: "Order" }, options, "postgres", "en")));
    expect(header).toEqual(COLUMNS);
    const want = lowerCasedEmails(await engineRows(file, ["--customer", "Customer", "--date", "Date", "--amount", "Amount", "--order", "Order"], []));
    expect(want.length).toBe(EMAIL_FIXTURE.customers);
    expect(got.map((r) => r[0])).toEqual(expect.arrayContaining(["alice@example.com", "C001", "c001", "local@host", "LOCAL@host"]));
    expect(differences(got, want, COLUMNS)).toEqual([]);
  }, 120_000);
});
