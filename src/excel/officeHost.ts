/**
 * The Office.js implementation of TiersHost: read the selection's mapped columns in blocks, grade
 * with the engine, write the workbook plan (grade columns, Customers/Summary/Method sheets, charts),
 * and keep the options in the workbook. Nothing of the user's is overwritten: grade columns go beside
 * the data only when those cells are empty, new sheets get free names, a regrade of the same source
 * replaces only its own previous outputs (asking first if they were edited; writeOutputs.ts), and a
 * cancelled or failed write is rolled back.
 */
import { asOfText, gradeTable, type GradeResult } from "../engine/grade/pipeline";
import { resolveColumns } from "../engine/read/mapping";
import { labelText, RF_SEGMENTS } from "../engine/common/labels";
import { GRADE_COLUMN_TITLES } from "../engine/report/transactionGrades";
import { issueMessage, type Cell, type Lang, type ReadNote } from "../engine/common/types";
import type { GradeProgress, GradeRequest, GradeResponse, RegradeQuestion, SavedSettings, TiersHost } from "./host";
import { CancelledError, readColumns } from "./readColumns";
import { buildWorkbookPlan } from "../engine/report/buildWorkbookPlan";
import type { PlanExtras } from "../engine/report/planExtras";
import { clusterCustomers } from "../engine/cluster";
import { customerTrends } from "../engine/report/trend";
import { columnName, readBlockAt, readSelection, type Block } from "./selection";
import { loadSettings, saveSettings } from "./settings";
import { ADDIN_VERSION } from "./version";
import { clusterProfiles, clvTotals, gradedPeriod, trendCounts } from "./paneReport";
import { isSetSupported } from "./requirements";
import { previousOutputs, sourceOf, withoutOwnGradeColumns } from "./regrade";
import { WriteFailure, writeOutputs } from "./writeOutputs";
import { readIds } from "./readIds";
import { memberLevels } from "../engine/grade/memberLevels";
import { customerDimensions } from "../engine/grade/breakdown";

const NOTES = {
  en: {
    noClv: (why: string) => `No lifetime value columns: ${why}`,
    noTracking: (why: string) => `No holdout chart: ${why}`,
    noFormulas: "Scores were written as values: formulas need the quantile method or your own breakpoints (PERCENTILE.INC and COUNTIF).",
    noMigration: (from: string, why: string) => `No segment migration from ${from}: ${why}`,
    notBefore: (asOf: string) => `it must be before the as-of date ${asOf}`,
    cancelled: "Cancelled: the workbook is as it was before grading.",
    failed: (why: string) => `Writing failed (${why}); what had been written was removed, so the workbook is as it was.`,
    rollbackFailed: (sheets: string) => `Writing failed and these partial sheets could not be removed: ${sheets}.`,
    noFilter: "This Excel cannot filter from the pane (that needs Excel API 1.9): a segment link selects the graded rows instead; filter them with Data › Filter.",
  },
  zh: {
    noClv: (why: string) => `未计算客户终身价值：${why}`,
    noTracking: (why: string) => `未生成留出期对比图：${why}`,
    noFormulas: "评分以数值写入：公式模式需要分位数评分方法或自定义分界点（PERCENTILE.INC 与 COUNTIF）。",
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
        const outcome = await withoutOwnGradeColumns(context, await readSelection(context));
        return outcome.ok ? { ok: true as const, preview: outcome.preview } : outcome;
      });
    },

    async grade(request, onProgress, signal) {
      return Excel.run(async (context) => {
        const selection = request.source ? await readBlockAt(context, request.source) : await withoutOwnGradeColumns(context, await readSelection(context));
        if (!selection.ok) return selection;
        const { block, preview, head } = selection;
        // The exclusion list is read at every grade, so that a regrade uses the list as it is now.
        let excludeIds: string[] | undefined;
        if (request.exclude?.trim()) {
          const ids = await readIds(context, request.exclude);
          if (!ids.ok) return ids;
          excludeIds = ids.ids;
        }
        const gradeRequest = excludeIds ? { ...request, options: { ...request.options, excludeIds } } : request;
        const outcome = await gradeBlock(context, block, head, preview.headers, preview.hasHeader, preview.dateSystem, gradeRequest, onProgress, signal);
        if (outcome.ok) {
          lastGraded = outcome.graded;
          const dimension = request.mapping.dimension;
          const breakdown = typeof dimension === "number" ? preview.headers[dimension] : typeof dimension === "string" ? dimension : undefined;
          await saveSettings(context, {
            mapping: request.mapping,
            options: request.options,
            clv: request.clv ?? false,
            holdoutFrom: request.holdoutFrom,
            clusters: request.clusters,
            compareFrom: request.compareFrom,
            formulas: request.formulas,
            model: request.model,
            levels: request.levels,
            exclude: request.exclude?.trim() || undefined,
            breakdown,
            snapshot: request.snapshot,
            lang: request.lang,
            address: block.address,
          });
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

    readIds: (address: string) => Excel.run((context) => readIds(context, address)),

    loadSettings: () => Excel.run((context) => loadSettings(context)),
    saveSettings: (settings: SavedSettings) => Excel.run((context) => saveSettings(context, settings)),
  };
}

type BlockOutcome = { ok: true; report: Extract<GradeResponse, { ok: true }>["report"]; graded: Graded } | { ok: false; response: GradeResponse };

async function gradeBlock(
  context: Excel.RequestContext,
  block: Block,
  head: Cell[][],
  headers: string[],
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

  // A regrade of the same source replaces its previous outputs; if the user edited them since, ask first.
  const source = sourceOf(block, headers);
  const previous = await previousOutputs(context, source, signal);
  if (previous && previous.edited.length && !request.ifEdited) return { ok: false, response: { ok: false, issues: [], question: editedQuestion(previous.edited) } };
  const replacing = previous && request.ifEdited !== "keepBoth" ? previous : null;

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
  const notes: (string | ReadNote)[] = [...result.notes];
  if (!isSetSupported("ExcelApi", "1.9")) notes.push(NOTES[lang].noFilter);
  const extras: PlanExtras = computeExtras(result, request.clusters);
  if (request.levels) extras.levels = memberLevels(result, request.levels);
  if (request.mapping.dimension !== undefined && request.mapping.dimension !== null) extras.breakdown = customerDimensions(result);
  let migrationFrom: string | undefined;
  if (request.compareFrom) {
    const earlier = request.compareFrom < asOfText(result) ? gradeAsOf(request.compareFrom) : null;
    if (earlier?.ok) {
      extras.earlier = earlier.result;
      migrationFrom = request.compareFrom;
    }
    else notes.push(NOTES[lang].noMigration(request.compareFrom, earlier ? issueMessage(earlier.issues[0], lang) : NOTES[lang].notBefore(asOfText(result))));
  }
  if (request.clv) {
    const { clvExtras, holdoutTracking } = await import(/* webpackChunkName: "clv" */ "./clvColumns");
    const clv = clvExtras(result, request.model);
    if (clv.ok) {
      extras.clv = clv.clv;
      notes.push(...clv.clv.columns.notes.map((n) => (lang === "zh" ? n.zh : n.message)));
    } else notes.push(NOTES[lang].noClv(lang === "zh" ? clv.zh : clv.message));
    if (request.holdoutFrom) {
      const held = holdoutTracking(result, request.holdoutFrom);
      if (held.ok) extras.tracking = held.tracking;
      else notes.push(NOTES[lang].noTracking(held.message));
    }
  }
  if (request.formulas && result.options.method !== "quantile" && result.options.method !== "fixed") notes.push(NOTES[lang].noFormulas);

  // Writing: new sheets, or the previous outputs of this source replaced in place; undone on cancel or failure.
  try {
    const out = await writeOutputs(context, {
      block,
      hasHeader,
      lang,
      dateSystem,
      dataRows: result.transactions.rowCount,
      signal,
      onProgress,
      previous: replacing,
      snapshot: request.snapshot ?? false,
      asOf: asOfText(result),
      source,
      build: (gradeColumns, names) =>
        buildWorkbookPlan(result, { lang, gradeColumns, extras, formulas: request.formulas, names, method: { generated: new Date().toISOString().slice(0, 10), version: ADDIN_VERSION, source: block.address } }),
    });
    const width = GRADE_COLUMN_TITLES.en.length;
    const beside = out.grades.sheet === block.sheetName;
    const filterAddress = beside
      ? `${columnName(block.left)}${block.top + 1}:${columnName(block.left + block.columnCount + width - 1)}${block.top + block.rowCount}`
      : `A1:${columnName(width - 1)}${result.transactions.rowCount + 1}`;
    return {
      ok: true,
      graded: { sheetName: out.grades.sheet, filterAddress, segmentColumn: beside ? block.columnCount + 4 : 4, lang },
      report: {
        asOf: asOfText(result),
        summary: result.summary,
        rows: result.report,
        written: { gradeColumns: out.gradeRange ?? out.grades.sheet, customers: out.names.customers, summary: out.names.summary, method: out.names.method, ...(out.formulaSheets.length ? { formulaSheets: out.formulaSheets } : {}) },
        notes: [...notes, ...out.notes],
        period: gradedPeriod(result),
        clv: extras.clv ? clvTotals(result, extras.clv) : undefined,
        clusters: clusterProfiles(extras),
        trends: trendCounts(extras),
        migrationFrom,
        replaced: out.replaced,
        snapshots: out.snapshots,
      },
    };
  } catch (error) {
    const failure = error instanceof WriteFailure ? error : new WriteFailure(error, false, []);
    const cancelled = failure.reason instanceof CancelledError;
    const message = cancelled ? NOTES[lang].cancelled : failure.undone ? NOTES[lang].failed(failure.message) : NOTES[lang].rollbackFailed(failure.created.join(", "));
    return { ok: false, response: { ok: false, cancelled, issues: [{ row: 0, column: "", code: cancelled ? "cancelled" : "write_failed", message }] } };
  }
}

/** Trend and activity for every grade; k-means clusters when asked (true = choose k by silhouette). */
function computeExtras(result: GradeResult, clusters: boolean | number | undefined): PlanExtras {
  return { trends: customerTrends(result), clustering: clusters ? clusterCustomers(result, { k: typeof clusters === "number" ? clusters : undefined }) : null };
}

function editedQuestion(edited: string[]): RegradeQuestion {
  const list = edited.join(", ");
  return {
    code: "outputs_edited",
    edited,
    message: `Results of the last grade of this data were changed since they were written (${list}). Replace them in place, or keep them and write the new results beside them?`,
    zh: `上次对这些数据分级的结果在写入后被修改过（${list}）。要原位替换，还是保留它们并另写一份新结果？`,
  };
}
