/**
 * The SQL's status normalisation is built from the engine's: the characters it removes are exactly
 * those normaliseStatus removes (checked over every BMP character), and the value lists are the
 * order-status table's own (one source), with the user's overrides applied as the engine applies them.
 */
import { excludingStatusValues, gradingSql, STATUS_IGNORED, STATUS_SPACE } from "../../src/engine/export/sql";
import { resolveOptions } from "../../src/engine/grade/options";
import { knownStatusKind, normaliseStatus, STATUS_VALUES } from "../../src/engine/read/orderStatus";
import { runCliOutput } from "../support/runCli";

test("STATUS_IGNORED is exactly the set of characters normaliseStatus removes; STATUS_SPACE exactly what String.trim removes", () => {
  const removed: string[] = [];
  const space: string[] = [];
  for (let cp = 0; cp <= 0xffff; ++cp) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCharCode(cp);
    if (normaliseStatus(`a${ch}b`) === "ab") removed.push(ch);
    if (ch.trim() === "") space.push(ch);
  }
  expect([...STATUS_IGNORED].sort()).toEqual(removed.sort());
  expect([...STATUS_SPACE].sort()).toEqual(space.sort());
  expect(new Set(STATUS_IGNORED).size).toBe(STATUS_IGNORED.length); // BigQuery's TRANSLATE refuses repeated characters
});

test("the excluding values are the table's cancelled and unpaid values; overrides move values as the engine does", () => {
  const { cancelled, unpaid } = excludingStatusValues({});
  const tableKinds = new Map(STATUS_VALUES.flatMap((row) => row.values.map((v) => [v, knownStatusKind(v)] as const)));
  expect(new Set(cancelled)).toEqual(new Set([...tableKinds].filter(([, k]) => k === "cancelled").map(([v]) => v)));
  expect(new Set(unpaid)).toEqual(new Set([...tableKinds].filter(([, k]) => k === "unpaid").map(([v]) => v)));
  const moved = excludingStatusValues({ saleStatus: ["Voided"], excludeStatus: ["On the way", "PENDING"] });
  expect(moved.cancelled).not.toContain("voided");
  expect(moved.cancelled).toContain("ontheway");
  expect(moved.unpaid).toContain("pending");
});

test("without status, order type or returns = net the query is the plain one (no status CTEs)", () => {
  const { options } = resolveOptions({});
  const plain = gradingSql({ table: "t", customer: "c", date: "d", amount: "a" }, options, "duckdb");
  expect(plain).not.toContain("status_chars");
  const withStatus = gradingSql({ table: "t", customer: "c", date: "d", amount: "a", status: "s" }, options, "duckdb");
  expect(withStatus).toContain("status_chars");
});

test("tiers sql takes --status, --sale-status, --exclude-status, --order-type and --returns as tiers grade does", async () => {
  const base = ["sql", "--dialect", "postgres", "--table", "t", "--customer", "c", "--date", "d", "--amount", "a", "--order", "o"];
  const refused = await runCliOutput([...base, "--exclude-status", "on hold"]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain("--exclude-status need --status");
  const bad = await runCliOutput([...base, "--returns", "gross"]);
  expect(bad.code).toBe(2);
  const ok = await runCliOutput([...base, "--status", "Order Status", "--exclude-status", "On the way, it's late", "--sale-status", "Voided", "--order-type", "Type", "--returns", "net"]);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain(`CAST("Order Status" AS TEXT) AS status_text`);
  expect(ok.stdout).toContain("'ontheway', 'itslate'");
  expect(ok.stdout).not.toContain("'voided'");
  expect(ok.stdout).toContain("-ABS(amount)");
  expect(ok.stdout).toContain("LEFT JOIN returned r");
});
