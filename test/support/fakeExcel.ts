/**
 * A fake Excel host for the adapter's tests: the subset of the Excel JavaScript API that src/excel/
 * uses, with Office.js's batching rules (loads and writes are queued and happen at `context.sync()`;
 * reading a property that was not loaded and synced throws, as in Excel). It counts syncs and
 * measures the JSON bytes each sync carries, and can fail a chosen sync.
 */
import type { Cell } from "../../src/engine/types";

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

export interface FakeChart { type: string; source: string; seriesBy: string; title: string; position?: [string, string]; legendVisible?: boolean }

export class FakeSheet {
  /** Values by column; a hole is an empty cell. */
  readonly columns = new Map<number, Cell[]>();
  readonly formats = new Map<string, string>();
  readonly tables: { address: string; hasHeaders: boolean; style?: string }[] = [];
  readonly charts: FakeChart[] = [];
  readonly conditionalFormats: { address: string; type: string; criteria?: unknown }[] = [];
  readonly bold = new Set<string>();
  frozenRows = 0;
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

  get maxSyncBytes(): number {
    return this.syncs.reduce((m, s) => Math.max(m, s.bytes), 0);
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
        const table = { address, hasHeaders, style: undefined as string | undefined };
        this.ctx.enqueue("write", () => void this.sheet.tables.push(table));
        return table;
      },
    };
  }
  get charts() {
    return {
      add: (type: string, source: FakeRange, seriesBy: string) => {
        const chart: FakeChart = { type, source: source.box ? boxAddress(source.box) : "?", seriesBy, title: "" };
        this.ctx.enqueue("write", () => void this.sheet.charts.push(chart));
        return {
          title: { set text(t: string) { chart.title = t; } },
          legend: { set visible(v: boolean) { chart.legendVisible = v; } },
          setPosition: (a: string, b: string) => void (chart.position = [a, b]),
        };
      },
    };
  }
  get freezePanes() {
    return { freezeRows: (n: number) => this.ctx.enqueue("write", () => void (this.sheet.frozenRows = n)) };
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
  private meta: { address: string; rowIndex: number; columnIndex: number; rowCount: number; columnCount: number } | null = null;
  private resolvedNull: boolean | null = null;

  constructor(private readonly ctx: FakeContext, readonly sheetName: string, public box: Box | null, private readonly resolve?: () => Box | null) {}

  private target(): Box | null {
    if (this.resolve) this.box = this.resolve();
    return this.box;
  }
  private get sheet(): FakeSheet {
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
      if (wanted.includes("numberFormat")) {
        const formats = this.sheet.formats;
        this.loadedFormats = Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.cols }, (_, k) => formats.get(`${b.top + i}:${b.left + k}`) ?? "General"));
      }
      if (wanted.includes("values")) {
        this.loadedValues = this.sheet.values(boxAddress(b));
        return bytesOf(this.loadedValues) + (this.loadedFormats ? bytesOf(this.loadedFormats) : 0);
      }
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
  /** Formulas as the API takes them ("=…"); stored as "FORMULA:=…" so tests can tell them from text. */
  set formulas(rows: (string | number)[][]) {
    const b = this.box!;
    this.ctx.enqueue("write", () => {
      rows.forEach((row, i) => row.forEach((v, k) => this.sheet.set(b.top + i, b.left + k, typeof v === "string" && v.startsWith("=") ? `FORMULA:${v}` : v)));
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
    };
  }
  get conditionalFormats() {
    return {
      add: (type: string) => {
        const record: { address: string; type: string; criteria?: unknown } = { address: boxAddress(this.box!), type };
        this.ctx.enqueue("write", () => void this.sheet.conditionalFormats.push(record));
        return { colorScale: { set criteria(c: unknown) { record.criteria = c; } } };
      },
    };
  }
  clear(): void {
    const b = this.box!;
    this.ctx.enqueue("write", () => {
      for (let r = b.top; r < b.top + b.rows; ++r) for (let c = b.left; c < b.left + b.cols; ++c) this.sheet.columns.get(c) && (this.sheet.columns.get(c)![r] = "");
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
  return v;
}
