/** Task pane entry: waits for Office, then renders the pane over the Office.js host. */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { createOfficeHost } from "../excel/officeHost";
import { App } from "./App";
import { langFromDisplayLanguage } from "./strings";

Office.onReady(() => {
  const container = document.getElementById("root")!;
  const lang = langFromDisplayLanguage(Office.context?.displayLanguage);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en-US";
  // Office's theme is read again on focus (Excel has no theme-changed event for add-ins).
  const officeTheme = () => Office.context?.officeTheme;
  createRoot(container).render(<App host={createOfficeHost()} initialLang={lang} officeTheme={officeTheme} />);
});
