import { MAX_MESSAGE_BYTES } from '../../shared/protocol/common.ts';

/** Byte length of a decoded payload as JSON, or null if it is not JSON data (a BigInt…). Compare with MAX_MESSAGE_BYTES. */
export function jsonSize(payload: unknown): number | null {
  try {
    const text = JSON.stringify(payload ?? null);
    return text === undefined ? null : Buffer.byteLength(text, 'utf8');
  } catch {
    return null;
  }
}

export { MAX_MESSAGE_BYTES };

/** The client's `ref` if the payload carries a usable one, else ''. */
export function refOf(payload: unknown): string {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return '';
  const ref = (payload as { ref?: unknown }).ref;
  return typeof ref === 'string' && ref.length > 0 && ref.length <= 32 ? ref : '';
}
