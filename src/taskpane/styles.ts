import { makeStyles, tokens } from "@fluentui/react-components";

export const useStyles = makeStyles({
  root: { padding: "12px 16px 24px", display: "flex", flexDirection: "column", rowGap: "12px", minHeight: "100vh", boxSizing: "border-box" },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", columnGap: "8px" },
  lang: { width: "120px" },
  section: { display: "flex", flexDirection: "column", rowGap: "8px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "8px" },
  row: { display: "flex", alignItems: "center", justifyContent: "space-between", columnGap: "8px" },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))", gap: "8px" },
  // Inputs and selects fill their grid cell instead of keeping Fluent's minimum width.
  control: { width: "100%", minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
  details: { fontSize: tokens.fontSizeBase200 },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  actions: { display: "flex", columnGap: "8px" },
});
