/**
 * XLSX output shaped like the add-in's: the transactions with grade columns appended, a Customers
 * sheet, a Summary sheet and a Method sheet. Streams rows, so a 500k-row log writes in bounded memory.
 * (ExcelJS writes no charts; the add-in adds native charts when it grades in Excel.)
 */
import { KIND_CUSTOMER } from "../engine/grade/aggregate";
import { CUSTOMER_COLUMN_TITLES, CUSTOMER_COLUMNS, customerRow, type OutCell } from "../engine/report/customerTable";
import type { GradeResult } from "../engine/grade/pipeline";
import type { Cell, Lang } from "../engine/types";
import { GRADE_COLUMN_TITLES, transactionGradeRow } from "../engine/report/transactionGrades";
import { summaryTables, methodLines } from "../engine/report/reportTables";
import { formulaPlan, FORMULA_SHEETS } from "../engine/export/formulaSheets";

/** Cells written to a sheet: a Date for dates, never a formula (ExcelJS writes strings as text). */
function cellOut(value: Cell): string | number | boolean | Date | null {
  if (value === undefined || value === null || value === "") return null;
  return value as string | number | boolean | Date;
}

export async function writeXlsx(file: string, input: { cells: Cell[][]; sheetName?: string }, result: GradeResult, lang: Lang, extra?: { header: string[]; values: (c: number) => OutCell[] }, formulas = false): Promise<void> {
  const ExcelJS = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const { measures, transactions: tx, columns } = result;

  const data = workbook.addWorksheet(input.sheetName ?? "Transactions");
  const width = columns.names.length;
  const header: (string | null)[] = columns.hasHeader ? columns.names.slice() : columns.names.map(() => null);
  data.addRow([...header, ...GRADE_COLUMN_TITLES[lang]]).commit();
  const start = columns.dataStart;
  for (let i = 0; i < tx.rowCount; ++i) {
    const source = input.cells[start + i] ?? [];
    const row: (string | number | boolean | Date | null)[] = new Array(width + GRADE_COLUMN_TITLES.en.length);
    for (let k = 0; k < width; ++k) row[k] = cellOut(source[k]);
    const grades = transactionGradeRow(result, i, lang);
    for (let k = 0; k < grades.length; ++k) row[width + k] = grades[k] === "" ? null : grades[k];
    data.addRow(row).commit();
  }
  data.commit();

  const customersName = lang === "zh" ? "客户" : "Customers";
  const customers = workbook.addWorksheet(customersName);
  const plan = formulas ? formulaPlan(result, customersName, lang) : null;
  let sheetRow = 1;
  const extraHeader = extra?.header ?? [];
  customers.addRow([...CUSTOMER_COLUMNS.map((k) => CUSTOMER_COLUMN_TITLES[k][lang]), ...extraHeader]).commit();
  customers.getColumn(2).numFmt = "yyyy-mm-dd";
  customers.getColumn(3).numFmt = "yyyy-mm-dd";
  customers.getColumn(7).numFmt = "#,##0.00";
  customers.getColumn(8).numFmt = "#,##0.00";
  for (const c of result.outputOrder) {
    const row = customerRow(result, c, lang) as (OutCell | Date | { formula: string })[];
    ++sheetRow;
    if (measures.kind[c] === KIND_CUSTOMER) {
      row[1] = serialDate(measures.firstDay[c]);
      row[2] = serialDate(measures.lastDay[c]);
      // Columns I–M (r, f, m, rfm score, segment) as formulas over the Breaks and Segment map sheets.
      if (plan) row.splice(8, 5, ...plan.scoreFormulas(sheetRow));
    }
    customers.addRow([...row, ...(extra?.values(c) ?? [])]).commit();
  }
  customers.commit();

  const summary = workbook.addWorksheet(lang === "zh" ? "汇总" : "Summary");
  for (const table of summaryTables(result, lang)) {
    summary.addRow([table.title]).commit();
    summary.addRow(table.header).commit();
    for (const row of table.rows) summary.addRow(row).commit();
    summary.addRow([]).commit();
  }
  summary.commit();

  if (plan) {
    const breaks = workbook.addWorksheet(FORMULA_SHEETS[lang].breaks);
    for (const row of plan.breaksRows) breaks.addRow(row).commit();
    breaks.commit();
    const map = workbook.addWorksheet(FORMULA_SHEETS[lang].map);
    for (const row of plan.mapRows) map.addRow(row).commit();
    map.commit();
  }

  const method = workbook.addWorksheet(lang === "zh" ? "方法" : "Method");
  for (const line of methodLines(result, lang)) method.addRow(line).commit();
  method.commit();
  await workbook.commit();
}

/** A JS Date at UTC midnight of an epoch day (what ExcelJS writes as a date serial). */
function serialDate(day: number): Date {
  return new Date(day * 86400000);
}
