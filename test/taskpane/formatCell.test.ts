/** Preview cells as the sheet shows them, and money in the amount column's currency. */
import { moneyFormatter, showCell } from "../../src/taskpane/formatCell";

// 2024-02-02 is serial 45324 in the 1900 system and 43862 in the 1904 system (1,462 days apart).
test("dates by their number format and the workbook's date system", () => {
  expect(showCell(45324, "yyyy-mm-dd", 1900, true).text).toBe("2024-02-02");
  expect(showCell(43862, "yyyy-mm-dd", 1904, true).text).toBe("2024-02-02");
  expect(showCell(45324.5, "m/d/yyyy h:mm", 1900, true).text).toBe("2/2/2024 12:00");
});

test("a bare serial in the date column shows as the date the engine will read", () => {
  expect(showCell(45324, "General", 1900, true).text).toBe("2024-02-02");
  expect(showCell(43862, undefined, 1904, true).text).toBe("2024-02-02");
  // Elsewhere a number stays a number.
  expect(showCell(45324, "General", 1900, false).text).toBe("45324");
});

test("numbers by their format, text as it is", () => {
  expect(showCell(1234.5, "#,##0.00", 1900, false)).toEqual({ text: "1,234.50", numeric: true });
  expect(showCell(2.5, "[$£-809]#,##0.00", 1900, false).text).toBe("£2.50");
  expect(showCell("=SUM(A1)", "General", 1900, false)).toEqual({ text: "=SUM(A1)", numeric: false });
  expect(showCell(null, "General", 1900, false).text).toBe("");
});

test("revenue in the amount column's currency, whole units; a plain number without one", () => {
  expect(moneyFormatter('"$"#,##0.00', "en")(1234567.4)).toBe("$1,234,567");
  expect(moneyFormatter("[$¥-804]#,##0.00", "zh")(9876.6)).toBe("¥9,877");
  expect(moneyFormatter("#,##0.00", "en")(1234.4)).toBe("1,234");
  expect(moneyFormatter(undefined, "zh")(1234.4)).toBe("1,234");
});
