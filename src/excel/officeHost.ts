/**
 * The Office.js implementation of TiersHost: read the selection's mapped columns in blocks, grade
 * with the engine, write grade columns, Customers/Summary/Method sheets and charts, and keep the
 * options in the workbook. Nothing is overwritten: grade columns go beside the data only when those
 * cells are empty, new sheets get free names, and a cancelled or failed write is rolled back.
 */
import { asOfText, gradeTable } from "../engine/grade/pipeline";
import { resolveColumns } from "../engine/read/mapping";
import { labelText, RF_SEGMENTS } from "../engine/labels";
import { GRADE_COLUMN_TITLES, transactionGradeRow } from "../engine/report/transactionGrades";
import { issueMessage, type Cell, type Lang } from "../engine/types";
import type { GradeProgress, GradeRequest, GradeResponse, SavedSettings, TiersHost } from "./host";
import { CancelledError, readColumns } from "./readColumns";
import type { ExtraCustomerColumns, Tracking } from "./reportTypes";
import { FORMULA_SHEETS } from "../engine/export/formulaSheets";
import { writeCustomersSheet, writeFormulaGrades, writeMethodSheet, writeSummarySheet } from "./reportSheets";
import { cohortSheetTable, computeExtras, extraColumns, extraTables, joinColumns, migrationTable, scatterPoints } from "./segmentsExtra";
import { columnName, readBlockAt, readSelection, type Block } from "./selection";
import { loadSettings, saveSettings } from "./settings";
import { freeSheetName, writeBlocks } from "./writeBlocks";
import { clusterProfiles, clvTotals, gradedPeriod, trendCounts } from "./paneReport";
import { isSetSupported } from "./requirements";

const SHEET_NAMES = {
  en: { customers: "Customers", summary: "Summary", method: "Method", grades: "Grades" },
  zh: { customers: "客户", summary: "汇总", method: "方法", grades: "分级结果" },
};

const NOTES = {
  en: {
    notEmpty: (range: string, sheet: string) => `The cells to the right of your data (${range}) were not empty, so the grade columns went to the new sheet "${sheet}", row for row.`,
    noClv: (why: string) => `No lifetime value columns: ${why}`,
    noTracking: (why: string) => `No holdout chart: ${why}`,
    noFormulas: "Scores were written as values: formulas need the quantile method (PERCENTILE.INC and COUNTIF).",
    noMigration: (from: string, why: string) => `No segment migration from ${from}: ${why}`,
    notBefore: (asOf: string) => `it must be before the as-of date ${asOf}`,
    cancelled: "Cancelled: the workbook is as it was before grading.",
    failed: (why: string) => `Writing failed (${why}); what had been written was removed, so the workbook is as it was.`,
    rollbackFailed: (sheets: string) => `Writing failed and these partial sheets could not be removed: ${sheets}.`,
    noFilter: "This Excel cannot filter from the pane (that needs Excel API 1.9): a segment link selects the graded rows instead; filter them with Data › Filter.",
  },
  zh: {
    notEmpty: (range: string, sheet: string) => `数据右侧的单元格（${range}）不为空，分级列已逐行写入新工作表“${sheet}”。`,
    noClv: (why: string) => `未计算客户终身价值：${why}`,
    noTracking: (why: string) => `未生成留出期对比图：${why}`,
    noFormulas: "评分以数值写入：公式模式需要分位数评分方法（PERCENTILE.INC 与 COUNTIF）。",
    noMigration: (from: string, why: string) => `未生成自 ${from} 起的分群迁移：${why}`,
    notBefore: (asOf: string) => `该日期须早于截止日期 ${asOf}`,
    cancelled: "已取消：工作簿保持分级前的状态。",
    failed: (why: string) => `写入失败（${why}），已写入的内容已删除，工作簿保持原状。`,
    rollbackFailed: (sheets: string) => `写入失败，以下不完整的工作表未能删除：${sheets}。`,
    noFilter: "此版本 Excel 不支持从窗格筛选（需要 Excel API 1.9）：点击分群链接将选中分级后的数据行，请用“数据 › 筛选”进行筛选。",
  },
};

interface Graded {
  sheetName: string;
  /** The filtered range: data block plus grade columns, or the Grades sheet. */
  filterAddress: string;
  segmentColumn: number;
  lang: Lang;
}

export function createOfficeHost(): TiersHost {
  let lastGraded: Graded | null = null;

  return {
    async previewSelection() {
      return Excel.run(async (context) => {
        const outcome = await readSelection(context);
        return outcome.ok ? { ok: true as const, preview: outcome.preview } : outcome;
      });
    },

    async grade(request, onProgress, signal) {
      return Excel.run(async (context) => {
        const selection = request.source ? await readBlockAt(context, request.source) : await readSelection(context);
        if (!selection.ok) return selection;
        const { block, preview, head } = selection;
        const outcome = await gradeBlock(context, block, head, preview.hasHeader, preview.dateSystem, request, onProgress, signal);
        if (outcome.ok) {
          lastGraded = outcome.graded;
          await saveSettings(context, { mapping: request.mapping, options: request.options, clv: request.clv ?? false, holdoutFrom: request.holdoutFrom, clusters: request.clusters, compareFrom: request.compareFrom, formulas: request.formulas, lang: request.lang, address: block.address });
          return { ok: true as const, report: outcome.report };
        }
        return outcome.response;
      });
    },

    async selectSegment(segmentKey) {
      const graded = lastGraded;
      if (!graded) return;
      const code = RF_SEGMENTS.findIndex((s) => s.key === segmentKey);
      if (code < 0) return;
      await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(graded.sheetName);
        sheet.activate();
        // AutoFilter is ExcelApi 1.9, above the manifest's minimum: older Excel gets the rows selected.
        if (isSetSupported("ExcelApi", "1.9")) sheet.autoFilter.apply(sheet.getRange(graded.filterAddress), graded.segmentColumn, { filterOn: "Values", values: [labelText(RF_SEGMENTS, code, graded.lang)] });
        else sheet.getRange(graded.filterAddress).select();
        await context.sync();
      });
    },

    async showSheet(nameOrAddress) {
      await Excel.run(async (context) => {
        const bang = nameOrAddress.lastIndexOf("!");
        const name = bang < 0 ? nameOrAddress : nameOrAddress.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
        const sheet = context.workbook.worksheets.getItem(name);
        sheet.activate();
        if (bang >= 0) sheet.getRange(nameOrAddress.slice(bang + 1)).select();
        await context.sync();
      });
    },

    loadSettings: () => Excel.run((context) => loadSettings(context)),
    saveSettings: (settings: SavedSettings) => Excel.run((context) => saveSettings(context, settings)),
  };
}

type BlockOutcome = { ok: true; report: Extract<GradeResponse, { ok: true }>["report"]; graded: Graded } | { ok: false; response: GradeResponse };

async function gradeBlock(
  context: Excel.RequestContext,
  block: Block,
  head: Cell[][],
  hasHeader: boolean,
  dateSystem: 1900 | 1904,
  request: GradeRequest,
  onProgress: (p: GradeProgress) => void,
  signal: AbortSignal,
): Promise<BlockOutcome> {
  const lang = request.lang;
  const sheet = context.workbook.worksheets.getItem(block.sheetName);
  // Which columns to read: resolve the mapping on the first rows the selection reader already has.
  const resolved = resolveColumns(head, request.mapping, hasHeader);
  if (!resolved.columns) return { ok: false, response: { ok: false, issues: resolved.issues } };
  const fields = Object.entries(resolved.columns.mapping) as [keyof typeof resolved.columns.mapping, number][];
  // The block's first column is read too, and kept first: a totals row (合计, Total) may name itself
  // there rather than in the customer column (SPEC §1 total_row).
  const columns = [...new Set([0, ...fields.map(([, c]) => c)])].sort((a, b) => a - b);
  const compactMapping = Object.fromEntries(fields.map(([f, c]) => [f, columns.indexOf(c)]));

  onProgress({ phase: "reading", done: 0, total: block.rowCount });
  let cells: Cell[][];
  try {
    cells = await readColumns(context, block, columns, head, (done) => onProgress({ phase: "reading", done, total: block.rowCount }), signal);
  } catch (error) {
    if (error instanceof CancelledError) return { ok: false, response: { ok: false, issues: [], cancelled: true } };
    throw error;
  }
  // Without a header row the engine would name columns A, B, … of the compact table: give it the sheet's letters.
  const names = columns.map((c) => (hasHeader ? String(head[0][c] ?? "") : columnName(block.left + c)));
  const table = hasHeader ? cells : [names, ...cells];
  onProgress({ phase: "grading", done: 0, total: 1 });
  await new Promise((resolve) => setTimeout(resolve, 0)); // let the pane paint the phase
  const gradeAsOf = (asOf = request.options.asOf) =>
    gradeTable({ cells: table, hasHeader: true, mapping: compactMapping, firstRowNumber: block.top + (hasHeader ? 1 : 0), titleRows: block.titleRows }, { ...request.options, asOf, dateSystem, lang });
  const graded = gradeAsOf();
  if (!graded.ok) return { ok: false, response: { ok: false, issues: graded.issues } };
  const result = graded.result;
  onProgress({ phase: "grading", done: 1, total: 1 });
  if (signal.aborted) return { ok: false, response: { ok: false, issues: [], cancelled: true } };

  // What the engine assumed while reading (header row, order totals, statuses, returns …) comes first.
  const notes: string[] = result.notes.map((n) => (lang === "zh" ? n.zh : n.message));
  if (!isSetSupported("ExcelApi", "1.9")) notes.push(NOTES[lang].noFilter);
  const extras = computeExtras(result, request.clusters);
  const moreTables = [cohortSheetTable(result, lang)];
  let migrationFrom: string | undefined;
  if (request.compareFrom) {
    const earlier = request.compareFrom < asOfText(result) ? gradeAsOf(request.compareFrom) : null;
    if (earlier?.ok) {
      moreTables.unshift(migrationTable(earlier.result, result, lang));
      migrationFrom = request.compareFrom;
    }
    else notes.push(NOTES[lang].noMigration(request.compareFrom, earlier ? issueMessage(earlier.issues[0], lang) : NOTES[lang].notBefore(asOfText(result))));
  }
  let extra: ExtraCustomerColumns | null = null;
  let tracking: Tracking | null = null;
  if (request.clv) {
    const { clvColumns, holdoutTracking } = await import(/* webpackChunkName: "clv" */ "./clvColumns");
    const clv = clvColumns(result, lang);
    if (clv.ok) extra = clv.columns;
    else notes.push(NOTES[lang].noClv(clv.message));
    if (request.holdoutFrom) {
      const held = holdoutTracking(result, request.holdoutFrom);
      if (held.ok) tracking = held.tracking;
      else notes.push(NOTES[lang].noTracking(held.message));
    }
  }

  // Writing: everything created is recorded so that a cancel or a failure can undo it.
  const created: string[] = [];
  let gradeRange: { sheet: string; address: string } | null = null;
  const sheetNames = SHEET_NAMES[lang];
  const steps = 4;
  const formulaSheets: string[] = [];
  const dataRows = result.transactions.rowCount;
  try {
    onProgress({ phase: "writing", done: 0, total: steps });
    // 1. Grade columns beside the data, if those cells are empty.
    const width = GRADE_COLUMN_TITLES.en.length;
    const target = sheet.getRangeByIndexes(block.top, block.left + block.columnCount, block.rowCount, width);
    const used = target.getUsedRangeOrNullObject(true);
    used.load("address");
    await context.sync();
    let gradeSheet = sheet;
    let gradeTop = block.top;
    let gradeLeft = block.left + block.columnCount;
    let filterAddress = `${columnName(block.left)}${block.top + 1}:${columnName(block.left + block.columnCount + width - 1)}${block.top + block.rowCount}`;
    let segmentColumn = block.columnCount + 4;
    if (!used.isNullObject) {
      const name = await freeSheetName(context, sheetNames.grades);
      gradeSheet = context.workbook.worksheets.add(name);
      created.push(name);
      notes.push(NOTES[lang].notEmpty(used.address, name));
      gradeTop = 0;
      gradeLeft = 0;
      filterAddress = `A1:${columnName(width - 1)}${dataRows + 1}`;
      segmentColumn = 4;
    } else gradeRange = { sheet: block.sheetName, address: filterAddress.replace(/^[A-Z]+/, columnName(block.left + block.columnCount)) };
    const titles = GRADE_COLUMN_TITLES[lang];
    const withTitle = hasHeader || gradeTop === 0;
    await writeBlocks(
      context,
      {
        sheet: gradeSheet,
        top: gradeTop,
        left: gradeLeft,
        rowCount: dataRows + (withTitle ? 1 : 0),
        row: (i) => (withTitle ? (i === 0 ? titles : transactionGradeRow(result, i - 1, lang)) : transactionGradeRow(result, i, lang)),
      },
      signal,
    );
    onProgress({ phase: "writing", done: 1, total: steps });

    // 2–4. Customers, Summary, Method.
    const customersName = await freeSheetName(context, sheetNames.customers);
    const customers = context.workbook.worksheets.add(customersName);
    created.push(customersName);
    await writeCustomersSheet(context, customers, result, lang, joinColumns([extraColumns(extras, lang), extra]), signal);
    if (request.formulas && result.options.method !== "ntile") {
      const made = [];
      for (const base of Object.values(FORMULA_SHEETS[lang])) {
        const name = await freeSheetName(context, base);
        made.push({ sheet: context.workbook.worksheets.add(name), name });
        created.push(name);
        formulaSheets.push(name);
      }
      await writeFormulaGrades(context, { sheet: customers, name: customersName }, made[0], made[1], result, lang, signal);
    } else if (request.formulas) notes.push(NOTES[lang].noFormulas);
    onProgress({ phase: "writing", done: 2, total: steps });
    const summaryName = await freeSheetName(context, sheetNames.summary);
    const summary = context.workbook.worksheets.add(summaryName);
    created.push(summaryName);
    await writeSummarySheet(context, summary, result, lang, signal, tracking, [...extraTables(result, extras, lang), ...moreTables], extras.clustering ? scatterPoints(result, extras) : null);
    onProgress({ phase: "writing", done: 3, total: steps });
    const methodName = await freeSheetName(context, sheetNames.method);
    const method = context.workbook.worksheets.add(methodName);
    created.push(methodName);
    await writeMethodSheet(context, method, result, lang, signal);
    summary.activate();
    await context.sync();
    onProgress({ phase: "writing", done: steps, total: steps });
    return {
      ok: true,
      graded: { sheetName: gradeSheet === sheet ? block.sheetName : created[0], filterAddress, segmentColumn, lang },
      report: {
        asOf: asOfText(result),
        summary: result.summary,
        rows: result.report,
        written: { gradeColumns: gradeRange ? `${block.sheetName}!${gradeRange.address}` : created[0], customers: customersName, summary: summaryName, method: methodName, ...(formulaSheets.length ? { formulaSheets } : {}) },
        notes,
        period: gradedPeriod(result),
        clv: extra ? clvTotals(result, extra) : undefined,
        clusters: clusterProfiles(extras),
        trends: trendCounts(extras),
        migrationFrom,
      },
    };
  } catch (error) {
    const cancelled = error instanceof CancelledError;
    const undone = await rollBack(context, created, gradeRange);
    const message = cancelled ? NOTES[lang].cancelled : undone ? NOTES[lang].failed(String((error as Error)?.message ?? error)) : NOTES[lang].rollbackFailed(created.join(", "));
    return { ok: false, response: { ok: false, cancelled, issues: [{ row: 0, column: "", code: cancelled ? "cancelled" : "write_failed", message }] } };
  }
}

/**
 * Deletes the sheets made and clears the grade columns written (they were empty before). A failed
 * batch may have been applied in part, so it looks up which sheets exist first.
 */
async function rollBack(context: Excel.RequestContext, created: string[], gradeRange: { sheet: string; address: string } | null): Promise<boolean> {
  try {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const present = new Set(sheets.items.map((s) => s.name));
    for (const name of created) if (present.has(name)) sheets.getItem(name).delete();
    if (gradeRange) sheets.getItem(gradeRange.sheet).getRange(gradeRange.address).clear("Contents");
    await context.sync();
    return true;
  } catch {
    return false;
  }
}
