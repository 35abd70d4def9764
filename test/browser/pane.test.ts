/**
 * The task pane in real Chromium (Debian's, driven by playwright-core), over the real Office.js
 * adapter and a fake workbook: grade, see results, filter a segment, switch language, check
 * accessibility with axe-core, and record every request (nothing may leave the add-in's origin).
 * Screenshots go to test/artifacts/.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser, type Page } from "playwright-core";
import webpack from "webpack";

const ROOT = path.join(__dirname, "..", "..");
const ARTIFACTS = path.join(ROOT, "test", "artifacts");
const OUT = path.join(ARTIFACTS, "dist");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server: http.Server;
let origin: string;
let browser: Browser;

function compile(config: webpack.Configuration | webpack.Configuration[]): Promise<void> {
  return new Promise((resolve, reject) =>
    webpack(config as webpack.Configuration, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js"));
  // The air-gapped build (Office.js from office/office.js), whose Office.js is replaced by the fake below;
  // test/browser/cdn.test.ts covers the default build, which loads Office.js from Microsoft's CDN.
  const pane = await makeConfig({ out: OUT, offline: true }, { mode: "production" });
  await compile(pane);
  await compile({
    mode: "production",
    entry: path.join(__dirname, "fakeOffice.ts"),
    output: { path: path.join(OUT, "office"), filename: "office.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [{ test: /\.ts$/, loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } }] },
  });
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const file = path.join(OUT, path.normalize(url.pathname));
    if (!file.startsWith(OUT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript" : file.endsWith(".json") ? "application/json" : "application/octet-stream";
    res.writeHead(200, { "Content-Type": type }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function openPane(query = ""): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/taskpane.html${query}`);
  await page.getByRole("button", { name: /Grade customers|开始分级/ }).waitFor();
  expect(errors).toEqual([]);
  return { page, requests };
}

test("grade the selection, see results, filter a segment, switch language — no request leaves the origin", async () => {
  const { page, requests } = await openPane();
  // The single selected cell was expanded to the block and the columns detected.
  await page.getByText(/You selected one cell \(Orders!C5\)/).waitFor();
  await expect(page.getByLabel("Customer").inputValue()).resolves.toBe("6");
  await page.screenshot({ path: path.join(ARTIFACTS, "pane-en-ready.png"), fullPage: true });

  await page.getByRole("button", { name: "Grade customers" }).click();
  await page.getByRole("heading", { name: "Results" }).waitFor({ timeout: 60_000 });
  const rows = page.getByRole("list", { name: "Segment" }).getByRole("listitem");
  expect(await rows.count()).toBeGreaterThan(3);
  await expect(page.getByText(/customers from 2,999 of 2,999 rows/).count()).resolves.toBe(1);
  await page.screenshot({ path: path.join(ARTIFACTS, "pane-en-results.png"), fullPage: true });

  // What the adapter wrote into the fake workbook.
  const written = await page.evaluate(() => {
    const book = (window as unknown as { __book: { sheets: { name: string; charts: unknown[] }[]; settings: Map<string, string> } }).__book;
    return { sheets: book.sheets.map((s) => s.name), charts: book.sheets.map((s) => s.charts.length), settings: book.settings.size };
  });
  expect(written.sheets).toEqual(["Orders", "Customers", "Summary", "Method"]);
  expect(written.charts).toEqual([0, 0, 3, 0]);
  expect(written.settings).toBe(1);

  // The first segment link filters the Orders rows to that segment.
  const first = rows.nth(0).getByRole("button");
  const segmentName = (await first.textContent())!;
  await first.click();
  await page.waitForFunction(() => (window as unknown as { __book: { sheets: { autoFilter: unknown }[] } }).__book.sheets[0].autoFilter !== null);
  const filter = await page.evaluate(() => (window as unknown as { __book: { sheets: { autoFilter: unknown }[] } }).__book.sheets[0].autoFilter);
  expect(filter).toMatchObject({ column: 12, criteria: { filterOn: "Values", values: [segmentName] } });
  // functions.js ran in the same page (shared runtime) and associated every TIERS function.
  const associated = await page.evaluate(() => (window as unknown as { __associated: string[] }).__associated);
  expect(associated).toEqual(expect.arrayContaining(["RFMSCORE", "RFMTABLE", "SEGMENT", "CLV"]));

  // Switch to Chinese: the pane's words change.
  await page.getByLabel("Language").selectOption("zh");
  await page.getByRole("heading", { name: "客户分级" }).waitFor();
  await page.getByRole("button", { name: "开始分级" }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, "pane-zh.png"), fullPage: true });

  const foreign = requests.filter((u) => !u.startsWith(origin));
  expect(foreign).toEqual([]);
  await page.close();
}, 120_000);

test("Chinese display language, and no serious accessibility violations (axe-core)", async () => {
  const { page } = await openPane("?lang=zh-CN");
  await page.getByRole("heading", { name: "客户分级" }).waitFor();
  // Evaluated through the debugging protocol, so the page's CSP (no inline scripts) does not apply.
  await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious).toEqual([]);
  await page.close();
}, 120_000);
