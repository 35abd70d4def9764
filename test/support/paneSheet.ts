/** The sheet test/browser/fakeOffice.ts serves by default (3,000 rows, 250 customers), as cells for the engine. */
import type { Cell } from "../../src/engine/common/types";
import { syntheticCell } from "./syntheticSheet";

export const PANE_ROWS = 3000;

export function paneSheetCells(rows = PANE_ROWS): Cell[][] {
  const customers = Math.max(50, Math.floor(rows / 12));
  return Array.from({ length: rows }, (_, r) => Array.from({ length: 8 }, (_, c) => syntheticCell(r, c, customers)));
}
