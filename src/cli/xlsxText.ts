/**
 * Cell text as Excel shows it, where ExcelJS's streaming reader (4.4) reads it otherwise:
 *
 * - Worksheet and shared-string XML arrive in inflated chunks that ExcelJS decodes one by one
 *   (`TextDecoder.decode(chunk)`, not streaming): a Chinese character cut by a chunk boundary became
 *   two U+FFFD — a customer id silently changed (27 of 20,000 ids in a test sheet).
 * - A shared string keeps the text of its last `<t>` only when it has no runs: with a phonetic guide
 *   (`<rPh>`, written by Chinese and Japanese Excel) the cell read as the guide, not the text.
 * - An inline string (`<c t="inlineStr"><is>`) keeps only its last run's text (and a phonetic
 *   guide's, when one follows), and its text is entity-decoded twice (`&amp;lt;` read as `<`).
 *
 * - A date cell (`t="d"`, ISO 8601 text) read as a number: `2024-03-05T00:00:00` became 2024, a
 *   day in 1905.
 *
 * The cell's value is the text of its `<t>` elements joined, runs in order, phonetic guides left out.
 * Shared strings are read here (any part name the workbook's rels give); worksheet XML is decoded as
 * a stream and the cells ExcelJS would misread rewritten before it parses them (worksheetText).
 */
import { SaxesParser } from "saxes";
import { localName, xmlText, xmlUnescape } from "./xlsxPackage";

/** Decodes UTF-8 chunks as one stream: a character cut by a chunk boundary is kept whole. */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * A parser of xl/sharedStrings.xml that pushes each `<si>`'s `<t>` texts, joined, onto `out`, with
 * `<rPh>` (phonetic guide) text left out. Errors are the caller's to handle.
 */
export function sharedStringParser(out: string[]): SaxesParser {
  const parser = new SaxesParser();
  let inItem = false;
  let phonetic = 0;
  let inText = false;
  let text = "";
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") {
      inItem = true;
      text = "";
    } else if (name === "rPh") ++phonetic;
    else if (name === "t" && inItem && phonetic === 0) inText = !tag.isSelfClosing;
  });
  parser.on("text", (t) => {
    if (inText) text += t;
  });
  parser.on("cdata", (t) => {
    if (inText) text += t;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "t") inText = false;
    else if (name === "rPh") --phonetic;
    else if (name === "si") {
      out.push(text);
      inItem = false;
    }
  });
  return parser;
}

/** The shared-string table of xl/sharedStrings.xml read from its inflated chunks (sharedStringParser). */
export async function readSharedStrings(chunks: AsyncIterable<Buffer | string>): Promise<string[]> {
  const out: string[] = [];
  const parser = sharedStringParser(out);
  let error: Error | undefined;
  parser.on("error", (e) => (error ??= e));
  for await (const chunk of utf8Chunks(chunks)) {
    parser.write(chunk);
    if (error) throw error;
  }
  parser.close();
  if (error) throw error;
  return out;
}

/** Where a cell may need rewriting: an inline string, a date cell (t="d"), a text cell (t="str"). */
const CANDIDATE = /<is[\s>/]| t=["'](d|str)["']/g;

/**
 * Worksheet XML as text, with the cells ExcelJS 4.4 reads otherwise than Excel rewritten before it
 * parses them; everything else passes through unchanged:
 * - an inline string `<is>…</is>` becomes one `<t>` of its runs' text joined (phonetic guides
 *   dropped; ExcelJS kept the last `<t>`), escaped so that ExcelJS's extra entity decode of inline
 *   strings gives the text back;
 * - a date cell (`t="d"`, an ISO 8601 value, as SheetJS and openpyxl can write) becomes an inline
 *   string of that text (ExcelJS read `2024-03-05T00:00:00` as the number 2024), which the date
 *   reader parses as any ISO date text;
 * - a text cell (`t="str"`, formula text results) whose value has an entity is escaped once more
 *   (ExcelJS decoded it twice: a typed `&lt;` read as `<`).
 */
export async function* worksheetText(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  let pending = "";
  const addresses = new CellAddresses();
  for await (const chunk of utf8Chunks(chunks)) {
    const { done, rest } = rewriteCells(pending + chunk);
    pending = rest;
    if (done) yield addresses.apply(done);
  }
  if (pending) yield addresses.apply(rewriteCells(pending, true).done);
}

const ROW_OR_CELL_TAG = /<(?:c|row)[\s>/]/g;
const R_ATTRIBUTE = / r=["']/g;
const ROW_OR_CELL = /<(row|c)(?=[\s>/])([^>]*)>/g;
const CHECKED_CHARS = 1 << 20;

/**
 * Row and cell numbers where the file leaves them out. `r` is optional in the XML (DataGrip, JMP,
 * SAP and other exporters omit it): a row without one is the row after the previous, a cell without
 * one the column after the previous cell in its row — as Excel reads them. ExcelJS needs them (it
 * refused such files). While every row and cell has its `r`, only the last row and column of each
 * text are noted; from the first text where one is missing, each tag is numbered. Tags are counted
 * against `r` attributes in a sheet's first CHECKED_CHARS only (a producer omits r from the start,
 * or from its first rows of data): past them nothing is looked at — a cell that lacks its r there
 * makes ExcelJS refuse the file, and a row readXlsx, so a miss is never a silent one.
 * Text handed in holds whole tags only (rewriteCells keeps a cut tag for the next chunk).
 */
export class CellAddresses {
  private numbering = false;
  private checked = 0;
  private row = 0;
  private column = 0;

  apply(text: string): string {
    if (!this.numbering) {
      if (this.checked >= CHECKED_CHARS) return text;
      this.checked += text.length;
      if (count(text, ROW_OR_CELL_TAG) === count(text, R_ATTRIBUTE)) {
        this.note(text);
        return text;
      }
      this.numbering = true;
    }
    return text.replace(ROW_OR_CELL, (tag: string, name: string, attributes: string) => {
      if (name === "row") {
        this.column = 0;
        const r = /\sr=["'](\d+)["']/.exec(attributes);
        if (r) {
          this.row = Number(r[1]);
          return tag;
        }
        ++this.row;
        return `<row r="${this.row}"${tag.slice(4)}`;
      }
      const r = /\sr=["']([A-Za-z]+)\d+["']/.exec(attributes);
      if (r) {
        this.column = columnNumber(r[1]);
        return tag;
      }
      ++this.column;
      return `<c r="${columnLetters(this.column)}${this.row}"${tag.slice(2)}`;
    });
  }

  /** The last row's number and the last cell's column in `text` (every tag has its r). */
  private note(text: string): void {
    let rowAt = -1;
    for (let at = text.lastIndexOf("<row"); at >= 0; at = text.lastIndexOf("<row", at - 1)) {
      if (/[\s>/]/.test(text[at + 4] ?? "")) {
        rowAt = at;
        const r = /^<row\b[^>]*?\sr=["'](\d+)["']/.exec(text.slice(at, text.indexOf(">", at) + 1));
        if (r) this.row = Number(r[1]);
        this.column = 0;
        break;
      }
      if (at === 0) break;
    }
    const cellAt = text.lastIndexOf("<c ");
    if (cellAt > rowAt) {
      const r = /^<c\b[^>]*?\sr=["']([A-Za-z]+)\d+["']/.exec(text.slice(cellAt, text.indexOf(">", cellAt) + 1));
      if (r) this.column = columnNumber(r[1]);
    }
  }
}

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) ++n;
  return n;
}

/** "A" → 1, "AB" → 28. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 → "A", 28 → "AB". */
function columnLetters(n: number): string {
  let out = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/**
 * Rewrites the complete cells of `text` that need it; `rest` is the tail that may hold the start of
 * one not yet complete, or of a tag cut by the chunk boundary (handed back to be joined with the
 * next chunk). `last`: no more text follows.
 */
export function rewriteCells(text: string, last = false): { done: string; rest: string } {
  let out = "";
  let from = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const isInline = m[1] === undefined;
    if (isInline && text[m.index + 3] === "/") continue; // <is/>: empty, nothing to join
    const start = isInline ? m.index : text.lastIndexOf("<", m.index);
    if (start < from || (!isInline && !/^<c\s/.test(text.slice(start, start + 3)))) continue; // an attribute of another element
    const tagEnd = text.indexOf(">", m.index);
    if (tagEnd < 0) {
      if (last) break;
      return { done: out + text.slice(from, start), rest: text.slice(start) };
    }
    if (!isInline && text[tagEnd - 1] === "/") continue; // <c … t="d"/>: no value
    const endTag = isInline ? "</is>" : "</c>";
    const end = text.indexOf(endTag, tagEnd);
    if (end < 0) {
      if (last) break;
      return { done: out + text.slice(from, start), rest: text.slice(start) };
    }
    const element = text.slice(start, end + endTag.length);
    out += text.slice(from, start) + (isInline ? `<is><t>${inlineEscape(inlineText(element))}</t></is>` : m[1] === "d" ? dateCellAsText(element, tagEnd - start) : textCellEscaped(element));
    from = end + endTag.length;
    CANDIDATE.lastIndex = from;
  }
  // A tag cut by the end of the chunk ("<", "<i", `<c r="B2" t="`) is completed by the next one.
  const lt = last ? -1 : text.lastIndexOf("<");
  const keep = lt >= from && text.indexOf(">", lt) < 0 ? lt : text.length;
  return { done: out + text.slice(from, keep), rest: text.slice(keep) };
}

/** `<c … t="d"><v>2024-03-05T00:00:00</v></c>` as an inline string of its value (a formula, if any, dropped: Excel shows the value). */
function dateCellAsText(cell: string, tagLength: number): string {
  const tag = cell.slice(0, tagLength + 1).replace(/ t=["']d["']/, ' t="inlineStr"');
  const value = /<v>([^<]*)<\/v>/.exec(cell)?.[1];
  if (value === undefined) return tag.slice(0, -1) + "/>";
  return `${tag}<is><t>${inlineEscape(xmlUnescape(value))}</t></is></c>`;
}

/** `<c … t="str">`: its `<v>` escaped once more when it has an entity, for ExcelJS's second decode. */
function textCellEscaped(cell: string): string {
  return cell.replace(/<v>([^<]*)<\/v>/, (whole, raw: string) => (raw.includes("&") ? `<v>${inlineEscape(xmlUnescape(raw))}</v>` : whole));
}

/** The text of an `<is>` element's XML (from `<is` up to its `</is>`): its `<t>` contents joined, outside `<rPh>`, decoded. */
function inlineText(xml: string): string {
  const withoutGuides = xml.replace(/<rPh\b[^>]*\/>|<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of withoutGuides.matchAll(/<t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/t>)/g)) {
    const raw = m[1] ?? "";
    out += raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g, (_, cdata: string | undefined, plain: string | undefined) => (cdata !== undefined ? cdata : xmlUnescape(plain!)));
  }
  return out;
}

/** XML for `text` that ExcelJS's inline-string read (XML parse, then its own `&…;` decode) turns back into `text`. */
function inlineEscape(text: string): string {
  return xmlText(text.replace(/&/g, "&amp;"));
}
