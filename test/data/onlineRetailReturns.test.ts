/**
 * Online Retail with --returns net (issue #22 "Done when"): every customer's monetary equals the
 * independent computation (net of the C… invoice lines, floored at 0), frequency is unchanged (returns
 * are not orders), and the return rows are counted with status `return`.
 */
import * as path from "path";
import { netReturnsByCustomer } from "../support/netReturns";
import { ONLINE_RETAIL, onlineRetailRefRows } from "../support/onlineRetail";
import { readCsv, runCli, tempDir } from "../support/runCli";

jest.setTimeout(300_000);

test("Online Retail --returns net: monetary net of returns on every customer, floored at 0", async () => {
  const dir = tempDir();
  const out = path.join(dir, "net.csv");
  const args = ["grade", ONLINE_RETAIL(), "--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo", "--as-of", "2011-12-10"];
  const { code, stderr } = await runCli([...args, "--returns", "net", "--out", out]);
  expect([code, stderr]).toEqual([0, expect.stringMatching(/^graded 4338 customers/m)]);
  expect(stderr).toMatch(/note: Returns netted off monetary \(--returns net\): [\d,]+ rows/);

  const asOfDay = Date.UTC(2011, 11, 10) / 86400000;
  const want = netReturnsByCustomer(onlineRetailRefRows(), asOfDay);
  const [header, ...rows] = readCsv(out);
  const at = (name: string) => header.indexOf(name);
  const graded = rows.filter((r) => r[at("frequency")] !== "");
  expect(graded.length).toBe(want.size);
  let netted = 0, floored = 0;
  for (const r of graded) {
    const w = want.get(r[at("customer_id")]);
    expect(w).toBeDefined();
    expect([r[at("customer_id")], Number(r[at("frequency")]), Number(r[at("monetary")])]).toEqual([r[at("customer_id")], w!.frequency, w!.monetary]);
    if (w!.returns) ++netted;
    if (w!.monetary === 0) ++floored;
  }
  // The rule is exercised: many customers have returns, and some returned more than they bought here.
  expect(netted).toBeGreaterThan(1000);
  expect(floored).toBeGreaterThan(0);
});
