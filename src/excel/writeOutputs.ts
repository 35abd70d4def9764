/**
 * Writes a grade's outputs — grade columns, Customers, Summary, Method (and the formula sheets) — as
 * one undoable step. A first grade makes new sheets with free names. A regrade of the same source
 * writes into its previous sheets and grade columns (same names, same positions, same columns, so
 * formulas pointing at them keep working): each old output is first copied to a hidden backup sheet,
 * then cleared and rewritten; on cancel or failure the copies go back and new sheets are deleted.
 * Cells the add-in did not write are never touched: a reused sheet whose remaining cells (the user's)
 * would be overwritten by the new layout is left as it was, and that output goes to a new sheet.
 */
import type { Lang } from "../engine/common/types";
import { blockExtent, boxAddress, writePlan } from "./writePlan";
import { blockHeight, type SheetPlan, type WorkbookPlan } from "../engine/report/workbookPlan";
import { GRADE_COLUMN_TITLES } from "../engine/report/transactionGrades";
import { FORMULA_SHEETS } from "../engine/export/formulaSheets";
import type { GradeProgress } from "./host";
import { isSetSupported } from "./requirements";
import type { Block } from "./selection";
import { freeSheetName } from "./writeBlocks";
import { backupSheet, copyBox, saveRecord, fingerprint, usedBox, type Box, type BoxCopy, type OutputRecord, type PreviousOutputs, type SheetRecord } from "./regrade";

export const SHEET_NAMES = {
  en: { customers: "Customers", summary: "Summary", method: "Method", grades: "Grades" },
  zh: { customers: "客户", summary: "汇总", method: "方法", grades: "分级结果" },
};

export type SheetNames = Record<"customers" | "summary" | "method" | "breaks" | "map", string>;
export type GradePlacement = { sheet: string; top: number; left: number; header: boolean };

const ROLE_OF_NAME: Record<keyof SheetNames, string> = { customers: "customers", summary: "summary", method: "method", breaks: "breaks", map: "segmentMap" };

const TEXT = {
  en: {
    notEmpty: (range: string, sheet: string) => `The cells to the right of your data (${range}) were not empty, so the grade columns went to the new sheet "${sheet}", row for row.`,
    userCells: (sheet: string, to: string) => `"${sheet}" has cells of yours where the new results would go, so it was left as it was and the new results went to "${to}".`,
    tableRefs: (table: string) => `The table "${table}" was rebuilt: formulas that used its column names now use cell references to the same cells (this Excel cannot resize a table, ExcelApi 1.13).`,
  },
  zh: {
    notEmpty: (range: string, sheet: string) => `数据右侧的单元格（${range}）不为空，分级列已逐行写入新工作表“${sheet}”。`,
    userCells: (sheet: string, to: string) => `“${sheet}”中新结果要写入的位置有您自己的单元格，因此该表保持不变，新结果写入了“${to}”。`,
    tableRefs: (table: string) => `表格“${table}”已重建：引用其列名的公式已改为引用相同的单元格（此版本的 Excel 不支持调整表格大小，需要 ExcelApi 1.13）。`,
  },
};

export interface OutputsJob {
  block: Block;
  hasHeader: boolean;
  lang: Lang;
  dateSystem: 1900 | 1904;
  dataRows: number;
  signal: AbortSignal;
  onProgress: (p: GradeProgress) => void;
  /** The previous outputs of this source to replace in place, or null for new sheets. */
  previous: PreviousOutputs | null;
  /** Keep the previous Customers and Summary as values on dated sheets before replacing. */
  snapshot: boolean;
  asOf: string;
  source: OutputRecord["source"];
  build: (grades: GradePlacement, names: SheetNames) => WorkbookPlan;
}

export interface OutputsWritten {
  grades: GradePlacement;
  gradeRange: string | null;
  names: SheetNames;
  notes: string[];
  record: OutputRecord;
  snapshots: string[];
  replaced: boolean;
  /** With formulas on: the Breaks and Segment map sheets written. */
  formulaSheets: string[];
}

export class WriteFailure extends Error {
  constructor(readonly reason: unknown, readonly undone: boolean, readonly created: string[]) {
    super(String((reason as Error)?.message ?? reason));
  }
}

const overlaps = (a: Box, b: Box) => a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.cols && b.left < a.left + a.cols;

/** Every rectangle a plan sheet writes to: its blocks and its charts. */
function extents(sheet: SheetPlan): Box[] {
  return [...sheet.blocks.map(blockExtent), ...sheet.charts.map((c) => ({ top: c.anchor.row, left: c.anchor.col, rows: c.size.rows, cols: c.size.cols }))];
}

/** A snapshot sheet's name: the old name and its as-of date, within Excel's 31 characters. */
const snapshotName = (name: string, asOf: string) => `${name.slice(0, 31 - asOf.length - 1)} ${asOf}`;

export async function writeOutputs(context: Excel.RequestContext, job: OutputsJob): Promise<OutputsWritten> {
  const { block, lang, signal, previous } = job;
  const text = TEXT[lang];
  const notes: string[] = [];
  const created: string[] = [];
  const snapshots: string[] = [];
  /** In-place changes to undo on failure, newest last. */
  const undo: (() => Promise<void>)[] = [];
  const sheets = context.workbook.worksheets;
  const width = GRADE_COLUMN_TITLES.en.length;
  let gradeRange: string | null = null;
  try {
    job.onProgress({ phase: "writing", done: 0, total: 1 });
    const reused = new Map<string, SheetRecord>(); // by role
    let backup: string | null = null;
    let backupRow = 0;
    const keep = async (sheet: string, box: Box): Promise<BoxCopy> => {
      if (!backup) {
        backup = await backupSheet(context);
        created.push(backup);
      }
      const copy = await copyBox(context, { sheet, box }, { sheet: backup, top: backupRow, left: 0 }, "formulas", signal);
      backupRow += box.rows;
      return copy;
    };

    // 1. Snapshots of the previous Customers and Summary, as values.
    if (previous && job.snapshot)
      for (const role of ["customers", "summary"]) {
        const old = previous.present.get(role);
        if (!old) continue;
        const name = await freeSheetName(context, snapshotName(old.name, previous.record.asOf));
        sheets.add(name);
        created.push(name);
        await context.sync();
        await copyBox(context, { sheet: old.name, box: old.used }, { sheet: name, top: old.used.top, left: old.used.left }, "values", signal);
        snapshots.push(name);
      }

    // 2. The previous outputs, kept in the backup and cleared (charts stay until the new ones are written).
    /** Puts one replaced sheet back as it was (its cells, and its tables when they were converted). */
    const putBack = new Map<string, () => Promise<void>>();
    const keepTables = isSetSupported("ExcelApi", "1.13"); // else a table is converted to cells and made again
    if (previous) {
      for (const old of previous.present.values()) {
        const copy = await keep(old.name, old.used);
        const range = sheets.getItem(old.name).getRangeByIndexes(old.used.top, old.used.left, old.used.rows, old.used.cols);
        if (!keepTables) for (const table of old.tables) context.workbook.tables.getItem(table.name).convertToRange();
        // Without copyFrom (ExcelApi 1.9) the backup holds values and formulas only, so number formats stay in place.
        const clearing = isSetSupported("ExcelApi", "1.9") ? "All" : "Contents";
        range.conditionalFormats.clearAll();
        range.clear(clearing);
        await context.sync();
        reused.set(old.role, old);
        const back = async () => {
          sheets.getItem(old.name).getRangeByIndexes(old.used.top, old.used.left, old.used.rows, old.used.cols).clear(clearing);
          await copy.restore();
          if (!keepTables)
            for (const t of old.tables) {
              const table = sheets.getItem(old.name).tables.add(t.address, true);
              table.name = t.name;
            }
          await context.sync();
        };
        putBack.set(old.name, back);
        undo.push(() => (putBack.has(old.name) ? back() : Promise.resolve()));
      }
      const g = previous.record.gradeColumns;
      if (g && previous.gradeColumnsPresent && g.sheet === block.sheetName) {
        const copy = await keep(g.sheet, g.box);
        sheets.getItem(g.sheet).getRangeByIndexes(g.box.top, g.box.left, g.box.rows, g.box.cols).clear(isSetSupported("ExcelApi", "1.9") ? "All" : "Contents");
        await context.sync();
        undo.push(() => copy.restore());
      }
    }

    // 3. Where the grade columns go: beside the data if those cells are empty (they are ours again after step 2), else the previous Grades sheet, else a new one.
    const target = sheets.getItem(block.sheetName).getRangeByIndexes(block.top, block.left + block.columnCount, block.rowCount, width);
    const used = target.getUsedRangeOrNullObject(true);
    used.load("address");
    await context.sync();
    let grades: GradePlacement = { sheet: block.sheetName, top: block.top, left: block.left + block.columnCount, header: job.hasHeader };
    if (!used.isNullObject) {
      const own = reused.get("grades");
      const name = own ? own.name : await freeSheetName(context, SHEET_NAMES[lang].grades);
      if (!own) {
        sheets.add(name);
        created.push(name);
      }
      notes.push(text.notEmpty(used.address, name));
      grades = { sheet: name, top: 0, left: 0, header: true };
    } else gradeRange = `${block.sheetName}!${boxAddress(block.top, block.left + block.columnCount, block.rowCount, width)}`;
    const gradesSheet = reused.get("grades");
    if (gradesSheet && gradesSheet.name !== grades.sheet) {
      await putBack.get(gradesSheet.name)!(); // grades are beside the data again: the old Grades sheet stays as it was
      putBack.delete(gradesSheet.name);
      reused.delete("grades");
    }

    // 4. Sheet names: the previous ones, else free ones. A reused sheet whose remaining cells (the user's) are in the new layout's way is put back as it was, and that output goes to a new sheet.
    const base = { ...SHEET_NAMES[lang], breaks: FORMULA_SHEETS[lang].breaks, map: FORMULA_SHEETS[lang].map };
    const keys = Object.keys(ROLE_OF_NAME) as (keyof SheetNames)[];
    const names = {} as SheetNames;
    for (const key of keys) names[key] = reused.get(ROLE_OF_NAME[key])?.name ?? (await freeSheetName(context, base[key]));
    for (const sheetPlan of job.build(grades, names).sheets) {
      const key = keys.find((k) => names[k] === sheetPlan.name);
      const old = key ? reused.get(ROLE_OF_NAME[key]) : undefined;
      if (!key || !old) continue;
      const left = await usedBox(context, old.name);
      if (left && extents(sheetPlan).some((e) => overlaps(e, left))) {
        await putBack.get(old.name)!();
        putBack.delete(old.name);
        reused.delete(old.role);
        names[key] = await freeSheetName(context, base[key]);
        notes.push(text.userCells(old.name, names[key]));
      }
    }
    // Reused sheets the new plan has no place for (e.g. Breaks when formulas are off now) are put back as they were.
    const plan = job.build(grades, names);
    for (const old of [...reused.values()])
      if (!plan.sheets.some((s) => s.name === old.name)) {
        await putBack.get(old.name)!();
        putBack.delete(old.name);
        reused.delete(old.role);
      }
    for (const sheetPlan of plan.sheets) {
      if (sheetPlan.existing || [...reused.values()].some((r) => r.name === sheetPlan.name)) continue;
      sheets.add(sheetPlan.name);
      created.push(sheetPlan.name);
    }
    await context.sync();
    const resizeTables = new Map<string, string>(); // plan table name → the kept table (ExcelApi 1.13)
    if (keepTables)
      for (const old of reused.values()) {
        const sheetPlan = plan.sheets.find((s) => s.name === old.name);
        sheetPlan?.blocks.filter((b) => b.table).forEach((b, k) => old.tables[k] && resizeTables.set(b.table!, old.tables[k].name));
      }
    if (!keepTables) for (const old of reused.values()) for (const t of old.tables) notes.push(text.tableRefs(t.name));

    // 5. Write the plan; then drop the previous charts, resize kept tables, record what was written.
    const steps = plan.sheets.length;
    job.onProgress({ phase: "writing", done: 0, total: steps });
    const written = await writePlan(context, plan, { signal, dateSystem: job.dateSystem, existingTables: resizeTables, onSheet: (done) => job.onProgress({ phase: "writing", done, total: steps }) });
    for (const old of reused.values()) {
      const charts = sheets.getItem(old.name).charts;
      for (const name of old.charts) charts.getItem(name).delete();
    }
    await context.sync();

    const record: OutputRecord = { version: 1, source: job.source, asOf: job.asOf, written: new Date().toISOString(), gradeColumns: null, sheets: [] };
    for (const w of written) {
      if (w.plan.existing && w.plan.name === block.sheetName) continue;
      const box = await usedBox(context, w.name);
      if (!box) continue;
      const charts = sheets.getItem(w.name).charts;
      charts.load("items/name");
      await context.sync();
      const tables = w.plan.blocks.filter((b) => b.table).map((b, k) => {
        const e = blockExtent(b);
        return { name: w.tables[k], address: boxAddress(e.top + (b.title ? 1 : 0), e.left, e.rows - (b.title ? 1 : 0), e.cols) };
      });
      const role = w.plan.role === "data" ? "grades" : w.plan.role;
      record.sheets.push({ role, name: w.name, used: box, fingerprint: await fingerprint(context, w.name, box, signal), tables, charts: charts.items.map((c) => c.name) });
    }
    const data = plan.sheets.find((s) => s.role === "data");
    if (data) {
      const b = data.blocks[0];
      const box = { top: b.top, left: b.left, rows: blockHeight(b), cols: b.columns.length };
      record.gradeColumns = { sheet: data.name, box, fingerprint: await fingerprint(context, data.name, box, signal) };
    }
    await saveRecord(context, record);
    if (backup) {
      sheets.getItem(backup).delete();
      await context.sync();
      created.splice(created.indexOf(backup), 1);
    }
    const formulaSheets = plan.sheets.filter((sp) => sp.role === "breaks" || sp.role === "segmentMap").map((sp) => sp.name);
    return { grades, gradeRange, names, notes, record, snapshots, replaced: reused.size > 0, formulaSheets };
  } catch (error) {
    const undone = await rollBack(context, created, gradeRange, undo);
    throw new WriteFailure(error, undone, created);
  }
}

/**
 * Undoes a failed or cancelled write: deletes the sheets made (the backup last: it holds the copies
 * put back first), clears the new grade columns, and puts the replaced outputs back. A failed batch
 * may have been applied in part, so it looks up which sheets exist first.
 */
async function rollBack(context: Excel.RequestContext, created: string[], gradeRange: string | null, undo: (() => Promise<void>)[]): Promise<boolean> {
  try {
    const sheets = context.workbook.worksheets;
    if (gradeRange) {
      const bang = gradeRange.lastIndexOf("!");
      sheets.getItem(gradeRange.slice(0, bang)).getRange(gradeRange.slice(bang + 1)).clear("Contents");
      await context.sync();
    }
    for (let i = undo.length - 1; i >= 0; --i) await undo[i]();
    sheets.load("items/name");
    await context.sync();
    const present = new Set(sheets.items.map((s) => s.name));
    for (const name of created) if (present.has(name)) sheets.getItem(name).delete();
    await context.sync();
    return true;
  } catch {
    return false;
  }
}
