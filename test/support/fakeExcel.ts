/**
 * A fake Excel host for the adapter's tests: the subset of the Excel JavaScript API that src/excel/
 * uses, with Office.js's batching rules (loads and writes are queued and happen at `context.sync()`;
 * reading a property that was not loaded and synced throws, as in Excel). It counts syncs and
 * measures the JSON bytes each sync carries, and can fail a chosen sync.
 */
import type { Cell } from "../../src/engine/common/types";

export const REQUEST_LIMIT = 5 * 1024 * 1024;
const encoder = new TextEncoder();
const bytesOf = (v: unknown) => encoder.encode(JSON.stringify(v)).length;

/** Column letters ↔ indexes. */
export function letters(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
function letterIndex(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface Box { top: number; left: number; rows: number; cols: number }

/** A sheet name as Excel writes it in an address: quoted (quotes doubled) unless plain. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function parseAddress(address: string): Box {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b = a] = local.replace(/\$/g, "").split(":");
  const pa = /^([A-Z]+)(\d+)$/i.exec(a)!, pb = /^([A-Z]+)(\d+)$/i.exec(b)!;
  const top = Number(pa[2]) - 1, left = letterIndex(pa[1]);
  return { top, left, rows: Number(pb[2]) - top, cols: letterIndex(pb[1]) - left + 1 };
}

export interface FakeSeries { name: string; values: string; xValues?: string }
export interface FakeChart {
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  /** Excel's name for the chart ("Chart 1", …), unique in the workbook. */
  name: string;
  /** Series as set through the 1.7 series API; "Sheet!A1:A5" addresses. */
  series: FakeSeries[];
  position?: [string, string];
  legendVisible?: boolean;
  xTitle?: string;
  yTitle?: string;
  valueFormat?: string;
  xMax?: number;
  yMax?: number;
}
export interface FakeTable { name: string; address: string; hasHeaders: boolean; style?: string }
export interface FakeConditionalFormat { address: string; type: string; criteria?: unknown; fillColor?: string }

/** Number formats by "row:col", kept by column (a full sheet's worth stays small). */
export class CellFormats {
  private readonly byColumn = new Map<number, (string | undefined)[]>();
  private key(k: string): [number, number] {
    const [r, c] = k.split(":").map(Number);
    return [r, c];
  }
  get(k: string): string | undefined {
    const [r, c] = this.key(k);
    return this.byColumn.get(c)?.[r];
  }
  set(k: string, f: string): this {
    const [r, c] = this.key(k);
    let col = this.byColumn.get(c);
    if (!col) this.byColumn.set(c, (col = []));
    col[r] = f;
    return this;
  }
  delete(k: string): boolean {
    const [r, c] = this.key(k);
    const col = this.byColumn.get(c);
    if (!col || col[r] === undefined) return false;
    col[r] = undefined;
    return true;
  }
  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const [c, col] of this.byColumn) for (let r = 0; r < col.length; ++r) if (col[r] !== undefined) yield [`${r}:${c}`, col[r]!];
  }
}

export class FakeSheet {
  /** Values by column; a hole is an empty cell. */
  readonly columns = new Map<number, Cell[]>();
  readonly formats = new CellFormats();
  readonly tables: FakeTable[] = [];
  readonly charts: FakeChart[] = [];
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly bold = new Set<string>();
  /** Cells with wrapped text ("row:col"). */
  readonly wrapped = new Set<string>();
  /** Column widths in points by 0-based column (format.columnWidth). */
  readonly columnWidths = new Map<number, number>();
  /** Merged areas, "A1:C1" (range.merge; across = one area per row). */
  readonly merged: string[] = [];
  /** Hyperlinks by "row:col". */
  readonly links = new Map<string, { documentReference?: string; address?: string; textToDisplay?: string }>();
  frozenRows = 0;
  frozenColumns = 0;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  autoFilter: { address: string; column: number; criteria: unknown } | null = null;
  /** Columns written to since the sheet was made (to check that nothing was overwritten). */
  readonly writtenColumns = new Set<number>();

  constructor(public name: string, private readonly generator?: { rows: number; cols: number; cell: (r: number, c: number) => Cell }) {}

  get(r: number, c: number): Cell {
    const stored = this.columns.get(c)?.[r];
    if (stored !== undefined) return stored;
    if (this.generator && r < this.generator.rows && c < this.generator.cols) return this.generator.cell(r, c);
    return "";
  }

  set(r: number, c: number, v: Cell): void {
    let col = this.columns.get(c);
    if (!col) this.columns.set(c, (col = []));
    col[r] = v;
    this.writtenColumns.add(c);
  }

  /** Bounding box of the non-empty cells, or null. */
  used(): Box | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    if (this.generator && this.generator.rows > 0) {
      top = 0; left = 0; bottom = this.generator.rows - 1; right = this.generator.cols - 1;
    }
    for (const [c, col] of this.columns)
      col.forEach((v, r) => {
        if (v === "" || v === null || v === undefined) return;
        top = Math.min(top, r); bottom = Math.max(bottom, r); left = Math.min(left, c); right = Math.max(right, c);
      });
    return bottom < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  /** Bounding box of the non-empty cells inside `b`, or null (generated cells are never empty). */
  usedWithin(b: Box): Box | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    const g = this.generator;
    if (g) {
      const t = b.top, l = b.left, bt = Math.min(b.top + b.rows, g.rows) - 1, rt = Math.min(b.left + b.cols, g.cols) - 1;
      if (bt >= t && rt >= l) ((top = t), (left = l), (bottom = bt), (right = rt));
    }
    for (const [c, col] of this.columns) {
      if (c < b.left || c >= b.left + b.cols) continue;
      const end = Math.min(col.length, b.top + b.rows);
      for (let r = b.top; r < end; ++r) {
        const v = col[r];
        if (v === "" || v === null || v === undefined) continue;
        top = Math.min(top, r); bottom = Math.max(bottom, r); left = Math.min(left, c); right = Math.max(right, c);
      }
    }
    return bottom < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  /** The stored values of a box (for assertions). */
  values(address: string): Cell[][] {
    const b = parseAddress(address);
    return Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.cols }, (_, k) => this.get(b.top + i, b.left + k)));
  }
}

export interface SyncRecord { bytes: number; reads: number; writes: number }

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, string>();
  selection: { sheet: string; address: string } = { sheet: "Sheet1", address: "A1" };
  dateSystem: 1900 | 1904 = 1900;
  activeSheet = "Sheet1";
  readonly syncs: SyncRecord[] = [];
  /** Called before each sync is applied with its 1-based number; throw to make it fail. */
  failSync: (n: number) => void = () => {};
  calculationSuspensions = 0;
  /** Every sync tried, failed ones included. */
  syncAttempts = 0;
  /** Charts made so far (Excel names them "Chart 1", "Chart 2", … across the workbook). */
  chartCount = 0;
  /** Requirement sets the fake Office reports as supported: ExcelApi up to this minor version. */
  excelApi = 1.7;

  addSheet(name: string, generator?: { rows: number; cols: number; cell: (r: number, c: number) => Cell }): FakeSheet {
    const sheet = new FakeSheet(name, generator);
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw Object.assign(new Error(`The requested resource doesn't exist: ${name}`), { code: "ItemNotFound" });
    return s;
  }

  /** Sheet with rows of cells written at A1. */
  addTable(name: string, rows: Cell[][]): FakeSheet {
    const sheet = this.addSheet(name);
    rows.forEach((row, r) => row.forEach((v, c) => v !== "" && v !== null && v !== undefined && sheet.set(r, c, v)));
    sheet.writtenColumns.clear();
    return sheet;
  }

  /**
   * Merges a range as Excel does: only the top-left value is kept, so range.values gives the other
   * cells blank (what the add-in reads from a merged order amount).
   */
  merge(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    const b = parseAddress(address);
    for (let r = b.top; r < b.top + b.rows; ++r)
      for (let c = b.left; c < b.left + b.cols; ++c) if (r !== b.top || c !== b.left) sheet.set(r, c, "");
    sheet.writtenColumns.clear();
  }

  get maxSyncBytes(): number {
    return this.syncs.reduce((m, s) => Math.max(m, s.bytes), 0);
  }

  /** `Office` as the adapter sees it: only the requirement-set check. */
  office(): { context: { requirements: { isSetSupported: (name: string, version?: string) => boolean } } } {
    return { context: { requirements: { isSetSupported: (name, version = "1.1") => name === "ExcelApi" && Number(version) <= this.excelApi + 1e-9 } } };
  }

  /** Every table of the workbook, with its sheet. */
  allTables(): { sheet: FakeSheet; table: FakeTable }[] {
    return this.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
  }

  /** `Excel` as the adapter sees it: only `run` is needed. */
  excel(): { run: <T>(cb: (context: unknown) => Promise<T>) => Promise<T> } {
    return { run: (cb) => cb(new FakeContext(this)) };
  }
}

type Op = { kind: "read" | "write"; run: () => unknown };

class NotLoaded extends Error {
  code = "PropertyNotLoaded";
}

class FakeContext {
  private queue: Op[] = [];
  readonly workbook: unknown;

  constructor(private readonly book: FakeWorkbook) {
    const ctx = this;
    this.workbook = {
      getSelectedRange: () => new FakeRange(ctx, book.selection.sheet, parseAddress(book.selection.address)),
      functions: {
        date: (y: number, m: number, d: number) => {
          const result = new Loadable(ctx, () => {
            const days = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
            return { value: book.dateSystem === 1904 ? days - 1462 : days };
          });
          return result;
        },
      },
      worksheets: new FakeWorksheets(ctx, book),
      tables: new FakeTables(ctx, book),
      application: { suspendApiCalculationUntilNextSync: () => ctx.enqueue("write", () => void ++book.calculationSuspensions) },
      settings: {
        getItemOrNullObject: (key: string) => new Loadable(ctx, () => (book.settings.has(key) ? { isNullObject: false, value: book.settings.get(key) } : { isNullObject: true, value: undefined })),
        add: (key: string, value: string) => ctx.enqueue("write", () => (book.settings.set(key, value), bytesOf(value))),
      },
    };
  }

  get wb(): FakeWorkbook {
    return this.book;
  }

  enqueue(kind: "read" | "write", run: () => unknown): void {
    this.queue.push({ kind, run });
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const n = ++this.book.syncAttempts;
    this.book.failSync(n);
    let bytes = 0, reads = 0, writes = 0;
    for (const op of ops) {
      const size = op.run();
      if (typeof size === "number") bytes += size;
      if (op.kind === "read") ++reads;
      else ++writes;
    }
    this.book.syncs.push({ bytes, reads, writes });
    if (bytes > REQUEST_LIMIT) throw Object.assign(new Error(`Payload of ${bytes} bytes is over the 5 MB limit`), { code: "RequestPayloadSizeLimitExceeded" });
    await Promise.resolve();
  }
}

/** An object whose properties come from `fetch` at the next sync after `load`. */
class Loadable {
  private data: Record<string, unknown> | null = null;
  constructor(private readonly ctx: FakeContext, private readonly fetch: () => Record<string, unknown>) {
    return new Proxy(this, {
      get: (target, prop, receiver) => {
        if (prop in target || typeof prop === "symbol") return Reflect.get(target, prop, receiver);
        if (!target.data) throw new NotLoaded(`Property ${String(prop)} was not loaded`);
        return target.data[prop];
      },
    });
  }
  load(): this {
    this.ctx.enqueue("read", () => {
      this.data = this.fetch();
      return bytesOf(this.data);
    });
    return this;
  }
}

const overlaps = (a: Box, b: Box) => a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.cols && b.left < a.left + a.cols;

/** A table as the API hands it out: setters and methods are queued like every other write. */
class FakeTableObject {
  constructor(private readonly ctx: FakeContext, private readonly get: () => FakeTable | undefined) {}
  private table(): FakeTable {
    const t = this.get();
    if (!t) throw Object.assign(new Error("The table doesn't exist"), { code: "ItemNotFound" });
    return t;
  }
  set name(n: string) {
    this.ctx.enqueue("write", () => {
      if (this.ctx.wb.allTables().some(({ table }) => table !== this.table() && table.name.toLowerCase() === n.toLowerCase())) throw Object.assign(new Error(`A table named ${n} exists`), { code: "InvalidArgument" });
      this.table().name = n;
    });
  }
  set style(v: string) {
    this.ctx.enqueue("write", () => void (this.table().style = v));
  }
  /** ExcelApi 1.13. */
  resize(address: string): void {
    this.ctx.enqueue("write", () => void (this.table().address = address));
  }
  /** ExcelApi 1.2: the cells stay, the table goes. */
  convertToRange(): void {
    this.ctx.enqueue("write", () => {
      const t = this.table();
      for (const s of this.ctx.wb.sheets) if (s.tables.includes(t)) s.tables.splice(s.tables.indexOf(t), 1);
    });
  }
}

class FakeTables {
  items: { name: string }[] = [];
  constructor(private readonly ctx: FakeContext, private readonly book: FakeWorkbook) {}
  load(): this {
    this.ctx.enqueue("read", () => {
      this.items = this.book.allTables().map(({ table }) => ({ name: table.name }));
      return bytesOf(this.items);
    });
    return this;
  }
  getItem(name: string): FakeTableObject {
    return new FakeTableObject(this.ctx, () => this.book.allTables().find(({ table }) => table.name.toLowerCase() === name.toLowerCase())?.table);
  }
}

class FakeWorksheets {
  items: FakeWorksheet[] = [];
  private loaded = false;
  constructor(private readonly ctx: FakeContext, private readonly book: FakeWorkbook) {}
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, name);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, name, false, true);
  }
  add(name: string): FakeWorksheet {
    this.ctx.enqueue("write", () => {
      if (this.book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw Object.assign(new Error(`A sheet named ${name} exists`), { code: "ItemAlreadyExists" });
      this.book.addSheet(name);
      return bytesOf(name);
    });
    return new FakeWorksheet(this.ctx, name);
  }
  load(): this {
    this.ctx.enqueue("read", () => {
      this.items = this.book.sheets.map((s) => new FakeWorksheet(this.ctx, s.name, true));
      this.loaded = true;
      return bytesOf(this.book.sheets.map((s) => s.name));
    });
    return this;
  }
}

class FakeWorksheet {
  private nameLoaded: boolean;
  private resolvedNull: boolean | undefined;
  constructor(private readonly ctx: FakeContext, private readonly sheetName: string, loaded = false, private readonly nullable = false) {
    this.nameLoaded = loaded;
  }
  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.resolvedNull === undefined) throw new NotLoaded("isNullObject was not loaded");
    return this.resolvedNull;
  }
  private get sheet(): FakeSheet {
    return this.ctx.wb.sheet(this.sheetName);
  }
  get name(): string {
    if (!this.nameLoaded) throw new NotLoaded("name was not loaded");
    return this.sheetName;
  }
  load(): this {
    this.ctx.enqueue("read", () => {
      if (this.nullable) this.resolvedNull = !this.ctx.wb.sheets.some((s) => s.name.toLowerCase() === this.sheetName.toLowerCase());
      this.nameLoaded = true;
      return bytesOf(this.sheetName);
    });
    return this;
  }
  getRangeByIndexes(top: number, left: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, { top, left, rows, cols });
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, parseAddress(address));
  }
  getUsedRange(): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, null, () => {
      const used = this.sheet.used();
      if (!used) throw Object.assign(new Error("The worksheet is empty"), { code: "ItemNotFound" });
      return used;
    });
  }
  getUsedRangeOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, null, () => this.sheet.used());
  }
  activate(): void {
    this.ctx.enqueue("write", () => void (this.ctx.wb.activeSheet = this.sheetName));
  }
  delete(): void {
    this.ctx.enqueue("write", () => {
      const list = this.ctx.wb.sheets;
      list.splice(list.indexOf(this.sheet), 1);
    });
  }
  get tables() {
    return {
      add: (address: string, hasHeaders: boolean) => {
        const table: FakeTable = { name: "", address, hasHeaders, style: undefined };
        this.ctx.enqueue("write", () => {
          const b = parseAddress(address);
          for (const t of this.sheet.tables) if (overlaps(parseAddress(t.address), b)) throw Object.assign(new Error(`A table can't overlap another table (${t.name})`), { code: "InvalidOperation" });
          table.name = `Table${this.ctx.wb.allTables().length + 1}`;
          this.sheet.tables.push(table);
        });
        return new FakeTableObject(this.ctx, () => table);
      },
      load: (): unknown => undefined,
    };
  }
  private chartCollection: unknown;
  get charts() {
    return (this.chartCollection ??= this.makeCharts()) as ReturnType<FakeWorksheet["makeCharts"]>;
  }
  private makeCharts() {
    const ctx = this.ctx;
    const sheetName = this.sheetName;
    const collection = {
      items: [] as { name: string; delete(): void }[],
      add: (type: string, source: FakeRange, seriesBy: string) => {
        const chart: FakeChart = { type, source: source.box ? boxAddress(source.box) : "?", seriesBy, title: "", name: "", series: [] };
        const single = source.box && source.box.cols === 1;
        if (single) chart.series.push({ name: "", values: `${source.sheetName}!${boxAddress(source.box!)}` });
        ctx.enqueue("write", () => {
          chart.name = `Chart ${++ctx.wb.chartCount}`;
          ctx.wb.sheet(sheetName).charts.push(chart);
        });
        const seriesObject = (get: () => FakeSeries) => ({
          set name(n: string) { ctx.enqueue("write", () => void (get().name = n)); },
          setValues: (r: FakeRange) => ctx.enqueue("write", () => void (get().values = `${r.sheetName}!${boxAddress(r.box!)}`)),
          setXAxisValues: (r: FakeRange) => ctx.enqueue("write", () => void (get().xValues = `${r.sheetName}!${boxAddress(r.box!)}`)),
        });
        return {
          title: { set text(t: string) { chart.title = t; } },
          legend: { set visible(v: boolean) { chart.legendVisible = v; } },
          setPosition: (a: string, b: string) => void (chart.position = [a, b]),
          series: {
            getItemAt: (i: number) => seriesObject(() => {
              if (!chart.series[i]) throw Object.assign(new Error(`No series ${i}`), { code: "ItemNotFound" });
              return chart.series[i];
            }),
            add: (name: string) => {
              const series: FakeSeries = { name, values: "" };
              ctx.enqueue("write", () => void chart.series.push(series));
              return seriesObject(() => series);
            },
          },
          axes: {
            categoryAxis: { title: { set text(t: string) { chart.xTitle = t; } }, set maximum(v: number) { chart.xMax = v; } },
            valueAxis: { title: { set text(t: string) { chart.yTitle = t; } }, set numberFormat(f: string) { chart.valueFormat = f; }, set maximum(v: number) { chart.yMax = v; } },
          },
        };
      },
      load: () => {
        ctx.enqueue("read", () => {
          collection.items = ctx.wb.sheet(sheetName).charts.map((c) => ({ name: c.name, delete: () => {} }));
          return bytesOf(collection.items.map((c) => c.name));
        });
        return collection;
      },
      getItem: (name: string) => ({
        delete: () =>
          ctx.enqueue("write", () => {
            const list = ctx.wb.sheet(sheetName).charts;
            const at = list.findIndex((c) => c.name === name);
            if (at < 0) throw Object.assign(new Error(`No chart ${name}`), { code: "ItemNotFound" });
            list.splice(at, 1);
          }),
      }),
    };
    return collection;
  }
  get freezePanes() {
    const set = (rows: number, cols: number) => this.ctx.enqueue("write", () => void ((this.sheet.frozenRows = rows), (this.sheet.frozenColumns = cols)));
    return {
      freezeRows: (n: number) => set(n, 0),
      freezeColumns: (n: number) => set(0, n),
      freezeAt: (range: FakeRange) => set(range.box!.top + range.box!.rows, range.box!.left + range.box!.cols),
      unfreeze: () => set(0, 0),
    };
  }
  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this.ctx.enqueue("write", () => void (this.sheet.visibility = v));
  }
  set position(p: number) {
    this.ctx.enqueue("write", () => {
      const list = this.ctx.wb.sheets;
      const sheet = this.sheet;
      list.splice(list.indexOf(sheet), 1);
      list.splice(Math.min(p, list.length), 0, sheet);
    });
  }
  get autoFilter() {
    return {
      apply: (range: FakeRange, column: number, criteria: unknown) =>
        this.ctx.enqueue("write", () => void (this.sheet.autoFilter = { address: boxAddress(range.box!), column, criteria })),
    };
  }
}

/** A1 address of a box; a single cell is "C5", as Excel gives it. */
const boxAddress = (b: Box) => (b.rows === 1 && b.cols === 1 ? `${letters(b.left)}${b.top + 1}` : `${letters(b.left)}${b.top + 1}:${letters(b.left + b.cols - 1)}${b.top + b.rows}`);

class FakeRange {
  private loadedValues: Cell[][] | null = null;
  private loadedFormats: string[][] | null = null;
  private loadedFormulas: Cell[][] | null = null;
  private meta: { address: string; rowIndex: number; columnIndex: number; rowCount: number; columnCount: number } | null = null;
  private resolvedNull: boolean | null = null;

  constructor(private readonly ctx: FakeContext, readonly sheetName: string, public box: Box | null, private readonly resolve?: () => Box | null) {}

  target(): Box | null {
    if (this.resolve) this.box = this.resolve();
    return this.box;
  }
  get sheet(): FakeSheet {
    return this.ctx.wb.sheet(this.sheetName);
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, this.sheetName);
  }
  load(props: string): this {
    this.ctx.enqueue("read", () => {
      const b = this.target();
      this.resolvedNull = b === null;
      if (!b) return 4;
      this.meta = { address: `${sheetRef(this.sheetName)}!${boxAddress(b)}`, rowIndex: b.top, columnIndex: b.left, rowCount: b.rows, columnCount: b.cols };
      const wanted = props.split(",").map((p) => p.trim());
      let bytes = 0;
      if (wanted.includes("numberFormat")) {
        const formats = this.sheet.formats;
        this.loadedFormats = Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.cols }, (_, k) => formats.get(`${b.top + i}:${b.left + k}`) ?? "General"));
        bytes += bytesOf(this.loadedFormats);
      }
      if (wanted.includes("values")) {
        this.loadedValues = this.sheet.values(boxAddress(b));
        bytes += bytesOf(this.loadedValues);
      }
      if (wanted.includes("formulas")) {
        this.loadedFormulas = this.sheet.values(boxAddress(b)).map((row) => row.map((v) => (typeof v === "string" && v.startsWith("FORMULA:") ? v.slice(8) : v)));
        bytes += bytesOf(this.loadedFormulas);
      }
      if (bytes) return bytes;
      return bytesOf(this.meta);
    });
    return this;
  }
  private need<T>(v: T | null, what: string): T {
    if (v === null) throw new NotLoaded(`${what} was not loaded`);
    return v;
  }
  get isNullObject(): boolean {
    return this.need(this.resolvedNull, "isNullObject");
  }
  get values(): Cell[][] {
    return this.need(this.loadedValues, "values");
  }
  set values(rows: Cell[][]) {
    const b = this.box!;
    if (rows.length !== b.rows || rows.some((r) => r.length !== b.cols)) throw new Error(`values are ${rows.length}×${rows[0]?.length}, range is ${b.rows}×${b.cols}`);
    this.ctx.enqueue("write", () => {
      const sheet = this.sheet;
      rows.forEach((row, i) => row.forEach((v, k) => sheet.set(b.top + i, b.left + k, toStored(v))));
      return bytesOf(rows);
    });
  }
  get formulas(): Cell[][] {
    return this.need(this.loadedFormulas, "formulas");
  }
  /** Formulas as the API takes them ("=…"); stored as "FORMULA:=…" so tests can tell them from text. */
  set formulas(rows: (string | number)[][]) {
    const b = this.box!;
    this.ctx.enqueue("write", () => {
      rows.forEach((row, i) => row.forEach((v, k) => this.sheet.set(b.top + i, b.left + k, typeof v === "string" && v.startsWith("=") ? `FORMULA:${v}` : toStored(v))));
      return bytesOf(rows);
    });
  }
  get numberFormat(): string[][] {
    return this.need(this.loadedFormats, "numberFormat");
  }
  set numberFormat(rows: string[][]) {
    const b = this.box!;
    this.ctx.enqueue("write", () => {
      rows.forEach((row, i) => row.forEach((f, k) => this.sheet.formats.set(`${b.top + i}:${b.left + k}`, f)));
      return bytesOf(rows);
    });
  }
  get address(): string {
    return this.need(this.meta, "address").address;
  }
  get rowIndex(): number {
    return this.need(this.meta, "rowIndex").rowIndex;
  }
  get columnIndex(): number {
    return this.need(this.meta, "columnIndex").columnIndex;
  }
  get rowCount(): number {
    return this.need(this.meta, "rowCount").rowCount;
  }
  get columnCount(): number {
    return this.need(this.meta, "columnCount").columnCount;
  }
  getSurroundingRegion(): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, null, () => {
      const start = this.target()!;
      const s = this.sheet;
      const filled = (r: number, c: number) => r >= 0 && c >= 0 && s.get(r, c) !== "" && s.get(r, c) !== null && s.get(r, c) !== undefined;
      let { top, left } = start;
      let bottom = top, right = left;
      for (let grown = true; grown; ) {
        grown = false;
        const rowFilled = (r: number) => Array.from({ length: right - left + 3 }, (_, k) => left - 1 + k).some((c) => filled(r, c));
        const colFilled = (c: number) => Array.from({ length: bottom - top + 3 }, (_, k) => top - 1 + k).some((r) => filled(r, c));
        if (top > 0 && rowFilled(top - 1)) { --top; grown = true; }
        if (rowFilled(bottom + 1)) { ++bottom; grown = true; }
        if (left > 0 && colFilled(left - 1)) { --left; grown = true; }
        if (colFilled(right + 1)) { ++right; grown = true; }
      }
      return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
    });
  }
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, null, () => {
      const a = this.target(), b = other.target();
      if (!a || !b) return null;
      const top = Math.max(a.top, b.top), left = Math.max(a.left, b.left);
      const bottom = Math.min(a.top + a.rows, b.top + b.rows), right = Math.min(a.left + a.cols, b.left + b.cols);
      return bottom > top && right > left ? { top, left, rows: bottom - top, cols: right - left } : null;
    });
  }
  getUsedRangeOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, null, () => {
      const b = this.target()!;
      const used = this.sheet.usedWithin(b);
      return used;
    });
  }
  get format() {
    const b = this.box!;
    const ctx = this.ctx;
    const sheet = () => this.sheet;
    return {
      font: {
        set bold(v: boolean) {
          if (v) ctx.enqueue("write", () => void sheet().bold.add(`${b.top}:${b.left}`));
        },
      },
      autofitColumns: () => ctx.enqueue("write", () => 16),
      set wrapText(v: boolean) {
        ctx.enqueue("write", () => {
          for (let r = b.top; r < b.top + b.rows; ++r) for (let c = b.left; c < b.left + b.cols; ++c) if (v) sheet().wrapped.add(`${r}:${c}`);
        });
      },
      set columnWidth(points: number) {
        ctx.enqueue("write", () => {
          for (let c = b.left; c < b.left + b.cols; ++c) sheet().columnWidths.set(c, points);
        });
      },
    };
  }
  merge(across = false): void {
    const b = this.box!;
    this.ctx.enqueue("write", () => {
      const rows = across ? Array.from({ length: b.rows }, (_, i) => ({ ...b, top: b.top + i, rows: 1 })) : [b];
      for (const r of rows) this.sheet.merged.push(`${letters(r.left)}${r.top + 1}:${letters(r.left + r.cols - 1)}${r.top + r.rows}`);
    });
  }
  set hyperlink(link: { documentReference?: string; address?: string; textToDisplay?: string }) {
    const b = this.box!;
    this.ctx.enqueue("write", () => {
      this.sheet.links.set(`${b.top}:${b.left}`, link);
      if (link.textToDisplay !== undefined) this.sheet.set(b.top, b.left, link.textToDisplay);
    });
  }
  get conditionalFormats() {
    return {
      add: (type: string) => {
        const record: FakeConditionalFormat = { address: boxAddress(this.box!), type };
        this.ctx.enqueue("write", () => void this.sheet.conditionalFormats.push(record));
        return {
          colorScale: { set criteria(c: unknown) { record.criteria = c; } },
          dataBar: { positiveFormat: { set fillColor(c: string) { record.fillColor = c; } } },
        };
      },
      /** Removes the conditional formats that overlap this range (ExcelApi 1.6). */
      clearAll: () => {
        const b = this.box!;
        this.ctx.enqueue("write", () => {
          const list = this.sheet.conditionalFormats;
          for (let i = list.length - 1; i >= 0; --i) if (overlaps(parseAddress(list[i].address), b)) list.splice(i, 1);
        });
      },
    };
  }
  /** "Contents", "Formats" or "All" (the default), as Excel's clear takes it. */
  clear(applyTo: string = "All"): void {
    const b = this.box!;
    this.ctx.enqueue("write", () => {
      const sheet = this.sheet;
      for (let r = b.top; r < b.top + b.rows; ++r)
        for (let c = b.left; c < b.left + b.cols; ++c) {
          if (applyTo !== "Formats" && sheet.columns.get(c)) sheet.columns.get(c)![r] = "";
          if (applyTo !== "Contents") {
            sheet.formats.delete(`${r}:${c}`);
            sheet.bold.delete(`${r}:${c}`);
            sheet.links.delete(`${r}:${c}`);
          }
        }
    });
  }
  /** ExcelApi 1.9: values ("Values"), number formats ("Formats") or both ("All") of `source`, to the same-size box here. */
  copyFrom(source: FakeRange, copyType: string = "All"): void {
    const to = this.box!;
    this.ctx.enqueue("write", () => {
      const from = source.target()!;
      const src = source.sheet, dst = this.sheet;
      for (let r = 0; r < from.rows; ++r)
        for (let c = 0; c < from.cols; ++c) {
          if (copyType !== "Formats") {
            const v = src.columns.get(from.left + c)?.[from.top + r];
            const generated = src.get(from.top + r, from.left + c);
            dst.set(to.top + r, to.left + c, v !== undefined ? v : generated);
          }
          if (copyType !== "Values") {
            const f = src.formats.get(`${from.top + r}:${from.left + c}`);
            if (f !== undefined) dst.formats.set(`${to.top + r}:${to.left + c}`, f);
            else dst.formats.delete(`${to.top + r}:${to.left + c}`);
          }
        }
      // Conditional formats inside the source box come along ("All" and "Formats"), moved with it.
      if (copyType !== "Values")
        for (const cf of [...src.conditionalFormats]) {
          const b = parseAddress(cf.address);
          if (b.top < from.top || b.left < from.left || b.top + b.rows > from.top + from.rows || b.left + b.cols > from.left + from.cols) continue;
          dst.conditionalFormats.push({ ...cf, address: boxAddress({ top: b.top - from.top + to.top, left: b.left - from.left + to.left, rows: b.rows, cols: b.cols }) });
        }
      return 16;
    });
  }
  select(): void {
    this.ctx.enqueue("write", () => undefined);
  }
}

/** What Excel stores for a value written through the API: a leading apostrophe marks text and is not kept. */
function toStored(v: Cell): Cell {
  if (typeof v === "string" && v.startsWith("'")) return v.slice(1);
  // Unprefixed, Excel would take these as a formula (or a number): mark them so tests can find them.
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(v)) return `FORMULA:${v}`;
  // Excel reads unprefixed text that looks like a number or a boolean as one ("00123" → 123).
  if (typeof v === "string" && /^\s*\d+(\.\d+)?(e[+-]?\d+)?\s*$/i.test(v)) return Number(v);
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return v;
}
