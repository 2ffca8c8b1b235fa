/**
 * The HTTP calls of the replay viewer: the match list, a match's record, annotations and the
 * what-if branch (server/http; annotations and branch are helper A's routes, used by contract:
 * `GET/POST /api/matches/:id/annotations` {turn, text}, `DELETE …/annotations/:annotationId`,
 * `POST /api/matches/:id/branch` {turn} → {matchId, facilitatorToken, seats, observerCode}).
 * Every call answers a Result-like value with a readable message; none throws.
 */

export type ApiResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface MatchRow {
  readonly id: string;
  readonly scenarioId: string;
  readonly phase: string;
  readonly turn: number;
  readonly seatsFilled: number;
  readonly seatsTotal: number;
  readonly updatedAt: number;
}

export interface Annotation {
  readonly id: string;
  readonly turn: number;
  readonly text: string;
  readonly at?: number;
  readonly author?: string;
}

export interface Branched {
  readonly matchId: string;
  readonly facilitatorToken: string;
  readonly seats: readonly { readonly seat: string; readonly name: string; readonly code: string; readonly bot?: boolean }[];
  readonly observerCode: string;
}

async function call<T>(path: string, init: RequestInit, token: string | null): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    return { ok: false, code: 'network', message: 'The server cannot be reached.' };
  }
  let body: unknown = null;
  try {
    body = res.status === 204 ? null : await res.json();
  } catch {
    body = null;
  }
  if (res.ok) return { ok: true, value: body as T };
  // Errors come as {code, message} or {error: {code, message}}.
  const e = ((body as { error?: unknown } | null)?.error ?? body) as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : `http-${res.status}`;
  const fallback = res.status === 404 ? 'The server does not know that (is the route available on this server?).' : `The server answered ${res.status}.`;
  return { ok: false, code, message: typeof e?.message === 'string' ? e.message : fallback };
}

const enc = encodeURIComponent;

export async function listMatches(): Promise<ApiResult<MatchRow[]>> {
  const r = await call<{ matches?: unknown }>('/api/matches', { method: 'GET' }, null);
  if (!r.ok) return r;
  const rows = Array.isArray(r.value?.matches) ? (r.value.matches as MatchRow[]) : [];
  return { ok: true, value: rows };
}

export function fetchRecord(matchId: string, token: string): Promise<ApiResult<unknown>> {
  return call<unknown>(`/api/matches/${enc(matchId)}/record`, { method: 'GET' }, token);
}

export async function listAnnotations(matchId: string, token: string): Promise<ApiResult<Annotation[]>> {
  const r = await call<{ annotations?: unknown } | unknown[]>(`/api/matches/${enc(matchId)}/annotations`, { method: 'GET' }, token);
  if (!r.ok) return r;
  const list = Array.isArray(r.value) ? r.value : (r.value as { annotations?: unknown })?.annotations;
  return { ok: true, value: Array.isArray(list) ? (list as Annotation[]) : [] };
}

export function addAnnotation(matchId: string, token: string, turn: number, text: string): Promise<ApiResult<Annotation>> {
  return call<Annotation>(`/api/matches/${enc(matchId)}/annotations`, { method: 'POST', body: JSON.stringify({ turn, text }) }, token);
}

export function deleteAnnotation(matchId: string, token: string, id: string): Promise<ApiResult<unknown>> {
  return call<unknown>(`/api/matches/${enc(matchId)}/annotations/${enc(id)}`, { method: 'DELETE' }, token);
}

export function branchMatch(matchId: string, token: string, turn: number): Promise<ApiResult<Branched>> {
  return call<Branched>(`/api/matches/${enc(matchId)}/branch`, { method: 'POST', body: JSON.stringify({ turn }) }, token);
}
