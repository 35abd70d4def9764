/**
 * Office's theme (Light/White, Colorful, Dark Gray, Black) mapped to a Fluent v9 theme. Excel has no
 * theme-changed event for add-ins (OfficeThemeChanged is Outlook's), so the pane looks again when it
 * gets focus, becomes visible, and every few seconds.
 */
import * as React from "react";
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export type ThemeKind = "light" | "colorful" | "dark" | "black";

export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  isDarkTheme?: boolean;
  themeId?: unknown;
}

/** Relative luminance (WCAG) of "#rrggbb" / "rrggbb"; NaN when it is not such a colour. */
function luminance(colour: string | undefined): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(colour ?? "");
  if (!m) return Number.NaN;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function themeKind(theme: OfficeThemeLike | undefined): ThemeKind {
  if (!theme) return "light";
  const lum = luminance(theme.bodyBackgroundColor);
  const dark = theme.isDarkTheme ?? (Number.isFinite(lum) && lum < 0.3);
  if (dark) return Number.isFinite(lum) && lum < 0.01 ? "black" : "dark";
  const id = String(theme.themeId ?? "").toLowerCase();
  return id === "colorful" || id === "1" ? "colorful" : "light";
}

/** The Fluent theme for an Office theme, with Office's own body colours so the pane matches the host. */
export function fluentTheme(theme: OfficeThemeLike | undefined): { kind: ThemeKind; theme: Theme } {
  const kind = themeKind(theme);
  const base = kind === "dark" || kind === "black" ? webDarkTheme : webLightTheme;
  const body = theme?.bodyBackgroundColor;
  const text = theme?.bodyForegroundColor;
  const override: Partial<Theme> = {};
  if (body && Number.isFinite(luminance(body))) override.colorNeutralBackground1 = body.startsWith("#") ? body : `#${body}`;
  // Keep Fluent's foreground unless Office's contrasts with the body as much (it does in every Office theme).
  if (text && Number.isFinite(luminance(text)) && Math.abs(luminance(text) - luminance(body)) > 0.5) override.colorNeutralForeground1 = text.startsWith("#") ? text : `#${text}`;
  return { kind, theme: { ...base, ...override } };
}

const key = (t: OfficeThemeLike | undefined) => (t ? `${t.bodyBackgroundColor}|${t.bodyForegroundColor}|${t.isDarkTheme}|${String(t.themeId)}` : "");

/** The Fluent theme that follows Office's (`read` returns Office.context.officeTheme; index.tsx passes it). */
export function useOfficeTheme(read: () => OfficeThemeLike | undefined = () => undefined): { kind: ThemeKind; theme: Theme } {
  const safeRead = React.useCallback(() => {
    try {
      return read();
    } catch {
      return undefined;
    }
  }, [read]);
  const [state, setState] = React.useState(() => ({ key: key(safeRead()), ...fluentTheme(safeRead()) }));
  React.useEffect(() => {
    const check = () => {
      const now = safeRead();
      const k = key(now);
      setState((s) => (s.key === k ? s : { key: k, ...fluentTheme(now) }));
    };
    window.addEventListener("focus", check);
    document.addEventListener("visibilitychange", check);
    const timer = window.setInterval(check, 3000);
    return () => {
      window.removeEventListener("focus", check);
      document.removeEventListener("visibilitychange", check);
      window.clearInterval(timer);
    };
  }, [safeRead]);
  return state;
}
