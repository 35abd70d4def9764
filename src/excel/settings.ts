/** The pane's choices, kept in the workbook's document settings so that Regrade reproduces them. */
import type { SavedSettings } from "./host";

export const SETTINGS_KEY = "customerTiers.settings";

export async function loadSettings(context: Excel.RequestContext): Promise<SavedSettings | null> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load("value");
  await context.sync();
  if (item.isNullObject) return null;
  try {
    const value = typeof item.value === "string" ? JSON.parse(item.value) : item.value;
    return value && typeof value === "object" && "mapping" in value && "options" in value ? (value as SavedSettings) : null;
  } catch {
    return null; // settings written by something else: ignore rather than fail the pane
  }
}

export async function saveSettings(context: Excel.RequestContext, settings: SavedSettings): Promise<void> {
  context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
  await context.sync();
}
