/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true, tsconfig: "tsconfig.json" }],
  },
  // office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose main module pulls
  // in ESM-only packages jest cannot load: point it at the enum's own (CommonJS) file.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
  reporters: ["default", "<rootDir>/test/support/closingLineReporter.js"],
  testTimeout: 120000,
};
