/**
 * Builds the add-in into dist/: taskpane.html + taskpane.js (the pane, also the shared runtime's page),
 * functions.js + functions.json (custom functions, metadata generated from JSDoc), the icons and the
 * manifest. Prints a bundle-size report.
 *
 *   npm run build -- --env url=https://host/path/   the manifest's URLs point at that base (default
 *                                                   https://localhost:3000/, for sideloading in development)
 *   npm run build -- --env offline                  air-gapped sites: bundle a local copy of Office.js
 *                                                   (from @microsoft/office-js) instead of the Office CDN
 *
 * By default the pages load Office.js from Microsoft's CDN, so that Office's fixes reach the add-in (the
 * npm package is no longer supported for hosting); the page's Content-Security-Policy allows scripts
 * from the add-in's origin and that one CDN origin, and connections only to the add-in's origin.
 * See docs/deploy.md.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** Office.js from Microsoft's CDN (docs: "Referencing the Office JavaScript API library"). */
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Where the manifest points when no --env url is given: `npm start` / `npm run dev-server`. */
const DEV_BASE = "https://localhost:3000/";

/**
 * The manifest for an add-in served from `baseUrl` (an https URL of the folder holding dist/): every
 * development URL (https://localhost:3000/…) rebased onto it, the AppDomain set to its origin. Throws
 * with a readable message on a URL Office would not load, or when any localhost URL would remain.
 */
function productionManifest(xml, baseUrl) {
  const base = manifestBase(baseUrl);
  const origin = new URL(base).origin;
  const out = xml
    .replace(/<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g, `<AppDomain>${escapeXml(origin)}</AppDomain>`)
    .replace(/https:\/\/localhost:3000\//g, escapeXml(base));
  if (base !== DEV_BASE && /localhost/i.test(out)) throw new Error("manifest.xml still names localhost after rebasing onto " + base + ": a URL in it does not start with " + DEV_BASE);
  return out;
}

/** Checks and normalises the --env url value: absolute https, no query or fragment, ends with "/". */
function manifestBase(baseUrl) {
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`--env url=${baseUrl}: not an absolute URL (example: --env url=https://tiers.example.com/addin/)`);
  }
  if (url.protocol !== "https:") throw new Error(`--env url=${baseUrl}: Office loads add-ins only over https`);
  if (url.search || url.hash || url.username || url.password) throw new Error(`--env url=${baseUrl}: give the folder's URL without query, fragment or credentials`);
  return url.href.endsWith("/") ? url.href : url.href + "/";
}

function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The copy patterns that bundle Office.js and the Excel host scripts it loads (en + zh) for --env offline. */
function officeCopyPatterns() {
  const dist = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
  return [
    { from: "office.js", context: dist, to: "office/", info: { minimized: true } },
    { from: "excel-*.js", context: dist, to: "office/", globOptions: { ignore: ["**/*.debug.js"] }, info: { minimized: true } },
    { from: "custom-functions-runtime.js", context: dist, to: "office/", info: { minimized: true } },
    { from: "o15apptofilemappingtable.js", context: dist, to: "office/", info: { minimized: true } },
    { from: "{en-us,zh-cn}/office_strings.js", context: dist, to: "office/", info: { minimized: true } },
  ];
}

/** Prints every emitted script's size and gzipped size; warns when the pane's first load passes the budget. */
class BundleSizeReport {
  constructor(budgetKb) {
    this.budgetKb = budgetKb;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap("BundleSizeReport", (compilation) => {
      const rows = [];
      for (const asset of compilation.getAssets()) {
        if (!asset.name.endsWith(".js") || asset.name.startsWith("office/")) continue;
        const source = fs.readFileSync(path.join(compiler.outputPath, asset.name));
        rows.push({ name: asset.name, kb: source.length / 1024, gzipKb: zlib.gzipSync(source, { level: 9 }).length / 1024 });
      }
      rows.sort((a, b) => b.gzipKb - a.gzipKb);
      const initial = new Set();
      // The pane's page loads both entries (shared runtime); the CLV chunk only when asked for.
      for (const [, entry] of compilation.entrypoints) if (entry.name === "taskpane" || entry.name === "functions") for (const file of entry.getFiles()) initial.add(file);
      const paneGzip = rows.filter((r) => initial.has(r.name)).reduce((s, r) => s + r.gzipKb, 0);
      const lines = ["", "Bundle sizes (KB):", ...rows.map((r) => `  ${r.name.padEnd(36)} ${r.kb.toFixed(1).padStart(8)}  gzip ${r.gzipKb.toFixed(1).padStart(7)}`), `  task pane first load: ${paneGzip.toFixed(1)} KB gzipped (budget ${this.budgetKb} KB)`, ""];
      console.log(lines.join("\n"));
      fs.mkdirSync(compiler.outputPath, { recursive: true });
      fs.writeFileSync(path.join(compiler.outputPath, "bundle-sizes.json"), JSON.stringify({ paneGzipKb: paneGzip, assets: rows }, null, 2));
      if (paneGzip > this.budgetKb) compilation.warnings.push(new Error(`The task pane's first load is ${paneGzip.toFixed(0)} KB gzipped, over the ${this.budgetKb} KB budget.`));
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const out = path.resolve(__dirname, env.out || "dist");
  const offline = env.offline === true || env.offline === "true";
  const base = env.url ? manifestBase(env.url) : DEV_BASE;
  if (!env.url && !dev && !env.WEBPACK_SERVE && !env.out) console.warn(`dist/manifest.xml points at ${DEV_BASE} (development). For a real host: npm run build -- --env url=https://your.host/path/`);
  // `webpack serve` (npm start / dev-server) needs the Office dev certificates for https://localhost:3000.
  const https = env.WEBPACK_SERVE ? await require("office-addin-dev-certs").getHttpsServerOptions() : undefined;
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: { taskpane: "./src/taskpane/index.tsx", functions: "./src/functions/functions.ts" },
    output: { path: out, filename: "[name].js", chunkFilename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "ts-loader",
          // ES modules so that webpack tree-shakes Fluent and splits the lazily imported CLV code.
          options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: dev } },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        scriptLoading: "defer",
        templateParameters: { officeJs: offline ? "office/office.js" : OFFICE_CDN, officeScriptOrigin: offline ? "" : ` ${new URL(OFFICE_CDN).origin}` },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => productionManifest(content.toString("utf8"), base) },
          { from: "src/taskpane/help.html", to: "help.html" },
          ...(offline ? officeCopyPatterns() : []),
        ],
      }),
      new BundleSizeReport(300),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      static: out,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
    },
  };
};

module.exports.productionManifest = productionManifest;
module.exports.OFFICE_CDN = OFFICE_CDN;
