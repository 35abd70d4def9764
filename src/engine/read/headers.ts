import type { Cell, ColumnMapping, Field } from "../common/types";

/**
 * Known header names, as data: one row per platform (or family of files) and field, names
 * normalised (lower case, no spaces, `_`, `-` or `.`). Within a field the order of the rows, then
 * of the names, is the preference when several columns match (Shopify's `Paid at` before
 * `Created at`; `Customer ID` before `Email`). `onlyWith` restricts a name to headers that also
 * hold one of those names: Shopify's `Name` is its order number, but `Name` elsewhere is a person.
 */
export interface HeaderSynonyms {
  platform: string;
  field: Field;
  names: readonly string[];
  onlyWith?: readonly string[];
}

export const HEADER_SYNONYMS: readonly HeaderSynonyms[] = [
  { platform: "generic", field: "customer", names: ["customerid", "customer", "customerno", "customernumber", "customercode", "clientid", "client", "memberid", "member", "userid", "buyerid", "accountid"] },
  { platform: "generic-zh", field: "customer", names: ["客户id", "客户编号", "会员号", "客户号", "会员id", "会员编号", "用户id", "客户代码", "客户", "会员", "用户"] },
  { platform: "淘宝/天猫", field: "customer", names: ["买家会员名", "买家昵称", "买家id"] },
  { platform: "京东", field: "customer", names: ["下单帐号", "下单账号", "客户账号", "用户账号"] },
  { platform: "有赞", field: "customer", names: ["买家手机号", "手机号", "会员手机号"] },
  { platform: "Stripe", field: "customer", names: ["customeremail"] },
  { platform: "WooCommerce", field: "customer", names: ["billingemail", "billingemailaddress"] },
  { platform: "Shopify", field: "customer", names: ["email", "emailaddress", "邮箱"] },

  { platform: "generic", field: "date", names: ["invoicedate", "date", "orderdate", "transactiondate", "purchasedate", "saledate", "txndate", "datetime", "timestamp"] },
  { platform: "generic-zh", field: "date", names: ["日期", "交易日期", "下单时间", "下单日期", "订单日期", "购买日期", "交易时间", "支付时间", "付款时间", "时间"] },
  { platform: "淘宝/天猫", field: "date", names: ["订单付款时间", "订单创建时间"] },
  { platform: "Shopify", field: "date", names: ["paidat", "createdat"] },
  { platform: "Stripe", field: "date", names: ["created(utc)", "created"] },

  { platform: "generic", field: "amount", names: ["amount", "sales", "revenue", "total", "totalamount", "salesamount", "value", "spend", "dollarvalue"] },
  { platform: "京东", field: "amount", names: ["应付金额"] },
  { platform: "generic-zh", field: "amount", names: ["金额", "消费金额", "实付金额", "销售额", "订单金额", "交易金额", "支付金额", "实收金额"] },
  { platform: "淘宝/天猫", field: "amount", names: ["买家实际支付金额", "实际支付金额"] },
  { platform: "有赞", field: "amount", names: ["订单实付金额"] },
  { platform: "WooCommerce", field: "amount", names: ["ordertotal", "ordertotalamount"] },

  { platform: "generic", field: "quantity", names: ["quantity", "qty", "units", "numberofunits"] },
  { platform: "generic-zh", field: "quantity", names: ["数量", "购买数量", "销售数量"] },
  { platform: "Shopify", field: "quantity", names: ["lineitemquantity"] },
  { platform: "generic", field: "price", names: ["unitprice", "price"] },
  { platform: "generic-zh", field: "price", names: ["单价", "价格", "销售单价"] },
  { platform: "Shopify", field: "price", names: ["lineitemprice"] },

  { platform: "generic", field: "order", names: ["invoiceno", "invoice", "invoiceid", "invoicenumber", "order", "orderid", "orderno", "ordernumber", "transactionid"] },
  { platform: "generic-zh", field: "order", names: ["订单号", "订单编号", "订单id", "单号", "交易号", "交易编号"] },
  { platform: "Shopify", field: "order", names: ["name"], onlyWith: ["financialstatus", "fulfillmentstatus", "paidat"] },

  { platform: "Shopify", field: "status", names: ["financialstatus"] },
  { platform: "generic", field: "status", names: ["orderstatus", "paymentstatus", "status"] },
  { platform: "generic-zh", field: "status", names: ["订单状态", "交易状态", "支付状态", "付款状态", "状态"] },

  { platform: "generic", field: "orderType", names: ["ordertype", "transactiontype", "documenttype", "type"] },
  { platform: "generic-zh", field: "orderType", names: ["单据类型", "订单类型", "交易类型", "业务类型"] },
];

/** Names per field, in preference order (derived from HEADER_SYNONYMS). */
export const HEADER_NAMES: Record<Field, readonly string[]> = (() => {
  const names = {} as Record<Field, string[]>;
  for (const row of HEADER_SYNONYMS) (names[row.field] ??= []).push(...row.names);
  return names;
})();

/** Normalises a header cell for matching: lower case, without white space, `_`, `-`, `.`. */
export function normaliseHeader(value: Cell): string {
  return String(value ?? "").toLowerCase().replace(/[\s_\-.]+/g, "");
}

/**
 * normaliseHeader(text) === target, without making the normalised text when `text` is ASCII (most
 * ids): its code units are compared as normalising would leave them, white space, _, - and .
 * skipped and A–Z lower-cased. rowRules asks it of every customer id, against the header's name.
 */
export function normalisesTo(text: string, target: string): boolean {
  let j = 0;
  for (let i = 0; i < text.length; ++i) {
    let c = text.charCodeAt(i);
    // Beyond ASCII (which may lower-case to ASCII, as K does, or be white space): normalise to know.
    if (c > 127) return normaliseHeader(text) === target;
    if (c === 32 || (c >= 9 && c <= 13) || c === 95 || c === 45 || c === 46) continue;
    if (c >= 65 && c <= 90) c += 32;
    if (j >= target.length || target.charCodeAt(j) !== c) return false;
    ++j;
  }
  return j === target.length;
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
  const present = new Set(names);
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const rank = new Map<Field, Map<string, number>>();
  for (const row of HEADER_SYNONYMS) {
    if (row.onlyWith && !row.onlyWith.some((n) => present.has(n))) continue;
    let ranks = rank.get(row.field);
    if (!ranks) rank.set(row.field, (ranks = new Map()));
    for (const name of row.names) if (!ranks.has(name)) ranks.set(name, ranks.size);
  }
  for (const [field, ranks] of rank) {
    let best = -1;
    let bestRank = Infinity;
    names.forEach((name, column) => {
      if (used.has(column)) return;
      const r = ranks.get(name);
      if (r !== undefined && r < bestRank) {
        best = column;
        bestRank = r;
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
