/**
 * Served in place of office/office.js in the browser tests: an `Office` that is ready at once and an
 * `Excel` backed by the fake workbook from test/support, holding a synthetic transaction log. The
 * real pane and the real Office.js adapter run against it.
 */
import { FakeWorkbook } from "../support/fakeExcel";
import { syntheticCell } from "../support/syntheticSheet";

const params = new URLSearchParams(location.search);
const rows = Number(params.get("rows") ?? 3000);
const book = new FakeWorkbook();
book.addSheet("Orders", { rows, cols: 8, cell: (r, c) => syntheticCell(r, c, Math.max(50, Math.floor(rows / 12))) });
book.selection = { sheet: "Orders", address: "C5" };

const w = window as unknown as Record<string, unknown>;
w.__book = book;
w.Excel = book.excel();
w.Office = {
  onReady: (callback?: (info: { host: string }) => void) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    // Like Office.js: call back after the page's scripts have run.
    setTimeout(() => callback?.(info), 0);
    return Promise.resolve(info);
  },
  context: {
    displayLanguage: params.get("lang") ?? "en-US",
    // ?excelApi=1.7 plays an older Excel (default: one with ExcelApi 1.9, enough for every feature).
    requirements: { isSetSupported: (set: string, version?: string) => set === "ExcelApi" && versionAtMost(version ?? "1.1", params.get("excelApi") ?? "1.9") },
  },
};
function versionAtMost(version: string, limit: string): boolean {
  const [a, b] = [version, limit].map((v) => v.split(".").map(Number));
  return a[0] < b[0] || (a[0] === b[0] && (a[1] ?? 0) <= (b[1] ?? 0));
}
// The shared runtime's CustomFunctions: functions.js associates its functions with it.
const associated: string[] = [];
w.__associated = associated;
w.CustomFunctions = {
  associate: (id: string) => void associated.push(id),
  Error: class extends Error {},
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};
