import * as fs from "fs";
import * as path from "path";
import { ADDIN_VERSION } from "../../src/excel/version";

test("the add-in's version (shown on the Method sheet) is package.json's", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
  expect(ADDIN_VERSION).toBe(pkg.version);
});
