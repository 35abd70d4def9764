/**
 * Order status and order type values, as data (SPEC §1): what a platform's status cell says about
 * the order — a sale, a cancelled (closed, voided, refunded …) order, or an unpaid one — and which
 * order-type cells mark a return. Values are compared normalised: lower case, without white space
 * or punctuation, so `Pending payment`, `pending_payment` and `PENDING-PAYMENT` are one value.
 */
import type { Cell } from "../common/types";

export type StatusKind = "sale" | "cancelled" | "unpaid";

export interface StatusValues {
  platform: string;
  kind: StatusKind;
  values: readonly string[];
}

/** Known status values per platform; a value not listed is not guessed at (kept, and reported). */
export const STATUS_VALUES: readonly StatusValues[] = [
  { platform: "generic", kind: "sale", values: ["paid", "completed", "complete", "shipped", "processing", "partiallyrefunded", "fulfilled", "delivered", "succeeded", "success", "awaitingfulfillment", "awaitingshipment"] },
  { platform: "generic", kind: "cancelled", values: ["cancelled", "canceled", "closed", "voided", "void", "failed", "refunded", "declined", "rejected", "reversed"] },
  { platform: "generic", kind: "unpaid", values: ["pending", "pendingpayment", "awaitingpayment", "unpaid", "onhold", "notpaid"] },
  { platform: "Shopify", kind: "sale", values: ["paid", "partiallyrefunded"] },
  { platform: "Shopify", kind: "cancelled", values: ["refunded", "voided"] },
  { platform: "Shopify", kind: "unpaid", values: ["pending"] },
  { platform: "WooCommerce", kind: "sale", values: ["completed", "processing", "wccompleted", "wcprocessing"] },
  { platform: "WooCommerce", kind: "cancelled", values: ["cancelled", "refunded", "failed", "wccancelled", "wcrefunded", "wcfailed"] },
  { platform: "WooCommerce", kind: "unpaid", values: ["pendingpayment", "onhold", "wcpending", "wconhold"] },
  { platform: "Stripe", kind: "sale", values: ["paid", "succeeded"] },
  { platform: "Stripe", kind: "cancelled", values: ["failed", "refunded"] },
  { platform: "淘宝/天猫", kind: "sale", values: ["交易成功", "卖家已发货等待买家确认", "买家已付款等待卖家发货", "等待卖家发货", "卖家部分发货", "已发货", "买家已付款"] },
  { platform: "淘宝/天猫", kind: "cancelled", values: ["交易关闭", "交易关闭买家取消", "付款以前卖家或买家主动关闭交易", "退款成功"] },
  { platform: "淘宝/天猫", kind: "unpaid", values: ["等待买家付款", "待付款"] },
  { platform: "京东", kind: "sale", values: ["完成", "已完成", "等待出库", "等待确认收货", "已出库", "配送中", "已妥投"] },
  { platform: "京东", kind: "cancelled", values: ["已取消", "取消", "订单取消"] },
  { platform: "京东", kind: "unpaid", values: ["等待付款", "未付款"] },
  { platform: "generic-zh", kind: "sale", values: ["已付款", "已支付", "支付成功", "付款成功", "已签收", "已收货", "交易完成", "部分退款", "待发货", "待收货", "已成交"] },
  { platform: "generic-zh", kind: "cancelled", values: ["已关闭", "已退款", "全额退款", "交易失败", "支付失败", "已作废", "作废", "已撤销", "关闭"] },
  { platform: "generic-zh", kind: "unpaid", values: ["未支付", "待支付", "等待支付", "待买家付款"] },
];

/** Order-type values (单据类型, Type) that mark a row as a return rather than a sale. */
export const RETURN_TYPES: readonly string[] = ["return", "returns", "refund", "refunds", "creditnote", "credit", "退货", "退货单", "销售退货", "退款", "退款单", "红冲", "退"];

/** Normalises a status or type value: lower case, without white space and punctuation. */
export function normaliseStatus(value: Cell): string {
  return String(value ?? "").toLowerCase().replace(/[\s_\-.,;:!?'"()（）【】\[\]，。、；：！？“”‘’·]+/g, "");
}

const KIND_BY_VALUE: ReadonlyMap<string, StatusKind> = (() => {
  const map = new Map<string, StatusKind>();
  for (const row of STATUS_VALUES) for (const v of row.values) map.set(v, row.kind);
  return map;
})();

const RETURN_SET: ReadonlySet<string> = new Set(RETURN_TYPES);

/** The kind of a known status value (normalised), or undefined when the value is not in the table. */
export function knownStatusKind(normalised: string): StatusKind | undefined {
  return KIND_BY_VALUE.get(normalised);
}

/** True when an order-type cell says the row is a return. */
export function isReturnType(value: Cell): boolean {
  if (value === null || value === undefined || value === "") return false;
  return RETURN_SET.has(normaliseStatus(value));
}

/** The user's lists: values to treat as sales, and values to exclude (as cancelled, or unpaid when the table says so). */
export interface StatusOverrides {
  saleStatus?: readonly string[];
  excludeStatus?: readonly string[];
}

/** Status cell → kind, with the user's overrides first; `undefined` = not known (kept as a sale, reported). */
export function statusClassifier(overrides: StatusOverrides): (normalised: string) => StatusKind | undefined {
  const sale = new Set((overrides.saleStatus ?? []).map(normaliseStatus));
  const exclude = new Set((overrides.excludeStatus ?? []).map(normaliseStatus));
  return (v) => {
    if (sale.has(v)) return "sale";
    if (exclude.has(v)) return KIND_BY_VALUE.get(v) === "unpaid" ? "unpaid" : "cancelled";
    return KIND_BY_VALUE.get(v);
  };
}
