/** The add-in's version as the Method sheet shows it; test/excel/version.test.ts keeps it equal to package.json's. */
export const ADDIN_VERSION = "0.1.0";
