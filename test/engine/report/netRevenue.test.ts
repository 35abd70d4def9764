/**
 * Returns = net in the Summary (issue #22): gross revenue, the returns and net revenue, in the
 * workbook plan (both writers render it) and in the CLI's terminal summary, on Online Retail. The
 * expected figures are an independent sum of the file's lines (test/support's reader, not src/):
 * gross = the positive lines with a customer before as-of, returns = the negative ones (the C…
 * invoices), net = gross + returns; the customers' revenue is test/support's net computation
 * (each customer floored at 0) summed.
 */
import { cliWorkbookPlan } from "../../../src/cli/grade";
import { blockRow, type WorkbookPlan } from "../../../src/engine/report/workbookPlan";
import { netReturnsByCustomer } from "../../support/netReturns";
import { ONLINE_RETAIL, onlineRetailRefRows } from "../../support/onlineRetail";
import { runCli } from "../../support/runCli";

const ARGS = [ONLINE_RETAIL(), "--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo", "--as-of", "2011-12-10"];
const AS_OF = Date.UTC(2011, 11, 10) / 86400000;

function expected() {
  const rows = onlineRetailRefRows().filter((r) => r.customer !== "" && r.day !== null && r.amount !== null && r.day < AS_OF);
  const gross = rows.filter((r) => r.amount! > 0).reduce((s, r) => s + r.amount!, 0);
  const returns = rows.filter((r) => r.amount! < 0).reduce((s, r) => s + r.amount!, 0);
  const customers = [...netReturnsByCustomer(onlineRetailRefRows(), AS_OF).values()].reduce((s, c) => s + c.monetary, 0);
  return { gross, returns, net: gross + returns, customers };
}

const summaryBlock = (plan: WorkbookPlan, key: string) => plan.sheets.find((s) => s.role === "summary")!.blocks.find((b) => b.key === key);

describe("Online Retail with --returns net", () => {
  const want = expected();

  test("the independent sums are what the test is about (returns exist and lower the revenue)", () => {
    expect(want.returns).toBeLessThan(-100_000);
    expect(want.net).toBeLessThan(want.gross);
  });

  test("the Summary shows gross revenue, returns and net revenue (the customers' revenue, each floored at 0)", async () => {
    const plan = await cliWorkbookPlan([...ARGS, "--returns", "net"]);
    const block = summaryBlock(plan, "netRevenue")!;
    expect(block.columns.map((c) => c.key)).toEqual(["gross", "returns", "floored", "netRevenue"]);
    const [gross, returns, floored, net] = blockRow(block, 0) as number[];
    // In cents, as the summary's revenue.
    expect(gross).toBeCloseTo(want.gross, 2);
    expect(returns).toBeCloseTo(want.returns, 2);
    expect(net).toBeCloseTo(want.customers, 2);
    expect(floored).toBeCloseTo(want.customers - want.net, 2);
    // Net revenue is the headline's revenue.
    expect(blockRow(summaryBlock(plan, "headline")!, 0)[1]).toBe(net);
  }, 300_000);

  test("with returns excluded (the default) there is no such block, and the headline revenue is gross", async () => {
    const plan = await cliWorkbookPlan(ARGS);
    expect(summaryBlock(plan, "netRevenue")).toBeUndefined();
    expect(blockRow(summaryBlock(plan, "headline")!, 0)[1]).toBeCloseTo(want.gross, 2);
  }, 300_000);

  test("the terminal summary prints the three figures (en and zh)", async () => {
    const capture = async (extra: string[]) => {
      const out = await runCli(["grade", ...ARGS, "--returns", "net", ...extra]);
      expect(out.code).toBe(0);
      return out.stderr;
    };
    const fmt = (n: number) => (Math.round(n * 100) / 100).toLocaleString("en-US", { maximumFractionDigits: 2 });
    const en = await capture([]);
    expect(en).toMatch(new RegExp(`gross revenue +${fmt(want.gross).replace(/[.]/g, "\\.")}\\n`));
    expect(en).toMatch(new RegExp(`returns +${fmt(want.returns).replace(/[.]/g, "\\.")}  \\(customers floored at 0: ${fmt(want.customers - want.net).replace(/[.]/g, "\\.")}\\)\\n`));
    expect(en).toMatch(new RegExp(`net revenue +${fmt(want.customers).replace(/[.]/g, "\\.")}\\n`));
    const zh = await capture(["--lang", "zh"]);
    expect(zh).toContain("净收入");
  }, 300_000);
});
