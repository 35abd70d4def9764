/**
 * The pane's option fields of issues #21/#22/#18 as data: what each field puts in the grade request,
 * the problems marked on each field (the engine's own rules, worded by the pane), and the round trip
 * through the workbook settings on the fake Excel host — every field saved with a grade and restored
 * on reopen — plus what the host does with them (levels, breakdown, exclusion list, snapshot).
 */
import * as path from "path";
import { readInput } from "../../src/cli/input";
import type { Cell } from "../../src/engine/common/types";
import { createOfficeHost } from "../../src/excel/officeHost";
import type { GradeRequest, GradeResponse } from "../../src/excel/host";
import { DEFAULT_FORM, fieldProblems, savedToForm, toRequest, type FormValues } from "../../src/taskpane/optionFields";
import { STRINGS } from "../../src/taskpane/strings";
import { FakeWorkbook } from "../support/fakeExcel";

let sample: Cell[][];
beforeAll(async () => {
  sample = (await readInput(path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx"), { keepAllColumns: true })).cells;
});

const col = (name: string) => sample[0].indexOf(name);

function bookWith(rows: Cell[][]): FakeWorkbook {
  const book = new FakeWorkbook();
  book.addTable("Sheet1", rows);
  book.selection = { sheet: "Sheet1", address: "A1" };
  (globalThis as { Excel?: unknown }).Excel = book.excel();
  (globalThis as { Office?: unknown }).Office = book.office();
  return book;
}

/** The request the pane sends for `form` (App.grade: the form's options, the breakdown column by its header). */
function paneRequest(form: FormValues, headers: string[], lang: "en" | "zh" = "en"): GradeRequest {
  const dimension = form.breakdown ? headers.indexOf(form.breakdown) : -1;
  return { mapping: dimension >= 0 ? { dimension } : {}, ...toRequest(form), lang };
}

async function grade(request: GradeRequest): Promise<GradeResponse> {
  return createOfficeHost().grade(request, () => {}, new AbortController().signal);
}

function expectOk(response: GradeResponse): asserts response is Extract<GradeResponse, { ok: true }> {
  if (!response.ok) throw new Error(`grade failed: ${JSON.stringify(response)}`);
}

/** A form with every new field away from its default. */
const FULL: FormValues = {
  ...DEFAULT_FORM,
  bins: "4",
  method: "fixed",
  breaksR: "30, 90, 180",
  breaksF: "1, 2, 4",
  breaksM: "100, 300, 900",
  returns: "net",
  amountPer: "line",
  decimalMark: ",",
  levels: [{ name: "普通", threshold: "0" }, { name: "银卡", threshold: "300" }, { name: "金卡", threshold: "1000" }],
  levelsOn: "spend",
  levelsDays: "180",
  breakdown: "Product",
  exclude: "Blacklist!A:A",
  clv: true,
  model: "mbgnbd",
  snapshot: true,
};

describe("the grade request from the form", () => {
  test("every new field reaches the request in the engine's terms", () => {
    const request = toRequest(FULL);
    expect(request.options).toMatchObject({ bins: 4, method: "fixed", fixedBreaks: { recency: [30, 90, 180], frequency: [1, 2, 4], monetary: [100, 300, 900] }, returns: "net", amountPer: "line", decimalMark: "," });
    expect(request.levels).toEqual({ names: ["普通", "银卡", "金卡"], thresholds: [0, 300, 1000], basis: { kind: "spend", days: 180 } });
    expect(request).toMatchObject({ model: "mbgnbd", exclude: "Blacklist!A:A", snapshot: true, clv: true });
    // Full-width commas, as a Chinese input method types them, read the same.
    expect(toRequest({ ...FULL, breaksF: "1，2，4" }).options.fixedBreaks?.frequency).toEqual([1, 2, 4]);
    // The exclusion ids are read by the host from the range, not carried by the pane.
    expect(request.options.excludeIds).toBeUndefined();
  });

  test("defaults send no levels, no exclusion list, no model without CLV, and R rfm as method rfm", () => {
    const request = toRequest(DEFAULT_FORM);
    expect(request.levels).toBeUndefined();
    expect(request.exclude).toBeUndefined();
    expect(request.model).toBeUndefined();
    expect(request.snapshot).toBe(false);
    expect(request.options).toMatchObject({ method: "quantile", returns: "exclude", amountPer: "auto" });
    expect(toRequest({ ...DEFAULT_FORM, method: "rfm" }).options.method).toBe("rfm");
    expect(toRequest({ ...DEFAULT_FORM, method: "rfm" }).options.fixedBreaks).toBeUndefined();
  });
});

describe.each(["en", "zh"] as const)("problems on the fields (%s)", (lang) => {
  const t = STRINGS[lang];
  const problems = (v: Partial<FormValues>, headers?: string[]) => fieldProblems({ ...DEFAULT_FORM, ...v }, t, lang, headers);

  test("your own breakpoints: bins − 1 ascending numbers per measure", () => {
    const fixed = { method: "fixed" as const, bins: "5", breaksR: "30, 90, 180, 365", breaksF: "1, 2, 5, 10", breaksM: "250, 500, 1000, 5000" };
    expect(problems(fixed)).toEqual({});
    expect(problems({ ...fixed, breaksR: "" })).toEqual({ breaksR: t.breaksNumbers(4) });
    expect(problems({ ...fixed, breaksF: "1, two, 5, 10" })).toEqual({ breaksF: t.breaksNumbers(4) });
    expect(problems({ ...fixed, breaksM: "250, 1000, 500, 5000" })).toEqual({ breaksM: t.breaksAscending });
    expect(problems({ ...fixed, bins: "4" })).toEqual({ breaksR: t.breaksCount(3, 4, 4), breaksF: t.breaksCount(3, 4, 4), breaksM: t.breaksCount(3, 4, 4) });
    // The message names the Score levels control by its label.
    expect(t.breaksCount(3, 4, 4)).toContain(`“${t.bins}”`);
    // Not asked for with another method.
    expect(problems({ ...fixed, method: "quantile", breaksR: "x" })).toEqual({});
  });

  test("member levels: names, numeric and rising thresholds (the engine's checkLadder), days for recent spend", () => {
    const ladder = [{ name: "A", threshold: "0" }, { name: "B", threshold: "100" }];
    expect(problems({ levels: ladder })).toEqual({});
    expect(problems({ levels: [ladder[0], { name: " ", threshold: "100" }] })).toEqual({ levels: t.levelNameMissing(2) });
    expect(problems({ levels: [ladder[0], { name: "B", threshold: "" }] })).toEqual({ levels: t.levelThresholdBad("B") });
    const falling = problems({ levels: [{ name: "A", threshold: "100" }, { name: "B", threshold: "100" }] }).levels!;
    expect(falling).toMatch(lang === "zh" ? /^门槛必须递增/ : /^thresholds must rise/);
    expect(problems({ levels: [ladder[0], { name: "A", threshold: "100" }] }).levels).toMatch(lang === "zh" ? /名称不能重复/ : /each name once/);
    expect(problems({ levels: ladder, levelsOn: "spend", levelsDays: "0" })).toEqual({ levelsDays: t.wholeNumber(1) });
    expect(problems({ levels: ladder, levelsOn: "spend", levelsDays: "365" })).toEqual({});
  });

  test("the breakdown column must be a column of the selection; the exclusion list a range or a sheet", () => {
    expect(problems({ breakdown: "Region" }, ["Customer", "Region"])).toEqual({});
    expect(problems({ breakdown: "Region" }, ["Customer", "Country"])).toEqual({ breakdown: t.noColumn("Region") });
    for (const ok of ["Blacklist", "Blacklist!A:A", "'Test accounts'!B2:B90", "黑名单!A1"]) expect(problems({ exclude: ok })).toEqual({});
    for (const bad of ["Blacklist!ids", "Sheet1!A1:B2:C3", "!A1"]) expect(problems({ exclude: bad })).toEqual({ exclude: t.excludeAddress });
  });
});

describe("settings round trip on the fake host", () => {
  test("every field is saved with the grade and restored from the workbook on reopen", async () => {
    const book = bookWith(sample);
    book.addTable("Blacklist", [["C0111"], ["C0183"]]);
    const form: FormValues = { ...FULL, clv: false, model: "bgnbd" };
    expectOk(await grade(paneRequest(form, sample[0] as string[])));
    // A new pane on the same workbook reads the settings back.
    const saved = await createOfficeHost().loadSettings();
    expect(saved).not.toBeNull();
    expect(savedToForm(saved!)).toEqual(form);
    expect(saved).toMatchObject({ breakdown: "Product", exclude: "Blacklist!A:A", snapshot: true, mapping: { dimension: col("Product") } });
    // With CLV on, the model too.
    expectOk(await grade(paneRequest({ ...FULL }, sample[0] as string[])));
    expect(savedToForm((await createOfficeHost().loadSettings())!)).toEqual(FULL);
  });

  test("R rfm, the defaults and a ladder on monetary come back as they were", async () => {
    for (const form of [{ ...DEFAULT_FORM, method: "rfm" as const }, DEFAULT_FORM, { ...DEFAULT_FORM, levels: [{ name: "VIP", threshold: "500" }] }]) {
      bookWith(sample);
      expectOk(await grade(paneRequest(form, sample[0] as string[])));
      expect(savedToForm((await createOfficeHost().loadSettings())!)).toEqual(form);
    }
  });
});

describe("what the host does with the fields", () => {
  test("member levels on monetary: the Customers column agrees with thresholds applied to each customer's own sum", async () => {
    const book = bookWith(sample);
    const form: FormValues = { ...DEFAULT_FORM, levels: [{ name: "Regular", threshold: "0" }, { name: "Silver", threshold: "300" }, { name: "Gold", threshold: "1000" }] };
    const response = await grade(paneRequest(form, sample[0] as string[]));
    expectOk(response);
    // Independent: the sum of positive amounts per customer id, from the sheet's own cells.
    const sums = new Map<string, number>();
    for (const row of sample.slice(1)) {
      const amount = Number(row[col("Amount")]);
      if (row[col("Customer ID")] && amount > 0) sums.set(String(row[col("Customer ID")]), (sums.get(String(row[col("Customer ID")])) ?? 0) + amount);
    }
    const expected = (v: number) => (v >= 1000 ? "Gold" : v >= 300 ? "Silver" : "Regular");
    const customers = book.sheet("Customers");
    const header = customers.values("A1:AZ1")[0];
    const level = header.indexOf("Member level");
    expect(level).toBeGreaterThan(0);
    const rows = customers.values(`A2:AZ${sums.size + 1}`);
    const levels = new Set<string>();
    for (const row of rows) {
      expect(row[level]).toBe(expected(sums.get(String(row[0]))!));
      levels.add(String(row[level]));
    }
    expect([...levels].sort()).toEqual(["Gold", "Regular", "Silver"]);
  });

  test("break down by a column: its values on the Customers sheet", async () => {
    const book = bookWith(sample);
    expectOk(await grade(paneRequest({ ...DEFAULT_FORM, breakdown: "Product" }, sample[0] as string[])));
    const customers = book.sheet("Customers");
    const header = customers.values("A1:AZ1")[0];
    const at = header.indexOf("Product");
    expect(at).toBeGreaterThan(0);
    const products = new Set(sample.slice(1).map((r) => r[col("Product")]));
    const written = customers.values("A2:AZ20").map((r) => r[at]);
    for (const v of written) expect(products.has(v)).toBe(true);
  });

  test("the exclusion list: its customers' rows are excluded_customer, never graded; a missing sheet is refused clearly", async () => {
    const ids = ["C0111", "C0183"];
    const book = bookWith(sample);
    book.addTable("Blacklist", [["C0111"], [""], ["C0183"]]);
    const response = await grade(paneRequest({ ...DEFAULT_FORM, exclude: "Blacklist!A:A" }, sample[0] as string[]));
    expectOk(response);
    const listedRows = sample.slice(1).filter((r) => ids.includes(String(r[col("Customer ID")]))).length;
    expect(listedRows).toBeGreaterThan(0);
    expect(response.report.rows.excluded.excluded_customer?.count).toBe(listedRows);
    const graded = new Set(book.sheet("Customers").values(`A2:A${response.report.summary.customers + 1}`).map((r) => String(r[0])));
    for (const id of ids) expect(graded.has(id)).toBe(false);

    bookWith(sample);
    const missing = await grade(paneRequest({ ...DEFAULT_FORM, exclude: "Blacklist" }, sample[0] as string[]));
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.issues[0]).toMatchObject({ code: "exclude_sheet_missing", message: 'There is no sheet named "Blacklist" in this workbook for the exclusion list.' });
    expect(missing.issues[0].zh).toBe("本工作簿中没有名为“Blacklist”的工作表，无法读取排除名单。");
  });

  test("the snapshot switch: with it on, a regrade keeps the old Customers sheet as a dated snapshot; off, it does not", async () => {
    for (const snapshot of [true, false]) {
      const book = bookWith(sample);
      const first = await grade(paneRequest({ ...DEFAULT_FORM, snapshot }, sample[0] as string[]));
      expectOk(first);
      const oldCustomers = book.sheet("Customers").values("A1:R30");
      // The data changes (a later as-of date), then the pane grades again with the same switch.
      const second = await grade(paneRequest({ ...DEFAULT_FORM, snapshot, asOf: "2030-01-01" }, sample[0] as string[]));
      expectOk(second);
      expect(second.report.replaced).toBe(true);
      const name = `Customers ${first.report.asOf}`;
      if (snapshot) {
        expect(second.report.snapshots).toContain(name);
        expect(book.sheet(name).values("A1:R30")).toEqual(oldCustomers);
        expect(book.sheet("Customers").values("A1:R30")).not.toEqual(oldCustomers);
      } else {
        expect(second.report.snapshots ?? []).toEqual([]);
        expect(book.sheets.map((s) => s.name)).not.toContain(name);
      }
    }
  });
});
