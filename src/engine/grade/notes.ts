/**
 * What the read assumed or decided, said out loud (issue #16: every heuristic that changes what is
 * read is reported): the header row found below titles, order totals counted once, the order-status
 * column and its unknown values, returns netted, the exclusion list, e-mail ids merged. The CLI
 * summary prints these; the pane shows them.
 */
import { reasonZh } from "../common/labels";
import { slots } from "../common/optionRefs";
import type { OrderTotalsCheck } from "../read/orderTotals";
import { amountWithMark } from "../read/amount";
import type { MarkDecision } from "../read/decimalMark";
import type { TotalsCheck } from "../read/rowRules";
import type { ResolvedColumns } from "../read/mapping";
import type { RowReport } from "../read/rowReport";
import { includedAmount, type Transactions } from "../read/transactions";
import type { ReadNote } from "../common/types";
import type { GradeOptions } from "./options";
import type { GradeSummary } from "./summary";

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
/** How many unknown status values a note lists by name. */
const UNKNOWN_LISTED = 8;

export interface NoteInput {
  transactions: Transactions;
  columns: ResolvedColumns;
  options: GradeOptions;
  report: RowReport;
  summary: GradeSummary;
  orderTotals?: OrderTotalsCheck;
  firstRowNumber: number;
}

/** What checking the totals rows against the sums above them found, as a sentence to follow the totals note. */
function totalsCheckText(check: TotalsCheck | undefined, firstRowNumber: number): { en: string; zh: string } {
  if (!check || check.rows === 0) return { en: "", zh: "" };
  const parts: string[] = [], partsZh: string[] = [];
  if (check.checked) {
    parts.push(check.checked === check.rows ? `${check.rows === 1 ? "Its amount equals" : "Each one's amount equals"} the sum of the rows above it (checked).` : `${check.checked} of them equal the sum of the rows above (checked).`);
    partsZh.push(check.checked === check.rows ? "金额与上方各行之和一致（已核对）。" : `其中 ${check.checked} 个与上方各行之和一致（已核对）。`);
  }
  const listed = check.mismatched.slice(0, 5);
  if (listed.length) {
    parts.push(`Not the sum above: ${listed.map((m) => `row ${firstRowNumber + m.row} (${fmt(m.amount)}; the included rows above sum to ${fmt(m.sumAbove)})`).join(", ")}${check.mismatched.length > listed.length ? ` and ${check.mismatched.length - listed.length} more` : ""} — still skipped as totals; if one is a real customer, map the customer column or rename the id.`);
    partsZh.push(`与上方之和不一致：${listed.map((m) => `第 ${firstRowNumber + m.row} 行（${fmt(m.amount)}；上方计入行合计 ${fmt(m.sumAbove)}）`).join("、")}${check.mismatched.length > listed.length ? `，另有 ${check.mismatched.length - listed.length} 行` : ""}——仍按合计行跳过；如其中是真实客户，请指定客户列或修改其ID。`);
  }
  if (check.noAmount) {
    parts.push(`${check.noAmount} without an amount to check.`);
    partsZh.push(`${check.noAmount} 个没有可核对的金额。`);
  }
  return { en: ` ${parts.join(" ")}`, zh: partsZh.join("") };
}

/** What was decided about a column's decimal mark, when it is not the plain decimal point everyone expects. */
function decimalMarkNote(d: MarkDecision, column: string, firstRowNumber: number): ReadNote | undefined {
  const markEn = d.mark === "," ? "a decimal comma" : "a decimal point";
  const markZh = d.mark === "," ? "小数逗号" : "小数点";
  const s = slots();
  if (d.how === "option") return { code: "decimal_mark_option", ...s.done(`${column} read with ${markEn} (${s("decimalMark", d.mark)}).`, `${column} 列按${markZh}读取（${s("decimalMark", d.mark)}）。`) };
  const e = d.evidence!;
  const other = e.firstAmbiguous;
  const row = (r: number) => firstRowNumber + r;
  if (d.mark === ",") {
    const c = e.firstComma!;
    const also = other ? `; so "${other.text}" (row ${row(other.row)}) is ${amountWithMark(other.text, ",")}` : "";
    const alsoZh = other ? `；因此第 ${row(other.row)} 行的“${other.text}”读作 ${amountWithMark(other.text, ",")}` : "";
    return {
      code: "decimal_comma",
      ...s.done(
        `${column} read with a decimal comma (detected: ${e.comma} value${e.comma === 1 ? "" : "s"} like "${c.text}", row ${row(c.row)}, need one${also}). Use ${s("decimalMark", ".")} if that is wrong.`,
        `${column} 列按小数逗号读取（自动判断：${e.comma} 个值需要小数逗号，如第 ${row(c.row)} 行的“${c.text}”${alsoZh}）。如不对，请用 ${s("decimalMark", ".")}`,
      ),
    };
  }
  const group = e.firstCommaGroup;
  if (!group) return undefined;
  const p = e.firstDot!;
  return {
    code: "thousands_comma",
    ...s.done(
      `${column}: "${group.text}" (row ${row(group.row)}) read as ${amountWithMark(group.text, ".")} (a thousands comma), because values like "${p.text}" (row ${row(p.row)}) have a decimal point. Use ${s("decimalMark", ",")} if that is wrong.`,
      `${column} 列：第 ${row(group.row)} 行的“${group.text}”读作 ${amountWithMark(group.text, ".")}（逗号为千位分隔符），因为该列有带小数点的值，如第 ${row(p.row)} 行的“${p.text}”。如不对，请用 ${s("decimalMark", ",")}`,
    ),
  };
}

export function readNotes(input: NoteInput): ReadNote[] {
  const { transactions: tx, columns, options, report, summary, orderTotals, firstRowNumber } = input;
  const { mapping, names } = columns;
  const notes: ReadNote[] = [];
  const titles = report.excluded.title_row.count;
  if (titles > 0) {
    const row = firstRowNumber - 1;
    notes.push({
      code: "header_row_found",
      message: `Header found on row ${row}; the ${titles} row${titles > 1 ? "s" : ""} above it (titles) ${titles > 1 ? "are" : "is"} not graded (title_row).`,
      zh: `表头位于第 ${row} 行；其上 ${titles} 行为标题行，不参与分级。`,
    });
  }
  const { header_row: headers, total_row: totals } = report.excluded;
  if (headers.count) notes.push({ code: "header_rows", message: `${headers.count} repeated header row${headers.count > 1 ? "s" : ""} skipped (header_row; row ${headers.rows.join(", ")}).`, zh: `跳过 ${headers.count} 个重复的表头行（header_row；第 ${headers.rows.join("、")} 行）。` });
  if (totals.count) {
    const { en, zh } = totalsCheckText(tx.totalsCheck, firstRowNumber);
    notes.push({ code: "total_rows", message: `${totals.count} totals row${totals.count > 1 ? "s" : ""} (合计 / Total) skipped (total_row; row ${totals.rows.join(", ")}).${en}`, zh: `跳过 ${totals.count} 个合计行（total_row；第 ${totals.rows.join("、")} 行）。${zh}` });
  }

  for (const d of tx.decimalMarks ?? []) {
    const note = decimalMarkNote(d, names[d.column], firstRowNumber);
    if (note) notes.push(note);
  }

  if (orderTotals && orderTotals.multiLineOrders > 0) {
    const { multiLineOrders: all, repeatedOrders: same, zeroedLines } = orderTotals;
    const amount = names[mapping.amount!];
    const s = slots();
    if (orderTotals.per === "order")
      notes.push({
        code: "amount_per_order",
        ...s.done(
          `${amount} is counted once per order, on the order's first line (${options.amountPer === "auto" ? `detected: in ${same} of ${all} orders with several lines every line has the same amount` : s("amountPer", "order")}); ${zeroedLines} further line${zeroedLines === 1 ? "" : "s"} count 0. Use ${s("amountPer", "line")} to add every line.`,
          `${amount} 按订单只计一次，计在订单的第一行（${options.amountPer === "auto" ? `自动判断：${all} 个多行订单中有 ${same} 个各行金额相同` : s("amountPer", "order")}）；其余 ${zeroedLines} 行按 0 计。如需逐行相加，请用 ${s("amountPer", "line")}。`,
        ),
      });
    else if (same > 0)
      notes.push({
        code: "amount_per_line",
        ...s.done(
          `${amount} is added per line: in ${same} of ${all} orders with several lines every line has the same amount (fewer than half, so not taken as a repeated order total). Use ${s("amountPer", "order")} if it is the order's total.`,
          `${amount} 逐行相加：${all} 个多行订单中有 ${same} 个各行金额相同（不到一半，未视为重复的订单总额）。如该列是订单总额，请用 ${s("amountPer", "order")}。`,
        ),
      });
  }

  const tally = tx.statusTally;
  if (tally) {
    const column = names[tally.column];
    const { cancelled_order: cancelled, unpaid_order: unpaid } = report.excluded;
    notes.push({
      code: "order_status",
      message: `Order status from ${column}: ${cancelled.count} row${cancelled.count === 1 ? "" : "s"} of cancelled orders and ${unpaid.count} of unpaid orders excluded.${tally.inherited ? ` ${tally.inherited} line${tally.inherited === 1 ? "" : "s"} without a status took their order's status from its first line.` : ""}`,
      zh: `订单状态取自 ${column} 列：已取消订单 ${cancelled.count} 行、未付款订单 ${unpaid.count} 行未计入。${tally.inherited ? `${tally.inherited} 行没有状态，沿用了同一订单第一行的状态。` : ""}`,
    });
    if (tally.unknown.size) {
      const entries = [...tally.unknown.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const listed = entries.slice(0, UNKNOWN_LISTED);
      const more = entries.length - listed.length;
      const rows = entries.reduce((s, [, n]) => s + n, 0);
      const s = slots();
      notes.push({
        code: "unknown_status",
        ...s.done(
          `${column} values not recognised, kept as sales (${rows} row${rows === 1 ? "" : "s"}): ${listed.map(([v, n]) => `"${v}" ${n}`).join(", ")}${more ? `, and ${more} more` : ""}.${s.advice(` Decide with ${s("saleStatus")} or ${s("excludeStatus")}.`)}`,
          `${column} 列中无法识别的状态值，按成交计入（共 ${rows} 行）：${listed.map(([v, n]) => `“${v}” ${n} 行`).join("、")}${more ? `，另有 ${more} 种` : ""}。${s.advice(`可用 ${s("saleStatus")} 或 ${s("excludeStatus")} 指定。`)}`,
        ),
      });
    }
  }

  if (options.returns === "net") {
    const { count, amount } = report.returns;
    const gross = includedAmount(tx);
    const s = slots();
    notes.push({
      code: "returns_net",
      ...s.done(
        `Returns netted off monetary (${s("returns", "net")}): ${count} row${count === 1 ? "" : "s"}, ${fmt(amount)}; gross revenue ${fmt(gross)}, net revenue ${fmt(summary.revenue)} (each customer's monetary floored at 0).`,
        `退货冲减消费金额（${s("returns", "net")}）：${count} 行，共 ${fmt(amount)}；毛收入 ${fmt(gross)}，净收入 ${fmt(summary.revenue)}（每位客户不低于 0）。`,
      ),
    });
  } else if (tx.returnTypeRows > 0) {
    const column = names[mapping.orderType!];
    const s = slots();
    notes.push({
      code: "returns_excluded",
      ...s.done(
        `${tx.returnTypeRows} row${tx.returnTypeRows === 1 ? "" : "s"} marked as returns in ${column} excluded (non_positive_amount); ${s("returns", "net")} nets them off monetary instead.`,
        `${column} 列标为退货的 ${tx.returnTypeRows} 行未计入（${reasonZh("non_positive_amount")}）；如需冲减消费金额，请用 ${s("returns", "net")}。`,
      ),
    });
  }

  if (options.excludeIds && options.excludeIds.length) {
    const listed = new Set(options.excludeIds.map((s) => s.trim()).filter(Boolean)).size;
    const rows = report.excluded.excluded_customer.count;
    notes.push({
      code: "excluded_ids",
      message: `Exclusion list: ${listed} id${listed === 1 ? "" : "s"}, ${tx.excludedIdsFound} found in the data; ${rows} row${rows === 1 ? "" : "s"} excluded (excluded_customer).`,
      zh: `排除名单：${listed} 个ID，数据中出现 ${tx.excludedIdsFound} 个；${rows} 行未计入（排除名单中的客户）。`,
    });
  }

  if (tx.mergedEmailIds > 0)
    notes.push({
      code: "email_ids_merged",
      message: `E-mail ids compared without case: ${tx.mergedEmailIds} other spelling${tx.mergedEmailIds === 1 ? "" : "s"} merged into the first spelling seen.`,
      zh: `电子邮箱形式的客户ID不区分大小写：${tx.mergedEmailIds} 种其他写法已并入首次出现的写法。`,
    });
  return notes;
}
