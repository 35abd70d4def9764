/** Platform headers (issue #16 item 7, #22): each platform's real export header maps to the right columns. */
import { detectMapping, HEADER_SYNONYMS } from "../../../src/engine/read/headers";
import { parseTextDay, epochDay } from "../../../src/engine/read/days";
import { INVALID_DAY } from "../../../src/engine/common/missing";

/** Header rows as the platforms write them (column order as in their exports, trimmed to the fields that matter plus neighbours). */
const PLATFORMS: { platform: string; header: string[]; want: Record<string, string> }[] = [
  {
    platform: "Shopify",
    header: ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price"],
    want: { order: "Name", customer: "Email", status: "Financial Status", date: "Paid at", amount: "Total" },
  },
  {
    platform: "Stripe",
    header: ["id", "Description", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Status", "Customer ID", "Customer Email"],
    want: { date: "Created (UTC)", amount: "Amount", status: "Status", customer: "Customer ID" },
  },
  {
    platform: "Stripe (no customer id column)",
    header: ["id", "Created (UTC)", "Amount", "Status", "Customer Email"],
    want: { date: "Created (UTC)", amount: "Amount", customer: "Customer Email", status: "Status" },
  },
  {
    platform: "WooCommerce",
    header: ["Order Number", "Order Status", "Order Date", "Billing First Name", "Billing Email", "Item Name", "Quantity", "Order Total"],
    want: { order: "Order Number", status: "Order Status", date: "Order Date", customer: "Billing Email", amount: "Order Total" },
  },
  {
    platform: "WooCommerce (Status)",
    header: ["Order Number", "Status", "Order Date", "Billing Email", "Order Total"],
    want: { order: "Order Number", status: "Status", date: "Order Date", customer: "Billing Email", amount: "Order Total" },
  },
  {
    platform: "淘宝/天猫",
    header: ["订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "总金额", "买家实际支付金额", "订单状态", "订单创建时间", "订单付款时间", "宝贝标题"],
    want: { order: "订单编号", customer: "买家会员名", amount: "买家实际支付金额", status: "订单状态", date: "订单付款时间" },
  },
  {
    platform: "京东",
    header: ["订单号", "商品名称", "订购数量", "下单帐号", "下单时间", "订单金额", "应付金额", "订单状态", "订单类型"],
    want: { order: "订单号", customer: "下单帐号", date: "下单时间", amount: "应付金额", status: "订单状态", orderType: "订单类型" },
  },
  {
    platform: "有赞",
    header: ["订单号", "买家手机号", "收货人", "付款时间", "商品金额合计", "订单实付金额", "订单状态"],
    want: { order: "订单号", customer: "买家手机号", date: "付款时间", amount: "订单实付金额", status: "订单状态" },
  },
  {
    platform: "ERP 单据",
    header: ["单据编号", "单据类型", "客户编号", "日期", "金额"],
    want: { orderType: "单据类型", customer: "客户编号", date: "日期", amount: "金额" },
  },
];

describe("platform headers", () => {
  it.each(PLATFORMS)("$platform", ({ header, want }) => {
    const mapping = detectMapping(header);
    const named = Object.fromEntries(Object.entries(mapping).map(([field, column]) => [field, header[column!]]));
    for (const [field, name] of Object.entries(want)) expect([field, named[field]]).toEqual([field, name]);
  });

  it("takes Shopify's Name as the order only beside Shopify's own columns (elsewhere Name is a person)", () => {
    expect(detectMapping(["Name", "Customer ID", "Date", "Amount"]).order).toBeUndefined();
    expect(detectMapping(["Name", "Email", "Paid at", "Total"]).order).toBe(0);
  });

  it("prefers a customer id column over an e-mail column", () => {
    expect(detectMapping(["Email", "Customer ID", "Date", "Amount"]).customer).toBe(1);
  });

  it("keeps every synonym in one table, normalised (lower case, no spaces or _ - .)", () => {
    for (const row of HEADER_SYNONYMS) for (const name of row.names) expect(name).toBe(name.toLowerCase().replace(/[\s_\-.]+/g, ""));
    const platforms = new Set(HEADER_SYNONYMS.map((r) => r.platform));
    for (const p of ["Shopify", "Stripe", "WooCommerce", "淘宝/天猫", "京东", "有赞"]) expect(platforms).toContain(p);
  });
});

describe("export date forms", () => {
  it.each<[string, [number, number, number]]>([
    ["2024/3/5 下午 02:22:00", [2024, 3, 5]],
    ["2024/3/5 上午 9:05", [2024, 3, 5]],
    ["2024/12/31 下午 11:59:59", [2024, 12, 31]],
    ["2024-03-05 02:22:00 下午", [2024, 3, 5]],
    ["05-MAR-24", [2024, 3, 5]],
    ["05-mar-24", [2024, 3, 5]],
    ["5-Mar-2024", [2024, 3, 5]],
    ["31-DEC-99", [1999, 12, 31]],
    ["01-JAN-49", [2049, 1, 1]],
    ["01-JAN-50", [1950, 1, 1]],
    ["05-MAR-24 02.22.00.000000 PM", [2024, 3, 5]],
  ])("reads %p", (text, [y, m, d]) => expect(parseTextDay(text, "auto")).toBe(epochDay(y, m, d)));

  it.each(["30-FEB-24", "05-MRZ-24", "05-MAR-2", "2024/3/5 下午", "2024/3/5 傍晚 02:22"])("refuses %p", (text) => expect(parseTextDay(text, "auto")).toBe(INVALID_DAY));
});
