/**
 * Typed outcomes for everything a player or facilitator can attempt.
 * A refused action is a value with a stable `code` (for programs) and a `message`
 * written for a student (for people) — never a bare `false` and never a throw.
 */
export interface Rejection {
  readonly code: string;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Rejection };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function reject<T = never>(code: string, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
