/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true, tsconfig: "tsconfig.json" }],
    // dt-sql-parser (Spark SQL parse test) and its antlr4-c3 ship only ES modules: compiled to CommonJS for jest.
    "/node_modules/(dt-sql-parser|antlr4-c3)/.+\\.m?js$": ["ts-jest", { isolatedModules: true, tsconfig: { allowJs: true, module: "commonjs", target: "ES2022" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(dt-sql-parser|antlr4-c3)/)"],
  // office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose main module pulls
  // in ESM-only packages jest cannot load: point it at the enum's own (CommonJS) file.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
  reporters: ["default", "<rootDir>/test/support/closingLineReporter.js"],
  testTimeout: 120000,
};
