import { hintedText, type OptionFix, type SayOption } from "./optionRefs";

/** A cell as Excel's `range.values` gives it (plus Date, which ExcelJS gives for date cells). */
export type Cell = string | number | boolean | Date | null | undefined;

/**
 * The fields a transaction row is made of. `amount` or `quantity` × `price` is required; `order`,
 * `status` (order status: paid, cancelled, 交易关闭 …) and `orderType` (sale / return, 单据类型) are optional.
 */
export type Field = "customer" | "date" | "amount" | "quantity" | "price" | "order" | "status" | "orderType";
export const FIELDS: readonly Field[] = ["customer", "date", "amount", "quantity", "price", "order", "status", "orderType"];
/** The fields plus `dimension`, the column of a breakdown (`--by Country`): never detected, only chosen. */
export type MappedField = Field | "dimension";
export const MAPPED_FIELDS: readonly MappedField[] = [...FIELDS, "dimension"];

/** Column index (0-based) per field; a field that is absent is left out. */
export type ColumnMapping = Partial<Record<MappedField, number>>;

/** Why a row is not a valid purchase, in the order SPEC §1 checks them. */
export type ExclusionReason =
  | "title_row"
  | "header_row"
  | "total_row"
  | "missing_customer"
  | "excluded_customer"
  | "cancelled_order"
  | "unpaid_order"
  | "bad_date"
  | "bad_amount"
  | "non_positive_amount"
  | "after_as_of";
export const EXCLUSION_REASONS: readonly ExclusionReason[] = [
  "title_row",
  "header_row",
  "total_row",
  "missing_customer",
  "excluded_customer",
  "cancelled_order",
  "unpaid_order",
  "bad_date",
  "bad_amount",
  "non_positive_amount",
  "after_as_of",
];
/**
 * Row status codes: 0 = included, k = EXCLUSION_REASONS[k − 1], and after them `return` (with
 * returns = net: a return that nets off its customer's monetary; neither a purchase nor excluded).
 */
export const INCLUDED = 0;
export const RETURN_STATUS = EXCLUSION_REASONS.length + 1;

/** Something the engine assumed or decided that changes what was read: said out loud to the user. */
export interface ReadNote {
  code: string;
  message: string;
  zh: string;
  /** The settings the note names, for each caller to say its own way (see optionRefs.ts). */
  fix?: OptionFix;
}

export type Lang = "en" | "zh";
export type ScoreMethod = "quantile" | "ntile" | "fixed" | "rfm";
export type DateOrder = "auto" | "dmy" | "mdy";
export type DateSystem = 1900 | 1904;

/** A problem with the user's input, naming where it is. Never thrown by the engine on data. */
export interface InputIssue {
  /** 1-based row number as the user sees it (header row included), or 0 when not about one row. */
  row: number;
  /** The column's header (or letter) the issue is about, "" when not about one column. */
  column: string;
  code: string;
  message: string;
  /** The same message in Chinese (every issue the engine makes has one). */
  zh?: string;
  /** The settings the message names, for each caller to say its own way (see optionRefs.ts). */
  fix?: OptionFix;
}

/** The issue's message in `lang`, the settings it names said by `say` (the CLI: flags; the pane: its fields; default: plain words). */
export function issueMessage(issue: InputIssue, lang: Lang, say?: SayOption): string {
  return hintedText(issue, lang, say);
}
