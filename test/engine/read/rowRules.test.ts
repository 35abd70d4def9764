/**
 * The row rules of SPEC §1 through the engine (gradeTable): structure rows, e-mail ids, the
 * exclusion list, order status, returns, order totals. Expected answers are worked out by hand
 * from the small tables here (or by the independent model in the property tests), never by the engine.
 */
import fc from "fast-check";
import { gradeTable, type GradeResult } from "../../../src/engine/grade/pipeline";
import { customerKeyOf, customerIdOf } from "../../../src/engine/read/customerId";
import { isTotalWord, TOTAL_WORDS } from "../../../src/engine/read/rowRules";
import { normaliseHeader, normalisesTo } from "../../../src/engine/read/headers";
import { knownStatusKind, normaliseStatus, STATUS_VALUES } from "../../../src/engine/read/orderStatus";
import { EXCLUSION_REASONS, type Cell } from "../../../src/engine/common/types";
import type { PartialOptions } from "../../../src/engine/grade/options";
import { cliText } from "../../../src/cli/optionFlags";

function grade(cells: Cell[][], options: PartialOptions = {}, extra: { titleRows?: number; hasHeader?: boolean } = {}): GradeResult {
  const outcome = gradeTable({ cells, ...extra }, options);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.result;
}

/** customer id → [frequency, monetary] of the graded customers. */
function fm(result: GradeResult): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const c of result.measures.customerIndexes) out[result.measures.ids[c]] = [result.measures.frequency[c], result.measures.monetary[c]];
  return out;
}

function conserved(result: GradeResult): void {
  const { report } = result;
  const excluded = EXCLUSION_REASONS.reduce((s, r) => s + report.excluded[r].count, 0);
  expect(report.included + report.returns.count + excluded).toBe(report.rowsRead);
}

describe("structure rows", () => {
  const cells: Cell[][] = [
    ["销售明细表", "", "", ""],
    ["制表日期：2024-07-01", "", "", ""],
    ["", "", "", ""],
    ["会员ID", "日期", "金额", "备注"],
    ["M1", "2024-03-01", 100, ""],
    ["M2", "2024-03-02", 50, ""],
    ["会员ID", "日期", "金额", "备注"],
    ["M1", "2024-04-01", 30, ""],
    ["合计", "", 180, ""],
    ["", "", 180, ""],
  ];

  it("finds the header below title rows, and excludes title, repeated header and totals rows", () => {
    const r = grade(cells);
    expect(r.columns.headerRow).toBe(3);
    expect(r.report.rowsRead).toBe(9); // 3 title rows + 6 data rows (the header itself is not a row read)
    expect(r.report.excluded.title_row).toMatchObject({ count: 3, rows: [1, 2, 3] });
    expect(r.report.excluded.header_row).toMatchObject({ count: 1, rows: [7] });
    expect(r.report.excluded.total_row).toMatchObject({ count: 1, rows: [9] });
    expect(r.report.excluded.missing_customer).toMatchObject({ count: 1, rows: [10] });
    expect(fm(r)).toEqual({ M1: [2, 130], M2: [1, 50] });
    expect(r.summary.prospects).toBe(0);
    expect(r.notes.map((n) => n.code)).toEqual(expect.arrayContaining(["header_row_found", "header_rows", "total_rows"]));
    expect(r.notes.find((n) => n.code === "header_row_found")!.message).toMatch(/^Header found on row 4;/);
    expect(r.notes.find((n) => n.code === "header_row_found")!.zh).toMatch(/表头位于第 4 行/);
    conserved(r);
  });

  it("counts title rows a caller cut off (the add-in's block starts at the header)", () => {
    const r = grade(cells.slice(3), {}, { titleRows: 3 });
    expect(r.report.excluded.title_row.count).toBe(3);
    expect(r.report.rowsRead).toBe(9);
    conserved(r);
  });

  it("finds totals words in the first column when the id column is elsewhere", () => {
    const r = grade([["Order", "Customer", "Date", "Amount"], ["o1", "A", "2024-01-01", 10], ["Grand Total", "", "", 10], ["Total:", "", "", 10]]);
    expect(r.report.excluded.total_row.count).toBe(2);
    expect(r.report.excluded.missing_customer.count).toBe(0);
  });

  it.each(["合计", "总计", "小计", " Total ", "TOTAL:", "Grand total", "Subtotal", "合计："])("%p is a totals word", (w) => expect(isTotalWord(w)).toBe(true));
  it.each(["Totally", "Tom", "合计金额说明很长很长很长很长很长", "T1", "", "总"])("%p is not", (w) => expect(isTotalWord(w)).toBe(false));

  it("says why when no header is found in the first rows", () => {
    const outcome = gradeTable({ cells: [["销售明细表"], ["制表日期：2024-07-01"], ["x", "y", "z"], ["a", "2024-01-01", 1]] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0].message).toMatch(/first 4 rows/);
  });

  it("conserves rows with the new reasons (property)", () => {
    const row = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom("A", "B", "a@x.com", "A@X.com", "", "Bad"), fc.constantFrom("2024-01-01", "2024-02-01", "nope"), fc.constantFrom<Cell>(10, -5, 0, "x", 7.5), fc.constantFrom("paid", "refunded", "pending", "", "odd")) },
      { weight: 1, arbitrary: fc.constant(["Customer", "Date", "Amount", "Status"]) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("合计", "Total", "小计"), fc.constant(""), fc.constant<Cell>(99), fc.constant("")) },
    );
    const titles = fc.array(fc.constantFrom<Cell[]>(["销售明细表", "", "", ""], ["制表日期：2024-07-01", "", "", ""]), { maxLength: 3 });
    fc.assert(
      fc.property(titles, fc.array(row, { minLength: 1, maxLength: 60 }), fc.constantFrom<"exclude" | "net">("exclude", "net"), fc.boolean(), (top, rows, returns, exclude) => {
        const cells: Cell[][] = [...top, ["Customer", "Date", "Amount", "Status"], ...(rows as Cell[][])];
        const outcome = gradeTable({ cells }, { returns, excludeIds: exclude ? ["B"] : undefined });
        if (!outcome.ok) return;
        const { report } = outcome.result;
        expect(report.rowsRead).toBe(cells.length - 1);
        expect(report.excluded.title_row.count).toBe(top.length);
        conserved(outcome.result);
        // Every row's status agrees with the report's counts.
        const counts = new Map<number, number>();
        for (const s of outcome.result.transactions.status) counts.set(s, (counts.get(s) ?? 0) + 1);
        EXCLUSION_REASONS.forEach((reason, k) => expect([reason, counts.get(k + 1) ?? 0]).toEqual([reason, reason === "title_row" ? 0 : report.excluded[reason].count]));
      }),
      { numRuns: 300 },
    );
  });
});

describe("e-mail ids", () => {
  it("compare case-insensitively, trimmed; the first spelling seen is written out", () => {
    const r = grade([
      ["Email", "Date", "Amount"],
      ["Alice@Example.com", "2024-01-01", 10],
      ["alice@example.com", "2024-01-02", 20],
      [" ALICE@example.com ", "2024-01-03", 30],
      ["Bob", "2024-01-01", 5],
      ["bob", "2024-01-02", 5],
    ]);
    expect(fm(r)).toEqual({ "Alice@Example.com": [3, 60], Bob: [1, 5], bob: [1, 5] });
    expect(r.transactions.mergedEmailIds).toBe(2);
    expect(r.notes.some((n) => n.code === "email_ids_merged")).toBe(true);
  });

  it.each<[string, string]>([["A@B.co", "a@b.co"], ["x@localhost", "x@localhost"], ["X@LOCALHOST", "X@LOCALHOST"], ["a@@b.com", "a@@b.com"], ["A@B.C.D", "a@b.c.d"], ["Ab@c.", "Ab@c."]])("key of %p is %p", (id, key) => expect(customerKeyOf(id)).toBe(key));

  it("group rows exactly as lower-cased e-mail keys do (property)", () => {
    const email = fc.tuple(fc.constantFrom("al", "Al", "AL", "bo", "él", "Él"), fc.constantFrom("@x.com", "@X.COM", "@y.org", "@ü.de", "@Ü.DE"), fc.constantFrom("", " ")).map(([a, b, pad]) => pad + a + b + pad);
    fc.assert(
      fc.property(fc.array(fc.tuple(email, fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 40 }), (rows) => {
        const r = grade([["Email", "Date", "Amount"], ...rows.map(([id, a]) => [id, "2024-01-01", a])], { amountPer: "line" });
        const want = new Map<string, { first: string; sum: number }>();
        for (const [id, a] of rows) {
          const key = id.trim().toLowerCase();
          const e = want.get(key);
          if (e) e.sum += a;
          else want.set(key, { first: id.trim(), sum: a });
        }
        expect(fm(r)).toEqual(Object.fromEntries([...want.values()].map((e) => [e.first, [1, e.sum]])));
      }),
      { numRuns: 200 },
    );
  });
});

describe("exclusion list", () => {
  const cells: Cell[][] = [["Customer", "Date", "Amount"], ["A", "2024-01-01", 10], ["test@shop.com", "2024-01-02", 20], ["00042", "2024-01-03", 30], ["42", "2024-01-04", 40], ["A", "2024-01-05", 5]];
  it("excludes the listed ids by the same id rules (e-mail case, leading zeros kept), never grades them, and says so", () => {
    const r = grade(cells, { excludeIds: ["TEST@shop.com", " 00042 ", "nobody"] });
    expect(r.report.excluded.excluded_customer).toMatchObject({ count: 2, rows: [3, 4], column: "Customer" });
    expect(fm(r)).toEqual({ A: [2, 15], "42": [1, 40] });
    expect(r.summary.prospects).toBe(0);
    const note = r.notes.find((n) => n.code === "excluded_ids")!;
    expect(note.message).toBe("Exclusion list: 3 ids, 2 found in the data; 2 rows excluded (excluded_customer).");
    conserved(r);
  });
  it("comes after missing_customer and before bad_date in the order of reasons", () => {
    const r = grade([["Customer", "Date", "Amount"], ["A", "nope", 10], ["B", "2024-01-01", 1]], { excludeIds: ["A"] });
    expect(r.report.excluded.excluded_customer.count).toBe(1);
    expect(r.report.excluded.bad_date.count).toBe(0);
  });
  it("matches ids the way customerIdOf reads them", () => expect(customerIdOf("17850.0")).toBe("17850"));
});

describe("order status", () => {
  it("maps each platform's vocabulary (case, spaces and punctuation ignored)", () => {
    const cases: [string, string][] = [
      ["交易成功", "sale"], ["卖家已发货，等待买家确认", "sale"], ["交易关闭", "cancelled"], ["等待买家付款", "unpaid"],
      ["完成", "sale"], ["已取消", "cancelled"], ["等待付款", "unpaid"],
      ["paid", "sale"], ["partially_refunded", "sale"], ["refunded", "cancelled"], ["voided", "cancelled"], ["pending", "unpaid"],
      ["Completed", "sale"], ["Processing", "sale"], ["Cancelled", "cancelled"], ["Refunded", "cancelled"], ["Failed", "cancelled"], ["Pending payment", "unpaid"], ["PENDING-PAYMENT", "unpaid"],
    ];
    for (const [value, kind] of cases) expect([value, knownStatusKind(normaliseStatus(value))]).toEqual([value, kind]);
    for (const row of STATUS_VALUES) for (const v of row.values) expect(normaliseStatus(v)).toBe(v);
  });

  it("excludes cancelled and unpaid orders, lists unknown values with row counts, keeps them as sales", () => {
    const r = grade([
      ["订单编号", "买家会员名", "订单付款时间", "买家实际支付金额", "订单状态"],
      ["T1", "张三", "2024-03-01", 100, "交易成功"],
      ["T2", "张三", "2024-03-02", 60, "交易关闭"], // paid, then refunded: has a payment time
      ["T3", "李四", "", 20, "等待买家付款"],
      ["T4", "李四", "2024-03-04", 30, "卖家已发货，等待买家确认"],
      ["T5", "王五", "2024-03-05", 40, "神秘状态"],
      ["T6", "王五", "2024-03-06", 10, "神秘状态"],
    ]);
    expect(r.report.excluded.cancelled_order).toMatchObject({ count: 1, rows: [3], column: "订单状态" });
    expect(r.report.excluded.unpaid_order).toMatchObject({ count: 1, rows: [4] });
    expect(r.report.excluded.bad_date.count).toBe(0);
    expect(fm(r)).toEqual({ 张三: [1, 100], 李四: [1, 30], 王五: [2, 50] });
    expect(r.notes.find((n) => n.code === "unknown_status")!.message).toContain(`"神秘状态" 2`);
    conserved(r);
  });

  it("takes --sale-status / --exclude-status lists over the table", () => {
    const cells: Cell[][] = [["Customer", "Date", "Amount", "Status"], ["A", "2024-01-01", 10, "Weird"], ["A", "2024-01-02", 10, "refunded"], ["B", "2024-01-03", 5, "paid"]];
    const r = grade(cells, { excludeStatus: ["weird"], saleStatus: ["Refunded"] });
    expect(r.report.excluded.cancelled_order.count).toBe(1);
    expect(fm(r)).toEqual({ A: [1, 10], B: [1, 5] });
    expect(r.notes.some((n) => n.code === "unknown_status")).toBe(false);
  });

  it("applies an order's status to its later lines that have none (Shopify line items)", () => {
    const r = grade([
      ["Name", "Email", "Financial Status", "Paid at", "Lineitem quantity", "Lineitem price"],
      ["#1001", "a@x.com", "paid", "2024-01-01", 1, 10],
      ["#1001", "a@x.com", "", "2024-01-01", 2, 5],
      ["#1002", "b@x.com", "refunded", "2024-01-02", 1, 30],
      ["#1002", "b@x.com", "", "2024-01-02", 1, 20],
      ["#1003", "b@x.com", "pending", "", 1, 7],
      ["#1003", "b@x.com", "", "", 1, 7],
      ["#1004", "b@x.com", "paid", "2024-01-03", 1, 8],
    ]);
    expect(r.report.excluded.cancelled_order.count).toBe(2);
    expect(r.report.excluded.unpaid_order.count).toBe(2);
    expect(fm(r)).toEqual({ "a@x.com": [1, 20], "b@x.com": [1, 8] });
    expect(r.transactions.statusTally!.inherited).toBe(3);
    conserved(r);
  });
});

describe("returns", () => {
  const cells: Cell[][] = [
    ["Customer", "Date", "Amount", "Order"],
    ["A", "2024-01-01", 100, "o1"],
    ["A", "2024-01-05", -30, "c1"],
    ["B", "2024-01-02", 20, "o2"],
    ["B", "2024-01-03", -50, "c2"], // more returned than bought: floored at 0
    ["C", "2024-01-04", -5, "c3"], // only a return: a prospect, not a customer
    ["A", "2024-02-01", -1, "c4"], // after the as-of date
  ];
  it("exclude (default): negative rows are non_positive_amount, monetary is gross", () => {
    const r = grade(cells, { asOf: "2024-01-20" });
    expect(r.report.excluded.non_positive_amount.count).toBe(4); // the first reason that applies: the late return too
    expect(r.report.excluded.after_as_of.count).toBe(0);
    expect(fm(r)).toEqual({ A: [1, 100], B: [1, 20] });
  });
  it("net: returns reduce monetary (floored at 0), are not orders or purchase days, and have status return", () => {
    const r = grade(cells, { returns: "net", asOf: "2024-01-20" });
    expect(r.report.returns).toMatchObject({ count: 3, rows: [3, 5, 6], amount: -85 });
    expect(r.report.excluded.non_positive_amount.count).toBe(0);
    expect(r.report.excluded.after_as_of.count).toBe(1);
    expect(fm(r)).toEqual({ A: [1, 70], B: [1, 0] });
    const a = r.measures.ids.indexOf("A");
    expect([r.measures.purchaseDays[a], r.measures.lastDay[a] - r.measures.firstDay[a]]).toEqual([1, 0]);
    expect(r.summary.prospects).toBe(1);
    expect(cliText(r.notes.find((n) => n.code === "returns_net")!, "en")).toBe("Returns netted off monetary (--returns net): 3 rows, -85; gross revenue 120, net revenue 70 (each customer's monetary floored at 0).");
    conserved(r);
  });
  it("net: a return after the latest sale but before as-of is netted; on or after the default as-of it is after_as_of", () => {
    const r = grade([["Customer", "Date", "Amount"], ["A", "2024-01-01", 10], ["A", "2024-01-02", -4]], { returns: "net" });
    expect(r.report.excluded.after_as_of.count).toBe(1);
    expect(fm(r)).toEqual({ A: [1, 10] });
  });
  it("rows an order-type column marks as returns are returns, whatever the sign of their amount", () => {
    const erp: Cell[][] = [["单据类型", "客户编号", "日期", "金额"], ["销售", "K1", "2024-01-01", 100], ["退货", "K1", "2024-01-02", 40], ["销售", "K2", "2024-01-01", 10]];
    expect(fm(grade(erp, { returns: "net", asOf: "2024-02-01" }))).toEqual({ K1: [1, 60], K2: [1, 10] });
    const excluded = grade(erp, { asOf: "2024-02-01" });
    expect(fm(excluded)).toEqual({ K1: [1, 100], K2: [1, 10] });
    expect(excluded.report.excluded.non_positive_amount.count).toBe(1);
    expect(excluded.notes.some((n) => n.code === "returns_excluded")).toBe(true);
  });
});

describe("order totals repeated on line items", () => {
  // WooCommerce-like: Order Total on every line of the order.
  const cells: Cell[][] = [
    ["Order Number", "Billing Email", "Order Date", "Order Total"],
    ["1", "a@x.com", "2024-01-01", 90], ["1", "a@x.com", "2024-01-01", 90], ["1", "a@x.com", "2024-01-01", 90],
    ["2", "b@x.com", "2024-01-02", 40], ["2", "b@x.com", "2024-01-02", 40],
    ["3", "a@x.com", "2024-01-03", 15],
    ["4", "b@x.com", "2024-01-04", 12], ["4", "b@x.com", "2024-01-04", 13],
  ];
  it("auto: most multi-line orders repeat one amount, so each order counts once (every order, on its first line), and it says so", () => {
    const r = grade(cells);
    expect(fm(r)).toEqual({ "a@x.com": [2, 105], "b@x.com": [2, 52] });
    expect(r.orderTotals).toMatchObject({ multiLineOrders: 3, repeatedOrders: 2, per: "order", zeroedLines: 4 });
    expect(r.report.included).toBe(8);
    expect(r.notes.find((n) => n.code === "amount_per_order")!.message).toMatch(/in 2 of 3 orders with several lines every line has the same amount/);
  });
  it("line: every line adds", () => expect(fm(grade(cells, { amountPer: "line" }))).toEqual({ "a@x.com": [2, 285], "b@x.com": [2, 105] }));
  it("auto keeps lines when most multi-line orders have different amounts", () => {
    const r = grade([["Order", "Customer", "Date", "Amount"], ["1", "A", "2024-01-01", 5], ["1", "A", "2024-01-01", 7], ["2", "A", "2024-01-02", 3], ["2", "A", "2024-01-02", 3], ["3", "A", "2024-01-03", 1], ["3", "A", "2024-01-03", 2]]);
    expect(fm(r)).toEqual({ A: [3, 21] });
    expect(r.orderTotals!.per).toBe("line");
    expect(r.notes.some((n) => n.code === "amount_per_line")).toBe(true);
  });
  it("order without an order column, or with quantity × price, is refused naming why", () => {
    const a = gradeTable({ cells: [["Customer", "Date", "Amount"], ["A", "2024-01-01", 1]] }, { amountPer: "order" });
    expect(!a.ok && a.issues[0].message).toMatch(/needs an order column/);
    const b = gradeTable({ cells: [["Customer", "Date", "Qty", "Price", "Order"], ["A", "2024-01-01", 1, 2, "o"]] }, { amountPer: "order" });
    expect(!b.ok && b.issues[0].message).toMatch(/Qty × Price/);
  });
});

test("normalisesTo(text, name) = (normaliseHeader(text) === name): case, separators, white space, control characters, characters that lower-case to ASCII", () => {
  const targets = ["customerid", "客户", "kunde", "id", "i̇d", "c"];
  const unit = fc.constantFrom("C", "c", "K", "\u212a", "\u0130", "I", "i", " ", "\u00a0", "\u3000", "\t", "\n", "\u000b", "\u001f", "\u0008", "_", "-", ".", "/", "客", "户", "U", "S", "T", "O", "M", "E", "R", "D", "N", "0", "@", "#");
  const text = fc.oneof(
    fc.array(unit, { maxLength: 12 }).map((us) => us.join("")),
    // Spellings of the names themselves, and names cut short or run on.
    fc.tuple(fc.constantFrom(...targets, "Customer ID", "CUSTOMER_ID", "customer-i.d", "\u212aunde", "\u0130D", "CustomerI", "CustomerIDs"), fc.constantFrom("", " ", "_", "\u3000", "\t")).map(([t, pad]) => pad + t + pad),
  );
  fc.assert(
    fc.property(text, fc.constantFrom(...targets), (t, target) => normalisesTo(t, target) === (normaliseHeader(t) === target)),
    { numRuns: 5000 },
  );
});

test("isTotalWord(cell) = a text of 1–16 code units whose normalised form is a totals word (fast paths agree with the definition)", () => {
  const reference = (v: Cell) => typeof v === "string" && v.length > 0 && v.length <= 16 && TOTAL_WORDS.includes(v.toLowerCase().replace(/[\s_\-.:：]+/g, ""));
  const unit = fc.constantFrom("T", "t", "O", "o", "A", "L", "S", "s", "U", "B", "G", "R", "N", "D", "合", "计", "总", "小", "共", "汇", " ", "\t", "\u00a0", "\u3000", "_", "-", ".", ":", "：", "1", "x");
  const cell = fc.oneof(
    fc.array(unit, { maxLength: 12 }).map((us) => us.join("")),
    fc.tuple(fc.constantFrom(...TOTAL_WORDS, "Total", "GRAND TOTAL", "Sub-Total", "Totals:", "S ubtotal", "T otal"), fc.constantFrom("", " ", "\t", "\u3000", "\u00a0", ":")).map(([w, pad]) => pad + w + pad),
    fc.constantFrom<Cell>(1, null, undefined, "SO-1001", "Tom", "Totally", "Gross", "Sum"),
  );
  fc.assert(fc.property(cell, (v) => isTotalWord(v) === reference(v)), { numRuns: 5000 });
});
