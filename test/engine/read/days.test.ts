import { dateToDay, dayToSerial, epochDay, formatDay, parseTextDay, serialToDay } from "../../../src/engine/read/days";
import { INVALID_DAY } from "../../../src/engine/common/missing";
import fc from "fast-check";

const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;

describe("epochDay / formatDay", () => {
  it("agrees with Date.UTC on every date from 1900 to 2100 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        expect(epochDay(y, m, d)).toBe(utcDay(y, m, d));
        expect(formatDay(epochDay(y, m, d))).toBe(`${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
      }),
    );
  });
  it("rejects dates that do not exist", () => {
    expect(epochDay(2023, 2, 29)).toBe(INVALID_DAY);
    expect(epochDay(2024, 2, 29)).toBe(utcDay(2024, 2, 29));
    expect(epochDay(2024, 13, 1)).toBe(INVALID_DAY);
    expect(epochDay(2024, 4, 31)).toBe(INVALID_DAY);
  });
});

describe("serialToDay", () => {
  it("reads 1900-system serials as Excel shows them (36526 = 2000-01-01)", () => {
    expect(serialToDay(36526)).toBe(utcDay(2000, 1, 1));
    expect(serialToDay(61)).toBe(utcDay(1900, 3, 1));
    expect(serialToDay(59)).toBe(utcDay(1900, 2, 28));
    expect(serialToDay(1)).toBe(utcDay(1900, 1, 1));
  });
  it("treats Excel's fictitious 1900-02-29 (serial 60) as no date", () => {
    expect(serialToDay(60)).toBe(INVALID_DAY);
  });
  it("drops the time of day", () => {
    expect(serialToDay(36526.99)).toBe(utcDay(2000, 1, 1));
  });
  it("reads 1904-system serials (0 = 1904-01-01)", () => {
    expect(serialToDay(0, 1904)).toBe(utcDay(1904, 1, 1));
    expect(serialToDay(36526 - 1462, 1904)).toBe(utcDay(2000, 1, 1));
  });
  it("round-trips with dayToSerial in both systems (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: utcDay(1900, 3, 1), max: utcDay(9999, 1, 1) }), fc.constantFrom<1900 | 1904>(1900, 1904), (day, system) => {
        if (system === 1904 && day < utcDay(1904, 1, 1)) return;
        expect(serialToDay(dayToSerial(day, system), system)).toBe(day);
      }),
    );
  });
});

describe("parseTextDay", () => {
  const d = utcDay(2024, 3, 5);
  it.each([
    ["2024-03-05"], ["2024-03-05 14:30"], ["2024-03-05 14:30:59"], ["2024-03-05T14:30:59Z"], ["2024/03/05"], ["2024/3/5"],
    ["20240305"], ["2024年3月5日"], ["2024年03月05日 10:00"], ["  2024-03-05  "],
  ])("reads %s", (text) => expect(parseTextDay(text, "auto")).toBe(d));
  it("reads a/b/yyyy by the order given, and refuses to guess without one", () => {
    expect(parseTextDay("03/05/2024", "mdy")).toBe(d);
    expect(parseTextDay("05/03/2024", "dmy")).toBe(d);
    expect(parseTextDay("12/1/2010 8:26", "mdy")).toBe(utcDay(2010, 12, 1));
    expect(parseTextDay("03/05/2024", "auto")).toBe(INVALID_DAY);
  });
  it.each([["2024-02-30"], ["yesterday"], ["2024-03"], ["#N/A"], ["2024-03-05 garbage"], [""]])("rejects %s", (text) =>
    expect(parseTextDay(text, "dmy")).toBe(INVALID_DAY),
  );
  it("reads a serial number written as text", () => expect(parseTextDay("36526", "auto")).toBe(utcDay(2000, 1, 1)));
});

describe("dateToDay", () => {
  it("uses the UTC calendar date of a Date (as ExcelJS gives date cells)", () => {
    expect(dateToDay(new Date(Date.UTC(2024, 2, 5, 23, 59)))).toBe(d0());
    function d0() { return utcDay(2024, 3, 5); }
  });
});
