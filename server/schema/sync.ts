import type { ArraySchema, MapSchema } from '@colyseus/schema';

/**
 * Diff helpers for the schema mirror (docs/design.md §8.3: the schema is a mirror,
 * refreshed in place): a MapSchema is keyed by entity id; existing entries are updated field
 * by field (schema setters ignore unchanged values, so nothing unchanged is sent), new ids are
 * added, ids no longer present are deleted. Nothing is rebuilt.
 *
 * `sameItem`: for items the rules share between states (pure rules return the same object
 * for an entity they did not change), pass a WeakMap kept with the mirror: a target whose item
 * is the very object it was last assigned from is skipped. Only for `assign`s that read
 * nothing but the item.
 */
/** For `sameItem` syncs: the items each map was last synced from. */
const lastItems = new WeakMap<object, readonly unknown[]>();

export function syncMap<T, V>(
  map: MapSchema<V>,
  items: readonly T[],
  key: (item: T) => string,
  create: () => V,
  assign: (target: V, item: T) => void,
  sameItem?: WeakMap<object, T>,
): void {
  if (sameItem) {
    // The very same items as last time, in order: nothing to look at.
    const last = lastItems.get(map) as readonly T[] | undefined;
    if (last && last.length === items.length && last.every((x, i) => x === items[i])) return;
    lastItems.set(map, items);
  }
  let kept = 0;
  for (const item of items) {
    const k = key(item);
    const existing = map.get(k);
    if (existing !== undefined) {
      kept += 1;
      if (sameItem && sameItem.get(existing as object) === item) continue;
      assign(existing, item);
      sameItem?.set(existing as object, item);
    } else {
      const fresh = create();
      assign(fresh, item);
      sameItem?.set(fresh as object, item);
      map.set(k, fresh);
    }
  }
  // Every key of the map was among the items (keys are unique): nothing to delete.
  if (kept === map.size) return;
  const seen = new Set(items.map(key));
  for (const k of [...map.keys()]) if (!seen.has(k)) map.delete(k);
}

/** Makes a primitive ArraySchema equal to `list`, touching it only if it differs. */
export function syncStrings(arr: ArraySchema<string>, list: readonly string[]): void {
  if (arr.length === list.length && list.every((v, i) => arr.at(i) === v)) return;
  arr.clear();
  for (const v of list) arr.push(v);
}

/** Makes a numeric ArraySchema equal to `list`, writing only the entries that differ (a table row). */
export function syncNumbers(arr: ArraySchema<number>, list: readonly number[]): void {
  if (arr.length !== list.length) {
    arr.clear();
    for (const v of list) arr.push(v);
    return;
  }
  list.forEach((v, i) => {
    if (arr.at(i) !== v) arr[i] = v;
  });
}

/** JSON for a detail field; '' for null or undefined. */
export function json(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** '' for a null id or string. */
export const str = (v: string | null | undefined): string => v ?? '';
/** 0 for a null number. */
export const num = (v: number | null | undefined): number => v ?? 0;
