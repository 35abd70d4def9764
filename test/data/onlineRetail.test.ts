import * as path from "path";
import { referenceCsvRows, referenceGrade } from "../support/referenceGrader";
import { ONLINE_RETAIL, onlineRetailRefRows } from "../support/onlineRetail";
import { readCsv, runCli, tempDir } from "../support/runCli";

const SPEC_COLUMNS =
  "customer_id,first_date,last_date,recency_days,tenure_days,frequency,monetary,aov,r_score,f_score,m_score,rfm_score,rf_segment,rfm8_segment,value_tier,frequency_tier,amount_tier,lifecycle_stage";
const MAPPING = ["--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo"];

async function gradeToCsv(extra: string[]): Promise<string[][]> {
  const out = path.join(tempDir(), "x.csv");
  const { code, stderr } = await runCli(["grade", ONLINE_RETAIL(), ...MAPPING, ...extra, "--out", out]);
  expect({ code, stderr: code ? stderr : "" }).toEqual({ code: 0, stderr: "" });
  return readCsv(out);
}

function expectSameAsReference(actual: string[][], expected: string[][]) {
  expect(actual.length).toBe(expected.length);
  const mismatches: string[] = [];
  const header = SPEC_COLUMNS.split(",");
  for (let i = 0; i < expected.length && mismatches.length < 10; i++)
    for (let k = 0; k < header.length; k++)
      if (actual[i][k] !== expected[i][k]) mismatches.push(`${expected[i][0]} ${header[k]}: got ${actual[i][k]}, expected ${expected[i][k]}`);
  expect(mismatches).toEqual([]);
}

describe("Online Retail graded by the CLI", () => {
  const rows = onlineRetailRefRows();

  it("matches the README facts: 4,338 customers and £8,911,407.90", async () => {
    const [header, ...body] = await gradeToCsv([]);
    expect(header.join(",")).toBe(SPEC_COLUMNS);
    const customers = body.filter((r) => r[1] !== "");
    expect(customers).toHaveLength(4338);
    const total = customers.reduce((s, r) => s + Number(r[6]), 0);
    expect(Math.round(total * 100) / 100).toBe(8911407.9);
    // Prospects come last with empty measures and the Prospect stage.
    const prospects = body.filter((r) => r[1] === "");
    expect(prospects.length).toBeGreaterThan(0);
    expect(prospects.every((r) => r[17] === "Prospect" && r[12] === "")).toBe(true);
    expect(body.slice(customers.length).every((r) => r[1] === "")).toBe(true);
  });

  it("agrees with the independent reference on every customer (quantile)", async () => {
    const [, ...body] = await gradeToCsv([]);
    expectSameAsReference(body, referenceCsvRows(referenceGrade(rows)));
  });

  it("agrees with the independent reference on every customer (ntile)", async () => {
    const [, ...body] = await gradeToCsv(["--method", "ntile"]);
    expectSameAsReference(body, referenceCsvRows(referenceGrade(rows, { method: "ntile" })));
  });

  it("agrees with the independent reference with --as-of 2011-09-01", async () => {
    const [, ...body] = await gradeToCsv(["--as-of", "2011-09-01"]);
    expectSameAsReference(body, referenceCsvRows(referenceGrade(rows, { asOfDay: Date.UTC(2011, 8, 1) / 86400000 })));
  });

  it("agrees with the reference with 3 bins (scores rescaled onto the RF grid)", async () => {
    const [, ...body] = await gradeToCsv(["--bins", "3"]);
    expectSameAsReference(body, referenceCsvRows(referenceGrade(rows, { bins: 3 })));
  });
});
