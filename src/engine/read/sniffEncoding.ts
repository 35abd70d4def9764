/**
 * Which text encoding a file's bytes are in (SPEC §1, real exports): a byte-order mark first
 * (UTF-8, UTF-16LE/BE); else strict UTF-8; else GB18030 (a superset of GBK, what Chinese Excel's
 * "CSV (逗号分隔)" writes) when the bytes read as Chinese text; else Windows-1252 (Western Excel).
 * UTF-16 without a mark is recognised by its zero bytes (Excel's "Unicode text" has the mark).
 * Pure: bytes in, a decision and the reason out.
 */

export type TextEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be" | "windows-1252";

export interface EncodingChoice {
  encoding: TextEncoding;
  /** Bytes of the byte-order mark to skip (0 when none). */
  bomLength: number;
  /** How it was chosen, for the summary. */
  how: "bom" | "utf-8" | "ascii" | "gb18030" | "windows-1252" | "utf-16-zero-bytes" | "option";
}

/** What the summary and messages call each encoding. */
export const ENCODING_NAMES: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  gb18030: "GB18030",
  "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE",
  "windows-1252": "Windows-1252",
};

/** `--encoding` values (any case, with or without `-`/`_`) → encoding. GBK and GB2312 are read as GB18030, their superset. */
export function encodingOption(text: string): TextEncoding | undefined {
  const key = text.toLowerCase().replace(/[-_\s]/g, "");
  const names: Record<string, TextEncoding> = {
    utf8: "utf-8", utf8bom: "utf-8", gb18030: "gb18030", gbk: "gb18030", gb2312: "gb18030", cp936: "gb18030",
    utf16: "utf-16le", utf16le: "utf-16le", utf16be: "utf-16be", unicode: "utf-16le",
    windows1252: "windows-1252", cp1252: "windows-1252", latin1: "windows-1252", iso88591: "windows-1252",
  };
  return names[key];
}

/** Byte-order mark at the start: its encoding and length. */
export function bomOf(head: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/**
 * Length of the longest prefix of `bytes` that is whole UTF-8 sequences, or −1 when the bytes are
 * not UTF-8. With `complete` false, an unfinished sequence at the very end is allowed (it is
 * the start of the next chunk) and left out of the length.
 */
export function utf8PrefixLength(bytes: Uint8Array, complete: boolean): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    let need: number, min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return -1;
    if (i + need >= n) {
      if (complete) return -1;
      // An unfinished sequence at the end: it must be valid so far; the next chunk finishes it.
      for (let k = i + 1; k < n; ++k) if ((bytes[k] & 0xc0) !== 0x80) return -1;
      return i;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; ++k) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return -1;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
    i += need + 1;
  }
  return n;
}

/**
 * Whether bytes that are not UTF-8 read as Chinese GB18030 text: every byte sequence is valid
 * GB18030, and the two-byte characters look like Chinese rather than like Western 8-bit letters.
 * Western text in Windows-1252 (`Müller`, `Größe`) has its high bytes inside Latin words — an
 * ASCII letter before, and an ASCII letter as the second byte or right after — which GB18030 would
 * read as (rare) characters; Chinese text has its characters next to other characters, digits and
 * punctuation. So: GB18030 when at most a quarter of the two-byte pairs sit inside a Latin word.
 */
export function looksLikeGb18030(bytes: Uint8Array, complete: boolean): boolean {
  const n = bytes.length;
  let pairs = 0, inWord = 0;
  const letter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  for (let i = 0; i < n; ) {
    const b = bytes[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b === 0x80 || b === 0xff) return false;
    if (i + 1 >= n) {
      if (complete) return false;
      break;
    }
    const t = bytes[i + 1];
    if (t >= 0x30 && t <= 0x39) {
      // four-byte form: lead, digit, 0x81–0xFE, digit
      if (i + 3 >= n) {
        if (complete) return false;
        break;
      }
      const t2 = bytes[i + 2], t3 = bytes[i + 3];
      if (t2 < 0x81 || t2 > 0xfe || t3 < 0x30 || t3 > 0x39) return false;
      i += 4;
      continue;
    }
    if (t < 0x40 || t === 0x7f || t === 0xff) return false;
    ++pairs;
    if (i > 0 && letter(bytes[i - 1]) && (letter(t) || (i + 2 < n && letter(bytes[i + 2])))) ++inWord;
    i += 2;
  }
  return pairs > 0 && inWord * 4 <= pairs;
}

/** UTF-16 without a mark: many zero bytes, all on even (BE) or all on odd (LE) positions. */
function utf16ByZeroBytes(head: Uint8Array): TextEncoding | undefined {
  const n = head.length & ~1;
  if (n < 4) return undefined;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) ++evenZero;
    if (head[i + 1] === 0) ++oddZero;
  }
  const half = n / 2;
  if (oddZero >= half * 0.3 && evenZero === 0) return "utf-16le";
  if (evenZero >= half * 0.3 && oddZero === 0) return "utf-16be";
  return undefined;
}

/**
 * The encoding of a file from its first bytes (`complete` when they are the whole file). When the
 * head is plain ASCII the answer is UTF-8 with how = "ascii": a later byte may still prove it is
 * not (the reader then reads again, see src/cli/textStream.ts).
 */
export function sniffEncoding(head: Uint8Array, complete: boolean): EncodingChoice {
  const bom = bomOf(head);
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, how: "bom" };
  const utf16 = utf16ByZeroBytes(head);
  if (utf16) return { encoding: utf16, bomLength: 0, how: "utf-16-zero-bytes" };
  let ascii = true;
  for (let i = 0; i < head.length; ++i) if (head[i] >= 0x80) {
    ascii = false;
    break;
  }
  if (ascii) return { encoding: "utf-8", bomLength: 0, how: "ascii" };
  if (utf8PrefixLength(head, complete) >= 0) return { encoding: "utf-8", bomLength: 0, how: "utf-8" };
  return eightBitChoice(head, complete);
}

/** For bytes known not to be UTF-8: GB18030 when they read as Chinese, else Windows-1252. */
export function eightBitChoice(bytes: Uint8Array, complete: boolean): EncodingChoice {
  return looksLikeGb18030(bytes, complete)
    ? { encoding: "gb18030", bomLength: 0, how: "gb18030" }
    : { encoding: "windows-1252", bomLength: 0, how: "windows-1252" };
}
