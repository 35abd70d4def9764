import type { Cell, ColumnMapping, Field } from "../types";

/** Known header names per field, normalised (lower case, no spaces, `_`, `-` or `.`), best first. */
export const HEADER_NAMES: Record<Field, readonly string[]> = {
  customer: [
    "customerid", "customer", "customerno", "customernumber", "customercode", "clientid", "client",
    "memberid", "member", "userid", "buyerid", "accountid",
    "客户id", "客户编号", "会员号", "客户号", "会员id", "会员编号", "用户id", "客户代码", "客户", "会员", "用户",
  ],
  date: [
    "invoicedate", "date", "orderdate", "transactiondate", "purchasedate", "saledate", "txndate",
    "datetime", "timestamp",
    "日期", "交易日期", "下单时间", "下单日期", "订单日期", "购买日期", "交易时间", "支付时间", "付款时间", "时间",
  ],
  amount: [
    "amount", "sales", "revenue", "total", "totalamount", "salesamount", "value", "spend", "dollarvalue",
    "金额", "消费金额", "实付金额", "销售额", "订单金额", "交易金额", "支付金额", "实收金额", "应付金额",
  ],
  quantity: ["quantity", "qty", "units", "numberofunits", "数量", "购买数量", "销售数量"],
  price: ["unitprice", "price", "单价", "价格", "销售单价"],
  order: [
    "invoiceno", "invoice", "invoiceid", "invoicenumber", "order", "orderid", "orderno", "ordernumber",
    "transactionid", "订单号", "订单编号", "订单id", "单号", "交易号", "交易编号",
  ],
};

/** Normalises a header cell for matching: lower case, without white space, `_`, `-`, `.`. */
export function normaliseHeader(value: Cell): string {
  return String(value ?? "").toLowerCase().replace(/[\s_\-.]+/g, "");
}

/** Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Finds each field's column in a header row, by the names above (English and Chinese, any case,
 * spaces ignored). A column is used for one field at most; the best-ranked name wins.
 */
export function detectMapping(header: readonly Cell[]): ColumnMapping {
  const names = header.map(normaliseHeader);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const field of Object.keys(HEADER_NAMES) as Field[]) {
    let best = -1;
    let bestRank = Infinity;
    names.forEach((name, column) => {
      if (used.has(column)) return;
      const rank = HEADER_NAMES[field].indexOf(name);
      if (rank >= 0 && rank < bestRank) {
        best = column;
        bestRank = rank;
      }
    });
    if (best >= 0) {
      mapping[field] = best;
      used.add(best);
    }
  }
  return mapping;
}

const NUMERIC_TEXT = /^[+-]?[\d.,]+$/;

/**
 * True when a row looks like a header: it names at least one known field, or it is all text (no
 * numbers, dates or numeric text) while the next row holds a number or a date.
 */
export function looksLikeHeader(row: readonly Cell[], next?: readonly Cell[]): boolean {
  if (Object.keys(detectMapping(row)).length > 0) return true;
  const cells = row.filter((v) => v !== "" && v !== null && v !== undefined);
  if (cells.length === 0 || !cells.every((v) => typeof v === "string" && !NUMERIC_TEXT.test(v.trim()) && !/\d{4}/.test(v))) return false;
  return (next ?? []).some((v) => typeof v === "number" || v instanceof Date || (typeof v === "string" && /\d/.test(v)));
}

/**
 * Resolves a user's column reference — a header name (any case, spaces ignored), a column letter
 * (`C`) or a 1-based number — to a 0-based index, or -1.
 */
export function findColumn(header: readonly Cell[] | null, reference: string | number, width: number): number {
  if (typeof reference === "number") return reference >= 0 && reference < width ? reference : -1;
  const wanted = normaliseHeader(reference);
  // A bare number is a 1-based column number first: the "header" may be a data row (files without one).
  if (/^\d+$/.test(reference.trim())) {
    const n = Number(reference) - 1;
    if (n >= 0 && n < width) return n;
  }
  if (header) {
    const exact = header.findIndex((h) => String(h ?? "").trim() === reference.trim());
    if (exact >= 0) return exact;
    const loose = header.findIndex((h) => normaliseHeader(h) === wanted);
    if (loose >= 0) return loose;
  }
  if (/^[A-Za-z]{1,3}$/.test(reference.trim())) {
    const letters = reference.trim().toUpperCase();
    let index = 0;
    for (const ch of letters) index = index * 26 + (ch.charCodeAt(0) - 64);
    return index - 1 < width ? index - 1 : -1;
  }
  return -1;
}
