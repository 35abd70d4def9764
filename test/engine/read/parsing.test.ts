import { amountOf } from "../../../src/engine/read/amount";
import { compareCodePoints } from "../../../src/engine/common/codepoint";
import { customerIdOf } from "../../../src/engine/read/customerId";
import { columnLetter, detectMapping, findColumn } from "../../../src/engine/read/headers";
import fc from "fast-check";

describe("customerIdOf", () => {
  it.each<[unknown, string]>([
    ["17850.0", "17850"], [17850, "17850"], ["  42 ", "42"], ["00042", "00042"], ["00042.00", "00042"],
    ["A-17", "A-17"], ["客户甲", "客户甲"], ["", ""], ["   ", ""], [null, ""], [undefined, ""], ["#N/A", ""], [12.5, "12.5"],
  ])("normalises %p to %p", (cell, id) => expect(customerIdOf(cell as never)).toBe(id));
  it("keeps leading zeros apart: 00042 ≠ 42", () => expect(customerIdOf("00042")).not.toBe(customerIdOf(42)));
});

describe("amountOf", () => {
  it.each<[unknown, number]>([
    [12.5, 12.5], ["12.5", 12.5], ["1,234.50", 1234.5], ["$1,234.50", 1234.5], ["¥88", 88], ["88元", 88], ["(12.00)", -12], ["-3", -3], ["1e3", 1000], ["£0.85", 0.85],
  ])("reads %p as %p", (cell, value) => expect(amountOf(cell as never)).toBe(value));
  it.each([["1.234,50"], ["12 abc"], [""], ["abc"], ["1,23"], [true], ["--5"], ["0x1A"], ["Infinity"], ["1e5.5"]])("does not guess at %p", (cell) => expect(amountOf(cell as never)).toBeNaN());
  it("reads texts of digits, points, exponents and signs exactly when they are plain numbers (property)", () => {
    const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
    const text = fc.array(fc.constantFrom("0", "1", "7", "9", ".", "e", "E", "+", "-"), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(""));
    fc.assert(fc.property(text, fc.constantFrom("", " ", "  "), (s, pad) => Object.is(amountOf(pad + s + pad), PLAIN.test(s) ? Number(s) : NaN)), { numRuns: 3000 });
    // Decimals as CSV files write them, up to 17 digits (past the hand-parsed 15).
    const decimal = fc.tuple(fc.boolean(), fc.stringMatching(/^\d{1,12}$/), fc.stringMatching(/^\d{0,8}$/)).map(([neg, a, b]) => `${neg ? "-" : ""}${a}${b ? `.${b}` : ""}`);
    fc.assert(fc.property(decimal, (s) => Object.is(amountOf(s), Number(s))), { numRuns: 5000 });
  });
});

describe("compareCodePoints", () => {
  it("orders by code point, not UTF-16 unit (astral after U+FFFF)", () => {
    expect(compareCodePoints("\u{1F600}", "\uFF21")).toBeGreaterThan(0); // 😀 (U+1F600) after Ａ (U+FF21)
    expect("\u{1F600}" < "\uFF21").toBe(true); // what plain JS comparison would say
  });
  it("agrees with code point arrays (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const x = Array.from(a, (c) => c.codePointAt(0)!);
        const y = Array.from(b, (c) => c.codePointAt(0)!);
        let expected = 0;
        for (let i = 0; i < Math.min(x.length, y.length) && expected === 0; i++) expected = x[i] - y[i];
        if (expected === 0) expected = x.length - y.length;
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(expected));
      }),
    );
  });
});

describe("detectMapping", () => {
  it("finds English headers in any case and spacing", () => {
    expect(detectMapping(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"])).toEqual({
      customer: 6, date: 4, quantity: 3, price: 5, order: 0,
    });
    expect(detectMapping(["customer id", " DATE ", "Sales"])).toEqual({ customer: 0, date: 1, amount: 2 });
  });
  it("finds Chinese headers", () => {
    expect(detectMapping(["订单号", "会员号", "下单时间", "实付金额"])).toEqual({ order: 0, customer: 1, date: 2, amount: 3 });
    expect(detectMapping(["客户编号", "交易日期", "数量", "单价"])).toEqual({ customer: 0, date: 1, quantity: 2, price: 3 });
  });
  it("leaves unknown columns unmapped", () => expect(detectMapping(["foo", "bar"])).toEqual({}));
});

describe("findColumn", () => {
  const header = ["InvoiceNo", "Customer ID", "Date"];
  it("accepts a header name, a letter or a 1-based number", () => {
    expect(findColumn(header, "customer id", 3)).toBe(1);
    expect(findColumn(header, "CustomerID", 3)).toBe(1);
    expect(findColumn(header, "C", 3)).toBe(2);
    expect(findColumn(header, "3", 3)).toBe(2);
    expect(findColumn(header, "Nope", 3)).toBe(-1);
  });
  it("names columns like Excel", () => expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]));
});
