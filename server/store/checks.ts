/** Argument checks shared by both stores, so that they refuse the same things. */

export function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`append: index must be a non-negative integer, got ${index}`);
}

export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`createMatch: seed must be a safe integer, got ${seed}`);
}
