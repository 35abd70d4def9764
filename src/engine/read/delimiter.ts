/**
 * The field delimiter of a delimited text file, from its first lines: Excel's `sep=X` hint line
 * when there is one (honoured, and not data); else the one of `,` `;` tab `|` that splits the
 * header and most of the lines after it into the same number of fields (quotes respected); else
 * runs of spaces (fixed-width text such as CDNOW's) when the header has no delimiter but spaces.
 */

export type Delimiter = "," | ";" | "\t" | "|" | " ";

export interface DelimiterChoice {
  delimiter: Delimiter | string;
  /** "sep-line": the file's first line said so; "detected": from the lines; "default": nothing to go on (one column). */
  how: "sep-line" | "detected" | "default" | "option";
}

const CANDIDATES: readonly Delimiter[] = [",", ";", "\t", "|"];

/** Excel's delimiter hint: a first line `sep=;` (optionally quoted). Returns the delimiter or undefined. */
export function sepLine(line: string): string | undefined {
  const m = /^"?sep=(.)"?\s*$/i.exec(line.replace(/^\uFEFF/, ""));
  return m ? m[1] : undefined;
}

/** How many times `d` occurs in `line` outside double quotes. */
export function countOutsideQuotes(line: string, d: string): number {
  let count = 0, quoted = false;
  const dc = d.charCodeAt(0);
  for (let i = 0; i < line.length; ++i) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === dc && !quoted) ++count;
  }
  return count;
}

/**
 * Picks the delimiter of `lines` (the first lines of the file, header first, without a sep= line).
 * Each candidate is scored by how many of the lines after the header have as many delimiters as
 * the header; the best-agreeing candidate with at least one delimiter in the header wins, ties
 * going to the one the header has more of (then to the order , ; tab |).
 */
export function detectDelimiter(lines: readonly string[]): DelimiterChoice {
  const header = lines[0] ?? "";
  const rest = lines.slice(1).filter((l) => l.trim() !== "");
  let best: Delimiter | undefined;
  let bestAgree = -1, bestCount = 0;
  for (const d of CANDIDATES) {
    const count = countOutsideQuotes(header, d);
    if (count === 0) continue;
    let agree = 0;
    for (const line of rest) if (countOutsideQuotes(line, d) === count) ++agree;
    if (agree > bestAgree || (agree === bestAgree && count > bestCount)) {
      best = d;
      bestAgree = agree;
      bestCount = count;
    }
  }
  if (best) return { delimiter: best, how: "detected" };
  if (/\S\s+\S/.test(header.trim())) return { delimiter: " ", how: "detected" };
  return { delimiter: ",", how: "default" };
}

/** What the summary calls a delimiter. */
export function delimiterName(d: string): string {
  return d === "\t" ? "tab" : d === " " ? "spaces" : `"${d}"`;
}
