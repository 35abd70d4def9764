/**
 * Served in place of office/office.js in the browser tests: an `Office` that is ready at once and an
 * `Excel` backed by the fake workbook from test/support, holding a synthetic transaction log. The
 * real pane and the real Office.js adapter run against it.
 *
 * Query parameters: rows (default 3000), lang (Office's display language), theme (light, colorful,
 * dark, black: Office's theme colours), nodate (the date column's header is not recognisable),
 * slow (ms added to every sync, so that progress can be seen). A page's init script may set
 * window.__savedSettings (JSON) to play a workbook reopened with the pane's settings in it.
 */
import { FakeWorkbook } from "../support/fakeExcel";
import { SYNTHETIC_HEADER, syntheticCell } from "../support/syntheticSheet";

const params = new URLSearchParams(location.search);
const rows = Number(params.get("rows") ?? 3000);
const noDate = params.has("nodate");
const slow = Number(params.get("slow") ?? 0);
const book = new FakeWorkbook();
const customers = Math.max(50, Math.floor(rows / 12));
const sheet = book.addSheet("Orders", { rows, cols: 8, cell: (r, c) => (r === 0 && c === 4 && noDate ? "Stamp" : syntheticCell(r, c, customers)) });
// Number formats as an Online Retail export has them: dates and times, pounds for the unit price.
const DATE_COLUMN = SYNTHETIC_HEADER.indexOf("InvoiceDate");
const PRICE_COLUMN = SYNTHETIC_HEADER.indexOf("UnitPrice");
for (let r = 1; r < Math.min(rows, 50); ++r) {
  sheet.formats.set(`${r}:${DATE_COLUMN}`, "yyyy-mm-dd");
  sheet.formats.set(`${r}:${PRICE_COLUMN}`, "[$£-809]#,##0.00");
}
book.selection = { sheet: "Orders", address: "C5" };

/** Office's theme colours (body background / foreground, as Office reports them). */
const THEMES: Record<string, { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string; isDarkTheme: boolean; themeId: string }> = {
  light: { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#242424", controlBackgroundColor: "#ffffff", controlForegroundColor: "#242424", isDarkTheme: false, themeId: "White" },
  colorful: { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#242424", controlBackgroundColor: "#ffffff", controlForegroundColor: "#242424", isDarkTheme: false, themeId: "Colorful" },
  dark: { bodyBackgroundColor: "#292929", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#3d3d3d", controlForegroundColor: "#ffffff", isDarkTheme: true, themeId: "DarkGray" },
  black: { bodyBackgroundColor: "#000000", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#1f1f1f", controlForegroundColor: "#ffffff", isDarkTheme: true, themeId: "Black" },
};

const w = window as unknown as Record<string, unknown>;
w.__book = book;
// A workbook reopened: settings a test saved from an earlier page (set by an init script before load).
if (typeof w.__savedSettings === "string") book.settings.set("customerTiers.settings", w.__savedSettings);
w.__themes = THEMES;
const excel = book.excel();
w.Excel = slow
  ? {
      run: <T>(cb: (context: unknown) => Promise<T>) =>
        excel.run((context) => {
          const ctx = context as { sync: () => Promise<void> };
          const sync = ctx.sync.bind(ctx);
          ctx.sync = async () => {
            await new Promise((resolve) => setTimeout(resolve, slow));
            return sync();
          };
          return cb(ctx);
        }),
    }
  : excel;
w.Office = {
  onReady: (callback?: (info: { host: string }) => void) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    // Like Office.js: call back after the page's scripts have run.
    setTimeout(() => callback?.(info), 0);
    return Promise.resolve(info);
  },
  context: {
    displayLanguage: params.get("lang") ?? "en-US",
    officeTheme: THEMES[params.get("theme") ?? "light"],
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
