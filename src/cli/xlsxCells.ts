/**
 * Reads the cells a chart's series point at out of a worksheet part, with each cell's number format,
 * so the chart can carry a cached copy (c:numCache / c:strCache) that viewers which do not recalculate
 * draw from. Streams the XML (saxes) and stops after the last row asked for.
 */
import { SaxesParser } from "saxes";
import { localName } from "./xlsxPackage";
import { sharedStringParser } from "./xlsxText";

export type CellValue = string | number | boolean | null;

export interface ReadCell {
  value: CellValue;
  /** The cell's number format code ("General" when it has none). */
  format: string;
}

export interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** Built-in number formats (ECMA-376 §18.8.30) that a cell can name by id without a numFmt element. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
  12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
};

/** The number format of each cell style index (cellXfs order) in a styles part. */
export function cellFormats(stylesXml: string | null): string[] {
  if (stylesXml === null) return [];
  const custom = new Map<number, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    if (name === "numFmt") custom.set(Number(attributes.numFmtId), attributes.formatCode ?? "General");
    else if (name === "cellXfs") inCellXfs = true;
    else if (name === "xf" && inCellXfs) {
      const id = Number(attributes.numFmtId ?? 0);
      formats.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? "General");
    }
  });
  parser.on("closetag", (tag) => {
    if (localName(tag.name) === "cellXfs") inCellXfs = false;
  });
  parser.write(stylesXml).close();
  return formats;
}

/** The shared-string table of a written package (xlsxText.sharedStringParser). */
export function sharedStrings(xml: string | null): string[] {
  if (xml === null) return [];
  const out: string[] = [];
  sharedStringParser(out).write(xml).close();
  return out;
}

/** "B12" → { row: 11, col: 1 } (0-based); null for anything else. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!match) return null;
  let col = 0;
  for (const ch of match[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

/** 0-based column index → "A", "Z", "AA", … */
export function columnLetters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const STOP = Symbol("past the last row asked for");

/**
 * The cells of `rects` in a worksheet part, keyed "row,col" (0-based); cells that are absent or empty
 * are left out. Formula cells give their cached result.
 */
export function readCells(sheetXml: string, rects: readonly Rect[], strings: () => string[], formats: readonly string[]): Map<string, ReadCell> {
  const out = new Map<string, ReadCell>();
  if (rects.length === 0) return out;
  const lastRow = Math.max(...rects.map((r) => r.top + r.rows - 1));
  const wanted = (row: number, col: number) => rects.some((r) => row >= r.top && row < r.top + r.rows && col >= r.left && col < r.left + r.cols);

  let row = -1;
  let col = -1;
  let type = "n";
  let style = 0;
  let text = "";
  let collecting = false;
  let inInline = 0;
  let phonetic = 0;
  let hasValue = false;
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    if (name === "row") {
      row = attributes.r ? Number(attributes.r) - 1 : row + 1;
      if (row > lastRow) throw STOP;
      col = -1;
    } else if (name === "c") {
      const at = attributes.r ? parseCellRef(attributes.r) : null;
      if (at) {
        row = at.row;
        col = at.col;
      } else ++col;
      type = attributes.t ?? "n";
      style = Number(attributes.s ?? 0);
      text = "";
      hasValue = false;
    } else if (name === "v") {
      collecting = true;
      hasValue = true;
    } else if (name === "is") ++inInline;
    else if (name === "rPh") ++phonetic;
    else if (name === "t" && inInline > 0 && phonetic === 0) {
      collecting = true;
      hasValue = true;
    }
  });
  parser.on("text", (t) => {
    if (collecting) text += t;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "v" || name === "t") collecting = false;
    else if (name === "is") --inInline;
    else if (name === "rPh") --phonetic;
    else if (name === "c" && hasValue && wanted(row, col)) {
      const value = cellValue(type, text, strings);
      if (value !== null) out.set(`${row},${col}`, { value, format: formats[style] ?? "General" });
    }
  });
  try {
    parser.write(sheetXml).close();
  } catch (err) {
    if (err !== STOP) throw err;
  }
  return out;
}

function cellValue(type: string, text: string, strings: () => string[]): CellValue {
  switch (type) {
    case "s":
      return strings()[Number(text)] ?? null;
    case "str":
    case "inlineStr":
    case "d":
      return text;
    case "b":
      return text === "1" || text === "true";
    case "e":
      return null;
    default: {
      if (text.trim() === "") return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
  }
}

