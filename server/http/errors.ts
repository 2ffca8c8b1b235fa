import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';

/**
 * HTTP errors as JSON `{ code, message }` (docs/design.md §8 routes; STYLE.md: a refusal has a
 * stable code and a sentence a person understands).
 */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}

/** Parses a request body with zod; on failure answers 400 and returns null. */
export function parseBody<T extends z.ZodType>(schema: T, req: Request, res: Response): z.infer<T> | null {
  const r = schema.safeParse(req.body ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
  sendError(res, 400, 'bad-request', `Field ${where}: ${issue?.message ?? 'invalid'}.`);
  return null;
}

/** The last middleware: malformed JSON, oversized bodies and unexpected failures, as JSON. */
export function errorHandler(log: (line: string) => void) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.parse.failed') return sendError(res, 400, 'bad-json', 'The request body is not valid JSON.');
    if (type === 'entity.too.large') return sendError(res, 413, 'too-large', 'The request body is too large.');
    // Any other request the body parser could not read (an unknown encoding or charset, an
    // aborted upload) carries its own 4xx status: the sender's fault, not worth a stack in the log.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendError(res, status, 'bad-request', 'The server could not read the body of this request.');
    log(`[http] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sendError(res, 500, 'server-error', 'The server could not do that.');
  };
}
