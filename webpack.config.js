/**
 * Builds the add-in into dist/: taskpane.html + taskpane.js (the pane), functions.js + functions.json
 * (custom functions, metadata generated from JSDoc), the icons, the manifest, and a local copy of
 * Office.js so that the add-in loads nothing from the network. Prints a bundle-size report.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const OFFICE_DIST = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

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
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["functions", "taskpane"], scriptLoading: "defer" }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "src/taskpane/help.html", to: "help.html" },
          // Office.js and the Excel host scripts it loads, in English and Chinese, served with the add-in.
          { from: "office.js", context: OFFICE_DIST, to: "office/", info: { minimized: true } },
          { from: "excel-*.js", context: OFFICE_DIST, to: "office/", globOptions: { ignore: ["**/*.debug.js"] }, info: { minimized: true } },
          { from: "custom-functions-runtime.js", context: OFFICE_DIST, to: "office/", info: { minimized: true } },
          { from: "o15apptofilemappingtable.js", context: OFFICE_DIST, to: "office/", info: { minimized: true } },
          { from: "{en-us,zh-cn}/office_strings.js", context: OFFICE_DIST, to: "office/", info: { minimized: true } },
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
