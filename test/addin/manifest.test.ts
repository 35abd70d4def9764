/** manifest.xml: valid against the published add-in XSDs (offline), and what the add-in needs is in it. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const manifest = path.join(ROOT, "manifest.xml");
const validator = path.join(ROOT, "test", "support", "office-schemas", "validate-manifest");

test("validates against the Office add-in manifest schemas", () => {
  expect(fs.existsSync(validator)).toBe(true);
  const output = execFileSync(validator, [manifest], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(output + "").not.toMatch(/fails to validate/);
});

test("an invalid manifest is rejected (the validation can fail)", () => {
  const broken = path.join(fs.mkdtempSync(path.join(require("os").tmpdir(), "manifest-")), "manifest.xml");
  fs.writeFileSync(broken, fs.readFileSync(manifest, "utf8").replace("<ProviderName>", "<Provider>").replace("</ProviderName>", "</Provider>"));
  expect(() => execFileSync(validator, [broken], { stdio: "ignore" })).toThrow();
});

test("shared runtime, custom functions, ribbon button, zh-CN strings and every icon the manifest names", () => {
  const xml = fs.readFileSync(manifest, "utf8");
  expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
  expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
  expect(xml).toMatch(/<ExtensionPoint xsi:type="CustomFunctions">/);
  expect(xml).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="TIERS"\/>/);
  // The functions' script and metadata are the files webpack emits (functions.js, functions.json).
  expect(xml).toMatch(/<bt:Url id="Functions.Metadata.Url" DefaultValue="https:\/\/localhost:3000\/functions.json"\/>/);
  expect(xml).toMatch(/<bt:Url id="Functions.Script.Url" DefaultValue="https:\/\/localhost:3000\/functions.js"\/>/);
  const webpackConfig = fs.readFileSync(path.join(ROOT, "webpack.config.js"), "utf8");
  expect(webpackConfig).toMatch(/output: "functions.json"/);
  expect(webpackConfig).toMatch(/functions: "\.\/src\/functions\/functions.ts"/);
  expect(xml).toMatch(/id="TaskpaneButton.Label" DefaultValue="Grade customers"><bt:Override Locale="zh-CN" Value="客户分级"\/>/);
  const icons = [...xml.matchAll(/assets\/(icon-\d+\.png)/g)].map((m) => m[1]);
  expect(icons.length).toBeGreaterThanOrEqual(4);
  for (const icon of icons) {
    const png = fs.readFileSync(path.join(ROOT, "assets", icon));
    const size = Number(/icon-(\d+)/.exec(icon)![1]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
});

describe("the production manifest (webpack.config.js productionManifest, what `npm run build -- --env url=…` writes)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { productionManifest } = require(path.join(ROOT, "webpack.config.js")) as { productionManifest: (xml: string, base: string) => string };
  const source = fs.readFileSync(manifest, "utf8");
  const validate = (xml: string) => {
    const file = path.join(fs.mkdtempSync(path.join(require("os").tmpdir(), "manifest-")), "manifest.xml");
    fs.writeFileSync(file, xml);
    return execFileSync(validator, [file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  };

  test.each(["https://tiers.example.com/addin/", "https://tiers.example.com/addin", "https://static.example.org/a&b/customer tiers/", "https://example.com:8443/"])("rebased onto %s: no localhost, every URL on that base, valid", (base) => {
    const xml = productionManifest(source, base);
    const href = new URL(base).href;
    const expected = href.endsWith("/") ? href : href + "/";
    expect(xml).not.toMatch(/localhost/);
    const urls = [...xml.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
    // The same URLs as in the development manifest, one for one.
    expect(urls).toEqual([...source.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1].replace("https://localhost:3000/", expected)));
    expect(xml).toContain(`<AppDomain>${new URL(base).origin}</AppDomain>`);
    expect(validate(xml)).not.toMatch(/fails to validate/);
  });

  test.each([
    ["http://tiers.example.com/", /only over https/],
    ["tiers.example.com/addin/", /not an absolute URL/],
    ["https://tiers.example.com/addin/?v=2", /without query/],
    ["https://user:pw@tiers.example.com/", /credentials/],
  ])("refuses %s with a reason", (base, reason) => {
    expect(() => productionManifest(source, base)).toThrow(reason);
  });

  test("refuses to leave a localhost URL that does not start with the development base", () => {
    const odd = source.replace('"https://localhost:3000/help.html"', '"https://localhost:3001/help.html"');
    expect(() => productionManifest(odd, "https://tiers.example.com/")).toThrow(/still names localhost/);
  });
});
