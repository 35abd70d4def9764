/**
 * Requirement sets beyond the manifest's minimum. manifest.xml's <Requirements> declares the sets the
 * add-in cannot work without (Excel offers the add-in only where they exist); a member from a newer
 * set is used only behind `isSetSupported(set, version)` with a fallback, so an older Excel degrades
 * instead of failing mid-grade. test/addin/requirementSets.test.ts checks both from the code.
 */

/**
 * Whether this Excel supports `set` at `version` or later, as Office.js says. Without Office.js (the
 * unit tests' fake hosts, which implement every member they offer) there is no one to ask: true.
 */
export function isSetSupported(set: "ExcelApi", version: string): boolean {
  if (typeof Office === "undefined" || !Office.context?.requirements) return true;
  return Office.context.requirements.isSetSupported(set, version) === true;
}
