/**
 * Sheet XML rows written as bytes: one reusable Buffer, filled byte by byte (cell references, style
 * ids, shared-string ids and integers are ASCII), handed to the zip entry's stream when full. Building
 * the same XML as JavaScript strings and converting them to buffers took most of the time (and the
 * garbage collector's) of writing a 500k-row data sheet.
 */

/** Where the bytes go: ExcelJS's sheet stream copies each chunk before `write` returns (batch mode). */
export interface ByteSink {
  write(chunk: Buffer): unknown;
}

/** The three characters a text node must escape. */
const ESCAPE = /[&<>]/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

export class XmlByteWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(private readonly sink: ByteSink, size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }

  get length(): number {
    return this.pos;
  }

  /** Room for `n` more bytes: flushes first when they do not fit, grows for one larger piece. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  flush(): void {
    if (this.pos === 0) return;
    this.sink.write(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  /** An ASCII string (callers know it is: tags, numbers' digits). */
  ascii(s: string): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; ++i) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A few bytes (tag pieces): a loop is quicker than TypedArray.set for these lengths. */
  bytes(b: Uint8Array): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; ++i) buf[p++] = b[i];
    this.pos = p;
  }

  /** A non-negative safe integer's decimal digits. */
  uint(n: number): void {
    const buf = this.buf;
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) ++digits;
    const start = this.pos;
    let p = start + digits;
    this.pos = p;
    for (let m = n; p > start; m = Math.floor(m / 10)) buf[--p] = 48 + (m % 10);
  }

  /** A finite number as Excel stores it in <v>: integers digit by digit, others as JavaScript prints them (shortest round-trip). */
  number(v: number): void {
    if (Number.isSafeInteger(v)) {
      if (v < 0) {
        this.buf[this.pos++] = 45;
        this.uint(-v);
      } else this.uint(v);
    } else this.ascii(String(v));
  }

  /** Text for a text node, escaped, as UTF-8. `ensure` must have left 6 bytes per UTF-16 unit. */
  text(s: string): void {
    const escaped = s.replace(ESCAPE, (c) => ESCAPES[c]);
    this.pos += this.buf.write(escaped, this.pos, "utf8");
  }
}

/** The ASCII bytes of a string. */
export const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
