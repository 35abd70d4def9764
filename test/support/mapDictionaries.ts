/**
 * Map-based reference dictionaries: the rules of src/engine/read/idDictionaries.ts written the plain
 * way (one Map entry per distinct key), for property tests of the typed-array dictionaries.
 */
import { customerIdOf } from "../../src/engine/read/customerId";
import { isBlank } from "../../src/engine/common/missing";
import type { Cell } from "../../src/engine/common/types";

/** Customers are equal when their id texts (customerIdOf) are. */
export class MapCustomers {
  readonly ids: string[] = [];
  private readonly byId = new Map<string, number>();
  indexOf(cell: Cell): number {
    const id = customerIdOf(cell);
    if (id === "") return -1;
    let c = this.byId.get(id);
    if (c === undefined) {
      c = this.ids.length;
      this.ids.push(id);
      this.byId.set(id, c);
    }
    return c;
  }
}

/** Orders are equal when their trimmed texts are, a whole number of ≤ 15 digits being that number. */
export class MapOrders {
  private readonly byKey = new Map<string, number>();
  get count(): number {
    return this.byKey.size;
  }
  indexOf(cell: Cell): number {
    let key: string;
    if (typeof cell === "number" && Number.isFinite(cell)) key = `n${cell === 0 ? 0 : cell}`;
    else if (isBlank(cell)) return -1;
    else {
      const text = typeof cell === "string" ? cell.trim() : String(cell);
      key = /^[1-9]\d{0,14}$/.test(text) ? `n${Number(text)}` : `t${text}`;
    }
    let k = this.byKey.get(key);
    if (k === undefined) this.byKey.set(key, (k = this.byKey.size));
    return k;
  }
}
