import type { DryRunReport } from '../../shared/study/dry-run.ts';
import type { FieldError } from '../../shared/scenarios/validate.ts';

/** The organizer key, remembered in this tab, sent as a Bearer credential with uploads. */
export const KEY_STORE = 'se-organizer-key';

export function organizerKey(): string {
  return sessionStorage.getItem(KEY_STORE) ?? '';
}

function headers(): Record<string, string> {
  const key = organizerKey();
  return { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) };
}

export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly errors?: readonly FieldError[];
}

/** POSTs a scenario file's text to one of the /api/scenarios routes; a refusal (or no answer) comes back as its typed error, never a rejection. */
export async function postScenario<T>(path: string, text: string): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
  let r: Response;
  try {
    r = await fetch(`/api/scenarios${path}`, { method: 'POST', headers: headers(), body: text });
  } catch {
    return { ok: false, error: { code: 'unreachable', message: 'The server could not be reached: nothing was sent. Check the connection and try again.' } };
  }
  const body = (await r.json().catch(() => ({ code: 'bad-answer', message: `The server answered ${r.status}.` }))) as T & ApiError;
  return r.ok ? { ok: true, value: body } : { ok: false, error: body };
}

export type DryRunResult = DryRunReport & { readonly wallMs: number };

/**
 * Runs a dry run on the server and follows its Server-Sent Events (over fetch, since the
 * request is a POST with the file as its body): `onProgress(done, total)`, then the report.
 */
export async function dryRun(text: string, matches: number, onProgress: (done: number, total: number) => void): Promise<DryRunResult> {
  const r = await fetch(`/api/scenarios/dry-run?matches=${matches}`, { method: 'POST', headers: headers(), body: text });
  if (!r.ok || !r.body) {
    const e = (await r.json().catch(() => ({ message: `The server answered ${r.status}.` }))) as ApiError;
    throw new Error(e.message);
  }
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown;
      if (event === 'progress') {
        const p = data as { done: number; total: number };
        onProgress(p.done, p.total);
      } else if (event === 'report') return data as DryRunResult;
      else if (event === 'failed') throw new Error((data as ApiError).message);
    }
  }
  throw new Error('The dry run ended without a report.');
}
