/**
 * The exclusion list read through the host (TiersHost.readIds) on the fake Excel host: a range, a
 * whole column, a sheet, numbers as ids, blanks skipped, only the used part read; a missing sheet and
 * an address that is no range refused with a message in English and Chinese.
 */
import { createOfficeHost } from "../../src/excel/officeHost";
import { localRange, splitAddress } from "../../src/excel/readIds";
import { FakeWorkbook } from "../support/fakeExcel";

function book(): FakeWorkbook {
  const b = new FakeWorkbook();
  b.addTable("Orders", [["Customer", "Amount"], ["C1", 5]]);
  b.addTable("Test accounts", [["Customer ID"], ["C0111"], [""], [17850], ["  C0183  "], [null], ["内部001"]]);
  (globalThis as { Excel?: unknown }).Excel = b.excel();
  return b;
}

const readIds = (address: string) => createOfficeHost().readIds!(address);

test("a range, a whole column and a sheet give the non-blank cells, trimmed, numbers as Excel shows them", async () => {
  const b = book();
  await expect(readIds("'Test accounts'!A2:A7")).resolves.toEqual({ ok: true, ids: ["C0111", "17850", "C0183", "内部001"], address: "Test accounts!A2:A7" });
  await expect(readIds("'Test accounts'!A:A")).resolves.toMatchObject({ ok: true, ids: ["Customer ID", "C0111", "17850", "C0183", "内部001"] });
  await expect(readIds("Test accounts")).resolves.toMatchObject({ ok: true, ids: ["Customer ID", "C0111", "17850", "C0183", "内部001"] });
  // A whole column is read only where it is used: one small request, not a million rows.
  b.syncs.length = 0;
  await readIds("'Test accounts'!A:A");
  expect(Math.max(...b.syncs.map((s) => s.bytes))).toBeLessThan(1000);
});

test("an empty range gives no ids", async () => {
  book();
  await expect(readIds("Orders!F1:F9")).resolves.toMatchObject({ ok: true, ids: [] });
});

test("a missing sheet and an address that is no range are refused, in both languages", async () => {
  book();
  const missing = await readIds("Blacklist!A:A");
  expect(missing).toEqual({ ok: false, issues: [expect.objectContaining({ code: "exclude_sheet_missing", message: 'There is no sheet named "Blacklist" in this workbook for the exclusion list.', zh: "本工作簿中没有名为“Blacklist”的工作表，无法读取排除名单。" })] });
  const bad = await readIds("Orders!ids");
  expect(bad).toMatchObject({ ok: false, issues: [{ code: "exclude_address" }] });
});

test("addresses: sheet names quoted or not, whole columns, cells", () => {
  expect(splitAddress("'It''s'!A:A")).toEqual({ sheet: "It's", range: "A:A" });
  expect(splitAddress("黑名单")).toEqual({ sheet: "黑名单", range: null });
  expect(splitAddress("!A1")).toBeNull();
  expect(localRange("a:b")).toBe("A1:B1048576");
  expect(localRange("$B$2:$B$40")).toBe("B2:B40");
  expect(localRange("A1")).toBe("A1");
  expect(localRange("A1:B")).toBeNull();
  expect(localRange("ids")).toBeNull();
});
