/**
 * A deep copy of plain JSON data (objects, arrays, strings, numbers, booleans, null) — what
 * every state is (a property test round-trips states through JSON). Rules that resolve by
 * mutating a working copy start from one. About six times faster than `structuredClone`,
 * which handles types a state never holds; on a 30-seat state it is most of the cost of a
 * replay otherwise.
 */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneData(value[i]);
    return out as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = cloneData((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}
