/**
 * A small workbook for the chart writer's tests, built with ExcelJS: an English sheet with a space in
 * its name (segment table, an Excel table, a frozen header) and a Chinese sheet whose name has spaces
 * and apostrophes (months, value tiers, a Pareto curve, and an image so that the sheet already has a
 * drawing; and an ampersand, which the workbook part escapes). The data are written here, so the tests know every value a chart must cache.
 */
import ExcelJS from "exceljs";
import type { ChartSpec } from "../../src/engine/report/workbookPlan";

/** One landscape page per sheet, so a rendered PDF shows each sheet's charts beside its cells. */
const PAGE = { pageSetup: { orientation: "landscape" as const, fitToPage: true, fitToWidth: 1, fitToHeight: 1 } };

export const EN_SHEET = "Segment summary";
export const ZH_SHEET = "客户 & '月度' 汇总";

export const SEGMENTS = {
  names: ["Champions", "Loyal Customers", "Potential Loyalists", "At Risk", "Hibernating"],
  customers: [120, 340, 210, 95, 400],
  revenue: [48230.5, 61210.25, 18020, 9410.75, 5230.1],
};

export const MONTHS = {
  labels: ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"],
  revenue: [1200, 1350.5, 990, 1620, 1710.25, 1505],
  orders: [31, 35, 27, 40, 44, 39],
};

export const TIERS = { labels: ["高价值", "中价值", "低价值"], revenue: [70210.3, 21500, 8100.2] };

/** 50 points of a Pareto curve: share of customers (x) against share of revenue (y). */
export const PARETO = (() => {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 1; i <= 50; ++i) {
    x.push(i / 50);
    y.push(Math.round((1 - Math.pow(1 - i / 50, 3)) * 1e6) / 1e6);
  }
  return { x, y };
})();

/** A 1×1 red PNG, so the Chinese sheet holds an image (ExcelJS writes a drawing part for it). */
const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

function fillSheets(en: ExcelJS.Worksheet, zh: ExcelJS.Worksheet): void {
  // Formats first: the streaming writer styles a cell from its column when the row is added.
  en.getColumn(3).numFmt = "#,##0.00";
  en.getColumn(1).width = 22;
  zh.getColumn(8).numFmt = "0%";
  zh.getColumn(9).numFmt = "0.0%";
  en.addRow(["Segment", "Customers", "Revenue"]);
  SEGMENTS.names.forEach((name, i) => en.addRow([name, SEGMENTS.customers[i], SEGMENTS.revenue[i]]));

  zh.addRow(["月份", "收入", "订单数", null, "价值层级", "收入", null, "客户占比", "收入占比"]);
  for (let i = 0; i < PARETO.x.length; ++i) {
    const month = i < MONTHS.labels.length ? [MONTHS.labels[i], MONTHS.revenue[i], MONTHS.orders[i]] : [null, null, null];
    const tier = i < TIERS.labels.length ? [TIERS.labels[i], TIERS.revenue[i]] : [null, null];
    zh.addRow([...month, null, ...tier, null, PARETO.x[i], PARETO.y[i]]);
  }
}

/** The charts of the test workbook: one of each kind, two of them reading the other sheet. */
export function testCharts(): { sheet: string; chart: ChartSpec }[] {
  const en = (top: number, left: number, rows: number) => ({ sheet: EN_SHEET, top, left, rows, cols: 1 });
  const zh = (top: number, left: number, rows: number) => ({ sheet: ZH_SHEET, top, left, rows, cols: 1 });
  return [
    {
      sheet: EN_SHEET,
      chart: { kind: "column", title: "Customers by segment", categories: en(1, 0, 5), series: [{ name: "Customers", values: en(1, 1, 5) }], anchor: { row: 0, col: 5 }, size: { rows: 15, cols: 7 }, yTitle: "Customers" },
    },
    {
      sheet: EN_SHEET,
      chart: { kind: "bar", title: "Revenue by segment", categories: en(1, 0, 5), series: [{ name: "Revenue", values: en(1, 2, 5) }], anchor: { row: 16, col: 5 }, size: { rows: 15, cols: 7 }, xTitle: "Segment", yTitle: "Revenue" },
    },
    {
      sheet: EN_SHEET,
      chart: { kind: "pie", title: "收入（按价值层级）", categories: zh(1, 4, 3), series: [{ name: "收入", values: zh(1, 5, 3) }], anchor: { row: 32, col: 5 }, size: { rows: 15, cols: 7 }, legend: true },
    },
    {
      sheet: ZH_SHEET,
      chart: {
        kind: "line", title: "月度收入与订单", categories: zh(1, 0, 6),
        series: [{ name: "收入", values: zh(1, 1, 6) }, { name: "订单数", values: zh(1, 2, 6) }],
        anchor: { row: 1, col: 10 }, size: { rows: 15, cols: 8 }, xTitle: "月份",
      },
    },
    {
      sheet: ZH_SHEET,
      chart: {
        kind: "scatter", title: "帕累托曲线", series: [{ name: "收入占比", values: zh(1, 8, 50), xValues: zh(1, 7, 50) }],
        anchor: { row: 17, col: 10 }, size: { rows: 18, cols: 8 }, xTitle: "客户占比", yTitle: "收入占比", valueFormat: "0%",
      },
    },
  ];
}

/** The workbook as ExcelJS writes it with shared strings (Workbook) or inline strings (the streaming writer). */
export async function testWorkbook(writer: "workbook" | "stream"): Promise<Buffer> {
  if (writer === "workbook") {
    const book = new ExcelJS.Workbook();
    const en = book.addWorksheet(EN_SHEET, { views: [{ state: "frozen", ySplit: 1 }], ...PAGE });
    const zh = book.addWorksheet(ZH_SHEET, PAGE);
    fillSheets(en, zh);
    en.addTable({
      name: "Segments", ref: "A8", headerRow: true,
      columns: [{ name: "Segment" }, { name: "Customers" }],
      rows: SEGMENTS.names.map((n, i) => [n, SEGMENTS.customers[i]]),
    });
    const image = book.addImage({ buffer: PNG_1x1 as unknown as ExcelJS.Buffer, extension: "png" });
    zh.addImage(image, { tl: { col: 19, row: 1 }, ext: { width: 40, height: 40 } });
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const { PassThrough } = await import("stream");
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const en = book.addWorksheet(EN_SHEET, { views: [{ state: "frozen", ySplit: 1 }], ...PAGE });
  const zh = book.addWorksheet(ZH_SHEET, PAGE);
  fillSheets(en, zh);
  en.commit();
  zh.commit();
  await book.commit();
  return Buffer.concat(chunks);
}
