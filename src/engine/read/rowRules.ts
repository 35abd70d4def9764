/**
 * The per-row rules that come before a row's values are read (SPEC §1): structure rows (a header
 * repeated mid-file, totals rows), customers on the user's exclusion list, and orders whose status
 * says cancelled or unpaid. One RowRules per read; `preStatus` is called for every row, in order,
 * by the read loop (array reads and streamed rows alike).
 */
import { customerIdOf, customerKeyOf } from "./customerId";
import { normaliseHeader, normalisesTo } from "./headers";
import { isReturnType, normaliseStatus, statusClassifier, type StatusKind, type StatusOverrides } from "./orderStatus";
import type { Cell, ColumnMapping } from "../common/types";

/** Row status codes the rules give (the same numbers as in transactions.ts). */
export const PRE_HEADER_ROW = 2;
export const PRE_TOTAL_ROW = 3;
export const PRE_MISSING_CUSTOMER = 4;
export const PRE_EXCLUDED_CUSTOMER = 5;
export const PRE_CANCELLED = 6;
export const PRE_UNPAID = 7;

/** Words of a totals row, normalised (lower case, no spaces, no trailing colon). */
export const TOTAL_WORDS: readonly string[] = ["合计", "总计", "小计", "总合计", "共计", "汇总", "total", "totals", "grandtotal", "subtotal"];
const TOTAL_SET = new Set(TOTAL_WORDS);
/**
 * First characters of the totals words (ASCII lower-cased by `| 0x20`, which leaves the CJK ones' codes as `| 0x20` too),
 * as a table by code unit: one load per cell instead of a Set lookup.
 */
const TOTAL_FIRST = new Uint8Array(65536);
for (const w of TOTAL_WORDS) TOTAL_FIRST[w.charCodeAt(0) | 0x20] = 1;
/** The first two letters of the ASCII totals words (`to`, `gr`, `su`), by 128 × first + second, lower case. */
const TOTAL_PAIR = new Uint8Array(128 * 128);
for (const w of TOTAL_WORDS) if (w.charCodeAt(0) < 128) TOTAL_PAIR[128 * w.charCodeAt(0) + w.charCodeAt(1)] = 1;
/** What a totals word is normalised without (white space, `_ - . : ：`), anywhere, and at the start. */
const TOTAL_SEPARATORS = "[\\s_\\-.:：]+";
const SEPARATORS = new RegExp(TOTAL_SEPARATORS, "g");
const LEADING_SEPARATORS = new RegExp(`^${TOTAL_SEPARATORS}`);
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** True when a cell holds a totals word (`合计`, `Total:`, `Grand total`). */
export function isTotalWord(value: Cell): boolean {
  if (typeof value !== "string" || value.length > 16 || value.length === 0) return false;
  // Most cells are ids, numbers or dates: only a text starting like a totals word is normalised.
  let first = value.charCodeAt(0);
  let second = value.charCodeAt(1);
  if (first <= 32 || first === 95 || first === 45 || first === 46 || first === 58 || first === 0xff1a || (first >= 0xa0 && value.trimStart() !== value)) {
    // White space (space, tab, NBSP, U+3000 …) or separators before the word, which normalising drops.
    const text = value.replace(LEADING_SEPARATORS, "");
    first = text.charCodeAt(0);
    second = text.charCodeAt(1);
  }
  if (TOTAL_FIRST[first | 0x20] !== 1) return false;
  // Two letters that begin no totals word (`SO-1001`, `Tom`) stop here; a separator after the first goes on.
  if (isAsciiLetter(first) && isAsciiLetter(second) && TOTAL_PAIR[128 * (first | 0x20) + (second | 0x20)] !== 1) return false;
  // No totals word has a digit, and normalising keeps digits: ids like `SO-1001` stop here.
  for (let i = 1; i < value.length; ++i) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) return false;
  }
  return TOTAL_SET.has(value.toLowerCase().replace(SEPARATORS, ""));
}

export interface RowRuleOptions {
  /** The header row's cells (repeated header rows are found by them); absent without a header. */
  header?: readonly Cell[];
  /** Customer ids to exclude (one per entry, the same id rules as the data). */
  excludeIds?: readonly string[];
  status?: StatusOverrides;
}

const FLAG_TOTAL = 1, FLAG_HEADER = 2, FLAG_EXCLUDED = 4;

/** What the status column held: known values by kind, unknown values with their row counts. */
export interface StatusTally {
  column: number;
  /** Rows by kind of their status (own cell or inherited from the order's first line). */
  sale: number;
  cancelled: number;
  unpaid: number;
  /** Rows whose status cell was empty and took their order's status from an earlier line. */
  inherited: number;
  /** Values not in the table, as written (trimmed), with their row counts: kept as sales. */
  unknown: Map<string, number>;
}

export class RowRules {
  private readonly cCol: number;
  private readonly dCol: number;
  private readonly sCol: number;
  private readonly tCol: number;
  private readonly oCol: number;
  private readonly headerCustomer: string;
  private readonly headerDate: string;
  private readonly excluded: Set<string>;
  private readonly classify: (v: string) => StatusKind | undefined;
  /** Flags per customer index, computed when the index is first seen. */
  private flags = new Uint8Array(256);
  private flagged = 0;
  /** The customer of the last row with one, and its flags. */
  private lastCustomer = -1;
  private lastFlags = 0;
  private lastStatusCell: Cell = undefined;
  private lastStatusKind: StatusKind | undefined | null = null;
  /** Status kind of each order (by order index) from its first line with a status: 0 none, 1 sale, 2 cancelled, 3 unpaid. */
  private readonly orderKind: number[] = [];
  readonly status: StatusTally | undefined;
  readonly hasReturnTypes: boolean;

  constructor(mapping: ColumnMapping, options: RowRuleOptions) {
    this.cCol = mapping.customer ?? -1;
    this.dCol = mapping.date ?? -1;
    this.sCol = mapping.status ?? -1;
    this.tCol = mapping.orderType ?? -1;
    this.oCol = mapping.order ?? -1;
    const header = options.header;
    this.headerCustomer = header && this.cCol >= 0 ? normaliseHeader(header[this.cCol]) : "";
    this.headerDate = header && this.dCol >= 0 ? normaliseHeader(header[this.dCol]) : "";
    this.excluded = new Set((options.excludeIds ?? []).map((id) => customerKeyOf(customerIdOf(id))).filter((k) => k !== ""));
    this.classify = statusClassifier(options.status ?? {});
    this.status = this.sCol >= 0 ? { column: this.sCol, sale: 0, cancelled: 0, unpaid: 0, inherited: 0, unknown: new Map() } : undefined;
    this.hasReturnTypes = this.tCol >= 0;
  }

  private readonly excludedSeen = new Set<string>();
  /** How many of the exclusion list's ids were found among the customers read. */
  get excludedFound(): number {
    return this.excludedSeen.size;
  }

  private flagsOf(c: number, ids: readonly string[]): number {
    while (this.flagged <= c) {
      if (this.flagged >= this.flags.length) {
        const grown = new Uint8Array(this.flags.length * 2);
        grown.set(this.flags);
        this.flags = grown;
      }
      const id = ids[this.flagged];
      let f = 0;
      if (isTotalWord(id)) f |= FLAG_TOTAL;
      if (this.headerCustomer !== "" && normalisesTo(id, this.headerCustomer)) f |= FLAG_HEADER;
      if (this.excluded.size) {
        const key = customerKeyOf(id);
        if (this.excluded.has(key)) {
          f |= FLAG_EXCLUDED;
          this.excludedSeen.add(key);
        }
      }
      this.flags[this.flagged++] = f;
    }
    return this.flags[c];
  }

  /**
   * The status of a row from the rules that come before its values, or 0 when none applies.
   * `c` is the row's customer index (−1 when it has none), `o` its order index (−1 without one).
   */
  preStatus(row: readonly Cell[], c: number, o: number, ids: readonly string[]): number {
    // Rows come in runs of one customer: their flags are read once a run.
    let f = 0;
    if (c === this.lastCustomer) f = this.lastFlags;
    else if (c >= 0) {
      f = this.lastFlags = this.flagsOf(c, ids);
      this.lastCustomer = c;
    }
    if (f & FLAG_HEADER && normaliseHeader(row[this.dCol]) === this.headerDate) return PRE_HEADER_ROW;
    if (f & FLAG_TOTAL) return PRE_TOTAL_ROW;
    if (this.cCol !== 0 && isTotalWord(row[0])) return PRE_TOTAL_ROW;
    if (c < 0) return PRE_MISSING_CUSTOMER;
    if (f & FLAG_EXCLUDED) return PRE_EXCLUDED_CUSTOMER;
    if (this.sCol >= 0) {
      const kind = this.statusKind(row[this.sCol], o);
      if (kind === 2) return PRE_CANCELLED;
      if (kind === 3) return PRE_UNPAID;
    }
    return 0;
  }

  /** True when the row's order-type cell marks a return. */
  isReturn(row: readonly Cell[]): boolean {
    return this.tCol >= 0 && isReturnType(row[this.tCol]);
  }

  /** 0 no status, 1 sale, 2 cancelled, 3 unpaid; counts the row in the tally. */
  private statusKind(cell: Cell, o: number): number {
    const tally = this.status!;
    const blank = cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
    if (blank) {
      // Line-item exports (Shopify) write the status on the order's first line only.
      const inherited = o >= 0 ? this.orderKind[o] ?? 0 : 0;
      if (inherited) {
        ++tally.inherited;
        this.count(inherited);
      }
      return inherited;
    }
    let kind: StatusKind | undefined;
    if (cell === this.lastStatusCell && this.lastStatusKind !== null) kind = this.lastStatusKind;
    else {
      kind = this.classify(normaliseStatus(cell));
      this.lastStatusCell = cell;
      this.lastStatusKind = kind;
    }
    let code = 1;
    if (kind === undefined) {
      const text = String(cell).trim();
      tally.unknown.set(text, (tally.unknown.get(text) ?? 0) + 1);
    } else code = kind === "sale" ? 1 : kind === "cancelled" ? 2 : 3;
    if (o >= 0 && !this.orderKind[o]) this.orderKind[o] = code;
    if (kind !== undefined) this.count(code);
    return code;
  }

  private count(code: number): void {
    const tally = this.status!;
    if (code === 1) ++tally.sale;
    else if (code === 2) ++tally.cancelled;
    else ++tally.unpaid;
  }
}

/** A totals row whose amount is not the sum of the rows above it. */
export interface TotalMismatch {
  /** 0-based data row. */
  row: number;
  amount: number;
  /** The sum of the included rows above it since the last totals row (or the header). */
  sumAbove: number;
}

/** What the totals rows' amounts say: equal to a sum of the rows above (checked), or not. */
export interface TotalsCheck {
  rows: number;
  /** Rows whose amount is the sum of the rows above since the last totals row, or of all rows above (a grand total). */
  checked: number;
  /** Rows without a readable amount (nothing to check). */
  noAmount: number;
  mismatched: TotalMismatch[];
}

/** Cents: exports round their totals to cents, and float sums are off in the last bits. */
const sameAmount = (a: number, b: number) => Math.abs(a - b) < 0.005 + 1e-9 * Math.abs(b);

/**
 * Checks each totals row (status PRE_TOTAL_ROW) against the rows above it: its amount equals the sum
 * of the included rows (status 0) since the previous totals row or (repeated) header — a subtotal — or
 * since the header — a grand total. Sums of every data row with a readable amount (excluded ones
 * too: an export's 合计 may count cancelled orders) are accepted as well. A totals row that matches
 * none stays a totals row (a customer named "Total" is far less likely than a total that is off, or
 * rounded, or of another column); the note says so and names the row.
 */
export function checkTotalRows(status: Uint8Array, amount: Float64Array, rowCount: number): TotalsCheck {
  const check: TotalsCheck = { rows: 0, checked: 0, noAmount: 0, mismatched: [] };
  let sinceIncluded = 0, allIncluded = 0, sinceAny = 0, allAny = 0;
  for (let i = 0; i < rowCount; ++i) {
    const s = status[i];
    const a = amount[i];
    if (s === PRE_TOTAL_ROW) {
      ++check.rows;
      if (a !== a) ++check.noAmount;
      else if (sameAmount(a, sinceIncluded) || sameAmount(a, allIncluded) || sameAmount(a, sinceAny) || sameAmount(a, allAny)) ++check.checked;
      else check.mismatched.push({ row: i, amount: a, sumAbove: Math.round(sinceIncluded * 100) / 100 });
      sinceIncluded = sinceAny = 0;
    } else if (s === PRE_HEADER_ROW) {
      // A repeated header starts another export's rows: a subtotal after it counts from there.
      sinceIncluded = sinceAny = 0;
    } else if (a === a) {
      if (s === 0) {
        sinceIncluded += a;
        allIncluded += a;
      }
      sinceAny += a;
      allAny += a;
    }
  }
  return check;
}
