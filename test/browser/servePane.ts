/**
 * Builds the add-in (webpack.config.js) with the fake Office in place of office/office.js, serves it
 * from 127.0.0.1 on a free port, and launches Debian's Chromium — for every browser test
 * (pane.test.ts, and tests that serve the page another way can reuse buildPane/serve/launch).
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser } from "playwright-core";
import webpack from "webpack";

export const ROOT = path.join(__dirname, "..", "..");
export const ARTIFACTS = path.join(ROOT, "test", "artifacts");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function compile(config: webpack.Configuration | webpack.Configuration[]): Promise<void> {
  return new Promise((resolve, reject) =>
    webpack(config as webpack.Configuration, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

/** The production build into `out`, then test/browser/fakeOffice.ts as `out`/office/office.js. */
export async function buildPane(out: string, env: Record<string, unknown> = {}): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js"));
  await compile(await makeConfig({ out, ...env }, { mode: "production" }));
  await compile({
    mode: "production",
    entry: path.join(__dirname, "fakeOffice.ts"),
    output: { path: path.join(out, "office"), filename: "office.js" },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [{ test: /\.ts$/, loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } }] },
  });
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".png": "image/png" };

/** Serves the files under `root` (nothing else) on 127.0.0.1. */
export async function serve(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const file = path.join(root, path.normalize(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
}
