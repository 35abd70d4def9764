/**
 * The settings module and the selection reader against office-addin-mock (OfficeMockObject), the
 * library Microsoft documents for unit-testing Office.js code: values reach the code only after
 * load + sync, as in Excel.
 */
import { OfficeMockObject } from "office-addin-mock";
import { loadSettings, saveSettings, SETTINGS_KEY } from "../../src/excel/settings";

function mockWorkbook(initial: Record<string, string>) {
  const store = new Map(Object.entries(initial));
  const has = store.has(SETTINGS_KEY);
  const data = {
    context: {
      workbook: {
        settings: {
          // The one setting the add-in keeps, as a child of the mock tree so that sync() loads it. Like
          // Excel, isNullObject needs no load of its own: the mock only gets it where it is true.
          item: has ? { value: store.get(SETTINGS_KEY) } : { value: undefined, isNullObject: true },
          getItemOrNullObject(key: string) {
            if (key !== SETTINGS_KEY) throw new Error(`unexpected setting ${key}`);
            return this.item;
          },
          add(key: string, value: string) {
            store.set(key, value);
          },
        },
      },
    },
  };
  const mock = new OfficeMockObject(data);
  return { context: (mock as unknown as { context: Excel.RequestContext }).context, store };
}

describe("workbook settings (office-addin-mock)", () => {
  test("saved options come back; nothing saved gives null; foreign or broken values are ignored", async () => {
    const { context, store } = mockWorkbook({});
    expect(await loadSettings(context)).toBeNull();
    const saved = { mapping: { customer: 2 }, options: { bins: 4 }, clv: false, lang: "en" as const };
    await saveSettings(context, saved);
    expect(JSON.parse(store.get(SETTINGS_KEY)!)).toEqual(saved);
    const again = mockWorkbook(Object.fromEntries(store));
    expect(await loadSettings(again.context)).toEqual(saved);
    expect(await loadSettings(mockWorkbook({ [SETTINGS_KEY]: "{not json" }).context)).toBeNull();
    expect(await loadSettings(mockWorkbook({ [SETTINGS_KEY]: JSON.stringify({ other: 1 }) }).context)).toBeNull();
  });
});
