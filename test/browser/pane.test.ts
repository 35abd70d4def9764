/**
 * The task pane in real Chromium (Debian's, driven by playwright-core), over the real Office.js
 * adapter and a fake workbook: first run, the keyboard path to Grade, the preview as the sheet shows
 * it, progress in place of the button, results that take focus, missing and invalid fields marked on
 * the field, messages that name controls that exist, Office's dark theme, accessibility (axe-core) in
 * every state, and no request leaving the add-in's origin. Screenshots at 320, 350 and 500 px in
 * English and Chinese go to test/artifacts/.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { ARTIFACTS, buildPane, launch, serve } from "./servePane";

const OUT = path.join(ARTIFACTS, "dist");
const WIDTHS = [320, 350, 500] as const;

let browser: Browser;
let server: { origin: string; close: () => Promise<void> };

beforeAll(async () => {
  // The air-gapped build (Office.js from office/office.js), whose Office.js is replaced by the fake;
  // test/browser/cdn.test.ts covers the default build, which loads Office.js from Microsoft's CDN.
  await buildPane(OUT, { offline: true });
  server = await serve(OUT);
  browser = await launch();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const GRADE = /^(Grade customers|开始分级)$/;

async function openPane(query = "", width = 320): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 720 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.origin}/taskpane.html${query}`);
  await page.getByRole("button", { name: GRADE }).waitFor();
  return { page, requests, errors };
}

/** Full-page screenshots at each pane width, named pane-<lang>-<state>-<width>.png. */
async function shots(page: Page, lang: string, state: string, widths: readonly number[] = WIDTHS): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 720 });
    await page.waitForTimeout(50);
    await page.screenshot({ path: path.join(ARTIFACTS, `pane-${lang}-${state}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 320, height: 720 });
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<{ id: string; impact: string; count: number }[]> {
  // Evaluated through the debugging protocol, so the page's CSP (no inline scripts) does not apply.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  // Colours are checked once Fluent's transitions have ended (a half-faded colour is not what the user
  // reads); endless ones (a spinner) are not waited for.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => undefined))));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Every “…” a message quotes must be the visible name of a control on the page. */
async function expectQuotedLabelsExist(page: Page, message: string): Promise<string[]> {
  const labels = [...message.matchAll(/“([^”]+)”/g)].map((m) => m[1]);
  for (const label of labels) {
    const count = (await page.getByRole("button", { name: label, exact: true }).count()) + (await page.getByLabel(label, { exact: true }).count());
    expect({ label, exists: count > 0 }).toEqual({ label, exists: true });
  }
  return labels;
}

/** How many Tab presses from the top of the page until the Grade button has focus (∞ if never within 30). */
async function tabsToGrade(page: Page): Promise<number> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let n = 1; n <= 30; ++n) {
    await page.keyboard.press("Tab");
    const text = await page.evaluate(() => document.activeElement?.textContent ?? "");
    if (GRADE.test(text.trim())) return n;
  }
  return Infinity;
}

async function openAllGroups(page: Page, names: string[]): Promise<void> {
  for (const name of names) {
    const header = page.getByRole("button", { name, exact: true });
    if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
  }
  // Let the panels' opening motion end (axe would measure half-faded text).
  await page.waitForTimeout(800);
}

const GROUPS = {
  en: ["Scoring", "Rows and amounts", "Member levels", "Breakdown", "Lifecycle windows", "Lifetime value", "Clusters", "Comparison date", "Formulas", "Grading again"],
  zh: ["评分", "数据行与金额", "会员等级", "细分维度", "生命周期窗口", "客户终身价值", "聚类", "比较日期", "公式", "重新分级"],
};

for (const lang of ["en", "zh"] as const) {
  test(`${lang}: first run, keyboard path, preview as the sheet shows it, options open, progress, results in focus`, async () => {
    const query = `?slow=250${lang === "zh" ? "&lang=zh-CN" : ""}`;
    const { page, requests, errors } = await openPane(query);
    const zh = lang === "zh";
    // The single selected cell was expanded to the block and the columns detected.
    await page.getByText(zh ? /您只选中了一个单元格（Orders!C5）/ : /You selected one cell \(Orders!C5\)/).waitFor();
    const terms = await page.locator("dl dt").allTextContents();
    expect(terms).toEqual(zh ? ["客户", "日期", "金额", "订单号（可选）"] : ["Customer", "Date", "Amount", "Order id (optional)"]);
    await expect(page.locator("dl dd").allTextContents()).resolves.toEqual(["CustomerID", "InvoiceDate", "Quantity × UnitPrice", "InvoiceNo"]);

    // The preview: header row marked (th), dates shown as dates, the price in pounds as formatted.
    const preview = page.getByRole("region", { name: zh ? "前几行" : "First rows" });
    const headers = await preview.locator("thead th").allTextContents();
    expect(headers[4]).toBe(zh ? "InvoiceDate日期" : "InvoiceDateDate");
    const dates = await preview.locator("tbody tr td:nth-child(5)").allTextContents();
    expect(dates.length).toBe(5);
    for (const d of dates) expect(d).toMatch(/^20(23|24|25)-\d{2}-\d{2}$/);
    const prices = await preview.locator("tbody tr td:nth-child(6)").allTextContents();
    for (const p of prices) expect(p).toMatch(/^£\d[\d,]*\.\d{2}$/);
    // Readable at 320 px: the table scrolls inside its region; the page itself does not.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    expect(await tabsToGrade(page)).toBeLessThanOrEqual(8);
    expect(await seriousViolations(page)).toEqual([]);
    await shots(page, lang, "first-run");

    await openAllGroups(page, GROUPS[lang]);
    expect(await seriousViolations(page)).toEqual([]);
    // No option text is cut: every select is as wide as the text of its chosen option needs.
    const cut = await page.evaluate(() => [...document.querySelectorAll("select")].filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.value));
    expect(cut).toEqual([]);
    await shots(page, lang, "options-open");
    for (const name of GROUPS[lang]) await page.getByRole("button", { name, exact: true }).click();

    // Progress replaces the button in place, then the results heading takes focus, in view.
    const top = (selector: string) => page.evaluate((sel) => document.querySelector(sel)!.getBoundingClientRect().top + window.scrollY, selector);
    await page.getByRole("button", { name: GRADE }).scrollIntoViewIfNeeded();
    const buttonTop = await page.evaluate(() => [...document.querySelectorAll("button")].find((b) => /^(Grade customers|开始分级)$/.test(b.textContent ?? ""))!.getBoundingClientRect().top + window.scrollY);
    await page.getByRole("button", { name: GRADE }).click();
    const bar = page.getByRole("progressbar");
    await bar.waitFor();
    const cancel = page.getByRole("button", { name: zh ? "取消" : "Cancel" });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(zh ? "取消" : "Cancel");
    expect(Math.abs((await top("[role=progressbar]")) - buttonTop)).toBeLessThan(40);
    expect(await cancel.isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shots(page, lang, "progress");

    const heading = page.getByRole("heading", { name: zh ? "结果" : "Results" });
    await heading.waitFor({ timeout: 90_000 });
    await page.waitForFunction(() => document.activeElement?.id === "results-heading");
    const box = (await heading.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    // The outcome is announced.
    await expect(page.locator("[aria-live=polite]").textContent()).resolves.toMatch(zh ? /^已为 [\d,]+ 位客户分级。$/ : /^Graded [\d,]+ customers\.$/);

    // Results: plural wording, as-of date and period, revenue in the price column's currency, shares, sheets.
    const results = page.locator("section[aria-labelledby=results-heading]");
    const text = (await results.textContent())!;
    if (zh) {
      expect(text).toMatch(/已为 [\d,]+ 位客户分级，使用了 2,999 行中的 2,999 行。/);
      expect(text).toMatch(/截止日期 \d{4}-\d{2}-\d{2}；购买记录 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}。/);
      expect(text).toMatch(/收入 £[\d,]+。/);
      expect(text).toMatch(/占客户 [\d.]+% · 占收入 [\d.]+%/);
      expect(text).not.toMatch(/客户数/);
    } else {
      expect(text).toMatch(/[\d,]+ customers graded from 2,999 of 2,999 rows\./);
      expect(text).toMatch(/As of \d{4}-\d{2}-\d{2}; purchases from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\./);
      expect(text).toMatch(/Revenue £[\d,]+\./);
      expect(text).toMatch(/[\d.]+% of customers · [\d.]+% of revenue/);
      expect(text).toMatch(/No as-of date given: the day after the last purchase/);
    }
    // The segment shares add up to 100 % of customers.
    const shareLines = await page.locator("[data-share]").allTextContents();
    const shares = shareLines.map((line) => Number((zh ? /占客户 ([\d.]+)%/ : /^([\d.]+)% of customers/).exec(line)![1]));
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.5);
    expect(await seriousViolations(page)).toEqual([]);
    await shots(page, lang, "results");

    // What the adapter wrote into the fake workbook; a sheet link opens its sheet.
    const written = await page.evaluate(() => {
      const book = (window as unknown as { __book: { sheets: { name: string; charts: unknown[] }[] } }).__book;
      return { sheets: book.sheets.map((s) => s.name), charts: book.sheets.map((s) => s.charts.length) };
    });
    expect(written.sheets).toEqual(zh ? ["Orders", "客户", "汇总", "方法"] : ["Orders", "Customers", "Summary", "Method"]);
    // The workbook plan's Summary always charts five tables (segment overview, Pareto curve, value
    // tiers, RFM classes, lifecycle stages); no other sheet has charts without CLV, clusters or levels.
    expect(written.charts).toEqual([0, 0, 5, 0]);
    await page.getByRole("list", { name: zh ? "已写入的工作表" : "Sheets written" }).getByRole("button", { name: written.sheets[3], exact: true }).click();
    await page.waitForFunction((name) => (window as unknown as { __book: { activeSheet: string } }).__book.activeSheet === name, written.sheets[3]);

    // The first segment link filters the Orders rows to that segment.
    const first = page.getByRole("list", { name: zh ? "客户分群" : "Segments" }).getByRole("listitem").nth(0).getByRole("button");
    const segmentName = (await first.textContent())!;
    await first.click();
    await page.waitForFunction(() => (window as unknown as { __book: { sheets: { autoFilter: unknown }[] } }).__book.sheets[0].autoFilter !== null);
    const filter = await page.evaluate(() => (window as unknown as { __book: { sheets: { autoFilter: unknown }[] } }).__book.sheets[0].autoFilter);
    expect(filter).toMatchObject({ column: 12, criteria: { filterOn: "Values", values: [segmentName] } });

    if (!zh) {
      // functions.js ran in the same page (shared runtime) and associated every TIERS function.
      const associated = await page.evaluate(() => (window as unknown as { __associated: string[] }).__associated);
      expect(associated).toEqual(expect.arrayContaining(["RFMSCORE", "RFMTABLE", "SEGMENT", "CLV"]));
      // Switch to Chinese: the pane's words change.
      await page.getByLabel("Language").selectOption("zh");
      await page.getByRole("button", { name: "开始分级" }).waitFor();
    }
    expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
}

for (const lang of ["en", "zh"] as const) {
  test(`${lang}: a missing date column is marked on the Date field; Grade says why, and Enter explains`, async () => {
    const zh = lang === "zh";
    const { page } = await openPane(`?nodate=1${zh ? "&lang=zh-CN" : ""}`);
    // The column choices open by themselves, with the Date field marked and saying what it needs.
    const date = page.getByLabel(zh ? "日期" : "Date", { exact: true });
    await expect(date.getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByText(zh ? "请选择购买日期所在的列。" : "Choose the column with the purchase dates.").waitFor();
    // The amount hint is not shown: quantity and price were found.
    expect(await page.getByText(zh ? /请选择金额列/ : /Choose the amount column/).count()).toBe(0);
    const button = page.getByRole("button", { name: GRADE });
    await expect(button.getAttribute("aria-disabled")).resolves.toBe("true");
    const reason = (await page.locator("#grade-reason").textContent())!;
    expect(reason).toBe(zh ? "分级前请先设置“日期”。" : "Before grading, set “Date”.");
    expect(await expectQuotedLabelsExist(page, reason)).toEqual([zh ? "日期" : "Date"]);
    // Enter on the button explains (an alert) instead of doing nothing; nothing is graded.
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: reason }).count()).resolves.toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __book: { sheets: unknown[] } }).__book.sheets.length)).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shots(page, lang, "error-missing-date");
    // Choosing the column clears the mark and the reason.
    await date.selectOption({ label: "Stamp" });
    await expect(date.getAttribute("aria-invalid")).resolves.not.toBe("true");
    expect(await page.locator("#grade-reason").count()).toBe(0);
    await page.close();
  }, 120_000);
}

for (const lang of ["en", "zh"] as const) {
  test(`${lang}: an error that names a control names one that exists (the columns changed since the preview)`, async () => {
    const zh = lang === "zh";
    const { page } = await openPane(zh ? "?lang=zh-CN" : "");
    await page.evaluate(() => (window as unknown as { __book: { sheets: { set: (r: number, c: number, v: string) => void }[] } }).__book.sheets[0].set(0, 2, "Renamed"));
    await page.getByRole("button", { name: GRADE }).click();
    const heading = page.getByRole("heading", { name: zh ? "无法分级" : "Could not grade" });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "results-heading");
    const message = (await page.locator("section[aria-labelledby=results-heading]").textContent())!;
    const labels = await expectQuotedLabelsExist(page, message);
    expect(labels).toEqual([zh ? "使用当前选区" : "Use current selection"]);
    expect(message).not.toMatch(/Refresh|刷新/);
    expect(await seriousViolations(page)).toEqual([]);
    await shots(page, lang, "error");
    await page.close();
  }, 120_000);
}

test("invalid lifecycle windows are refused on the field (active 200 days, lost 30 days)", async () => {
  const { page } = await openPane();
  await openAllGroups(page, ["Lifecycle windows"]);
  await page.getByLabel("At risk after (days)").fill("200");
  await page.getByLabel("Lost after (days)").fill("30");
  await expect(page.getByLabel("At risk after (days)").getAttribute("aria-invalid")).resolves.toBe("true");
  await expect(page.getByLabel("Lost after (days)").getAttribute("aria-invalid")).resolves.toBe("true");
  await page.getByText("Must be less than “Dormant after (days)” (180).").waitFor();
  await page.getByText("Must be more than “Dormant after (days)” (180).").waitFor();
  const reason = (await page.locator("#grade-reason").textContent())!;
  expect(reason).toBe("Before grading, set “At risk after (days)” and “Lost after (days)”.");
  await expectQuotedLabelsExist(page, reason);
  await page.getByRole("button", { name: GRADE }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: reason }).count()).resolves.toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __book: { sheets: unknown[] } }).__book.sheets.length)).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, "pane-en-error-lifecycle-320.png"), fullPage: true });
  // Growing windows are accepted.
  await page.getByLabel("At risk after (days)").fill("20");
  await page.getByLabel("Lost after (days)").fill("400");
  expect(await page.locator("#grade-reason").count()).toBe(0);
  // An as-of date that is not a date is refused on its field.
  await page.getByLabel("As-of date").fill("2024-02-30");
  await expect(page.getByLabel("As-of date").getAttribute("aria-invalid")).resolves.toBe("true");
  await page.close();
}, 120_000);

test("Office's dark theme gives a dark pane, and the pane follows when Office's theme changes", async () => {
  const { page } = await openPane("?theme=dark", 350);
  const background = () => page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor);
  const luminance = (rgb: string) => {
    const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  expect(await background()).toBe("rgb(41, 41, 41)");
  const text = await page.evaluate(() => getComputedStyle(document.querySelector("h1")!).color);
  expect(luminance(text)).toBeGreaterThan(0.8);
  await expect(page.locator("[data-theme]").getAttribute("data-theme")).resolves.toBe("dark");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: GRADE }).click();
  await page.getByRole("heading", { name: "Results" }).waitFor({ timeout: 90_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, "pane-en-dark-results-350.png"), fullPage: true });
  // Office switches to Black: the pane follows on focus (Excel has no theme-changed event for add-ins).
  await page.evaluate(() => {
    const w = window as unknown as { Office: { context: { officeTheme: unknown } }; __themes: Record<string, unknown> };
    w.Office.context.officeTheme = w.__themes.black;
    window.dispatchEvent(new Event("focus"));
  });
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor === "rgb(0, 0, 0)");
  await page.evaluate(() => {
    const w = window as unknown as { Office: { context: { officeTheme: unknown } }; __themes: Record<string, unknown> };
    w.Office.context.officeTheme = w.__themes.light;
    window.dispatchEvent(new Event("focus"));
  });
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor === "rgb(255, 255, 255)");
  await page.close();
}, 180_000);

/** The labels the new-options test works with, per language. */
const NEW = {
  en: { method: "Method", fixed: "Your own breakpoints", r: "R breakpoints: days since the last purchase", f: "F breakpoints: number of purchases", m: "M breakpoints: total spend", returns: "Returns (negative amounts)", net: "Net off the spend", amountPer: "Amount repeated on each line", line: "Each line's own amount", decimal: "Decimal mark in text amounts", comma: "Comma: 1.234,50", exclude: "Customers to leave out (range or sheet)", addLevel: "Add level", levelName: "Level name", levelFrom: "From (inclusive)", breakdown: "Break down by", clv: "Compute lifetime value", model: "Purchase model", mbg: "MBG/NBD", snapshot: "Keep the previous results as a dated snapshot", levels: ["Regular", "Silver", "Gold"], level: "Member level", excludedLine: /(\d[\d,]*) rows? left out — on the exclusion list/, missingSheet: 'There is no sheet named "Nosuch" in this workbook for the exclusion list.', ascending: "The breakpoints must go from small to large.", read: /^2 ids read from Blacklist!A:A\.$/ },
  zh: { method: "评分方法", fixed: "自定义分界点", r: "R 分界点：距最后一次购买的天数", f: "F 分界点：购买次数", m: "M 分界点：消费总额", returns: "退货（负金额）", net: "冲减消费金额", amountPer: "每行重复的金额", line: "每行自己的金额", decimal: "文本金额的小数点", comma: "小数逗号：1.234,50", exclude: "排除的客户（区域或工作表）", addLevel: "添加等级", levelName: "等级名称", levelFrom: "起点（含）", breakdown: "按此列细分", clv: "计算客户终身价值", model: "购买模型", mbg: "MBG/NBD", snapshot: "保留上次结果为带日期的快照", levels: ["普通", "银卡", "金卡"], level: "会员等级", excludedLine: /(\d[\d,]*) 行未计入——排除名单/, missingSheet: "本工作簿中没有名为“Nosuch”的工作表，无法读取排除名单。", ascending: "分界点须从小到大排列。", read: /^从 Blacklist!A:A 读取了 2 个客户ID。$/ },
};

for (const lang of ["en", "zh"] as const) {
  test(`${lang}: the new options — own breakpoints, member levels, breakdown, exclusion list, returns, amount per line, MBG/NBD, snapshot — set, marked when wrong, graded, kept`, async () => {
    const zh = lang === "zh";
    const L = NEW[lang];
    const { page, errors } = await openPane(zh ? "?lang=zh-CN" : "");
    // The exclusion list lives on a sheet of its own: two of the busiest customers.
    await page.evaluate(() => (window as unknown as { __book: { addTable: (n: string, rows: unknown[][]) => void } }).__book.addTable("Blacklist", [[10000], [10001]]));
    await openAllGroups(page, GROUPS[lang]);

    // Your own breakpoints: three fields, marked when not ascending, with the engine's count rule.
    await page.getByLabel(L.method, { exact: true }).selectOption({ label: L.fixed });
    await page.getByLabel(L.r, { exact: true }).fill("30, 90, 180, 365");
    await page.getByLabel(L.f, { exact: true }).fill("1, 2, 5, 10");
    await page.getByLabel(L.m, { exact: true }).fill("500, 250, 1000, 5000");
    await expect(page.getByLabel(L.m, { exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByText(L.ascending, { exact: true }).waitFor();
    await page.getByLabel(L.m, { exact: true }).fill("250, 500, 1000, 5000");
    await expect(page.getByLabel(L.m, { exact: true }).getAttribute("aria-invalid")).resolves.not.toBe("true");

    // Rows and amounts: returns netted, amounts per line; an exclusion list on a sheet that is not there is refused on the field.
    await page.getByLabel(L.returns, { exact: true }).selectOption({ label: L.net });
    await page.getByLabel(L.amountPer, { exact: true }).selectOption({ label: L.line });
    await page.getByLabel(L.decimal, { exact: true }).selectOption({ label: L.comma });
    const exclude = page.getByLabel(L.exclude, { exact: true });
    await exclude.fill("Nosuch!A:A");
    await page.getByText(L.missingSheet, { exact: true }).waitFor();
    await expect(exclude.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.locator("#grade-reason").textContent()).resolves.toContain(L.exclude);
    await exclude.fill("Blacklist!A:A");
    await page.getByText(L.read).waitFor();
    await expect(exclude.getAttribute("aria-invalid")).resolves.not.toBe("true");

    // Member levels: three rows added and named.
    for (let i = 0; i < 3; ++i) await page.getByRole("button", { name: L.addLevel, exact: true }).click();
    for (const [i, [name, from]] of L.levels.map((n, k) => [n, ["0", "1000", "5000"][k]]).entries()) {
      await page.getByLabel(`${L.levelName} ${i + 1}`, { exact: true }).fill(name);
      await page.getByLabel(`${L.levelFrom} ${i + 1}`, { exact: true }).fill(from);
    }
    // Breakdown by Country; CLV with MBG/NBD; the snapshot switch.
    await page.getByLabel(L.breakdown, { exact: true }).selectOption({ label: "Country" });
    await page.getByLabel(L.clv, { exact: true }).check();
    await page.getByLabel(L.model, { exact: true }).selectOption({ label: L.mbg });
    await page.getByLabel(L.snapshot, { exact: true }).check();
    expect(await page.locator("#grade-reason").count()).toBe(0);
    await page.waitForTimeout(800);
    expect(await seriousViolations(page)).toEqual([]);
    const cut = await page.evaluate(() => [...document.querySelectorAll("select")].filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.value));
    expect(cut).toEqual([]);
    await shots(page, lang, "new-options", [320, 500]);

    // Grade: the results name the excluded rows; the workbook has the level and Country columns.
    await page.getByRole("button", { name: GRADE }).click();
    await page.getByRole("heading", { name: zh ? "结果" : "Results" }).waitFor({ timeout: 120_000 });
    const text = (await page.locator("section[aria-labelledby=results-heading]").textContent())!;
    const listed = await page.evaluate(() => {
      const book = (window as unknown as { __book: { sheets: { name: string; get: (r: number, c: number) => unknown }[] } }).__book;
      const orders = book.sheets[0];
      let n = 0;
      for (let r = 1; r < 3000; ++r) if (orders.get(r, 6) === 10000 || orders.get(r, 6) === 10001) ++n;
      return n;
    });
    expect(listed).toBeGreaterThan(0);
    expect(Number(L.excludedLine.exec(text)![1].replace(/,/g, ""))).toBe(listed);
    // What the grade assumed names the pane's own fields and choices, never a CLI flag (--returns net, --decimal ,).
    expect(text).not.toMatch(/--[a-z]/);
    expect(text).toContain(zh ? `（“${L.returns}”：“${L.net}”）` : `(“${L.returns}”: “${L.net}”)`);
    expect(text).toContain(zh ? `（“${L.decimal}”：“${L.comma}”）` : `(“${L.decimal}”: “${L.comma}”)`);
    const written = await page.evaluate((sheet) => {
      const book = (window as unknown as { __book: { sheet: (n: string) => { values: (a: string) => unknown[][] }; settings: Map<string, string> } }).__book;
      return { header: book.sheet(sheet).values("A1:AH1")[0], settings: JSON.parse(book.settings.get("customerTiers.settings")!) };
    }, zh ? "客户" : "Customers");
    expect(written.header).toEqual(expect.arrayContaining([L.level, "Country", zh ? "存活概率" : "P(alive)"]));
    expect(written.settings).toMatchObject({ options: { method: "fixed", returns: "net", amountPer: "line", decimalMark: ",", fixedBreaks: { monetary: [250, 500, 1000, 5000] } }, model: "mbgnbd", exclude: "Blacklist!A:A", breakdown: "Country", snapshot: true, levels: { names: L.levels } });
    expect(await seriousViolations(page)).toEqual([]);
    await shots(page, lang, "new-options-results", [320]);

    expect(errors).toEqual([]);
    await page.close();

    // Reopened on a workbook holding those settings: every field comes back.
    const again = await browser.newPage({ viewport: { width: 320, height: 720 } });
    await again.addInitScript((saved) => void ((window as unknown as Record<string, unknown>).__savedSettings = saved), JSON.stringify(written.settings));
    await again.goto(`${server.origin}/taskpane.html${zh ? "?lang=zh-CN" : ""}`);
    await again.getByRole("button", { name: GRADE }).waitFor();
    await openAllGroups(again, GROUPS[lang]);
    await expect(again.getByLabel(L.method, { exact: true }).inputValue()).resolves.toBe("fixed");
    await expect(again.getByLabel(L.m, { exact: true }).inputValue()).resolves.toBe("250, 500, 1000, 5000");
    await expect(again.getByLabel(L.returns, { exact: true }).inputValue()).resolves.toBe("net");
    await expect(again.getByLabel(L.amountPer, { exact: true }).inputValue()).resolves.toBe("line");
    await expect(again.getByLabel(L.decimal, { exact: true }).inputValue()).resolves.toBe(",");
    await expect(again.getByLabel(L.exclude, { exact: true }).inputValue()).resolves.toBe("Blacklist!A:A");
    await expect(again.getByLabel(`${L.levelName} 3`, { exact: true }).inputValue()).resolves.toBe(L.levels[2]);
    await expect(again.getByLabel(L.breakdown, { exact: true }).inputValue()).resolves.toBe("Country");
    await expect(again.getByLabel(L.model, { exact: true }).inputValue()).resolves.toBe("mbgnbd");
    await expect(again.getByLabel(L.snapshot, { exact: true }).isChecked()).resolves.toBe(true);
    await again.close();
  }, 300_000);
}
