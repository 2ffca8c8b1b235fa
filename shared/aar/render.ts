import { z } from 'zod';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderMd } from './md.ts';
import { ANNOTATION_MAX_CHARS, type Aar, type Annotation } from './types.ts';

export const AAR_FORMATS = ['html', 'md', 'csv', 'json'] as const;
export type AarFormat = (typeof AAR_FORMATS)[number];

export const isAarFormat = (x: string): x is AarFormat => (AAR_FORMATS as readonly string[]).includes(x);

/** A rendered report: its text, the content type to serve it with, and a file extension. */
export interface RenderedAar {
  readonly body: string;
  readonly contentType: string;
  readonly extension: string;
}

/** Renders the report in one of the four formats (the JSON is the report's data, pretty-printed). */
export function renderAar(a: Aar, format: AarFormat): RenderedAar {
  switch (format) {
    case 'html':
      return { body: renderHtml(a), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'md':
      return { body: renderMd(a), contentType: 'text/markdown; charset=utf-8', extension: 'md' };
    case 'csv':
      return { body: renderCsv(a), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'json':
      return { body: `${JSON.stringify(a, null, 2)}\n`, contentType: 'application/json; charset=utf-8', extension: 'json' };
  }
}

/** One annotation as stored and exported (a file for `npm run aar -- --annotations`, or the API's list). */
export const AnnotationSchema = z
  .object({
    id: z.string().min(1).max(80),
    turn: z.int().min(0).max(10_000),
    text: z.string().min(1).max(ANNOTATION_MAX_CHARS),
    at: z.number().finite(),
    author: z.string().max(80).nullable().optional(),
  })
  .strict();

/** A list of annotations, bare or as the API returns it (`{ annotations: [...] }`). */
export const AnnotationsFileSchema = z.union([z.array(AnnotationSchema), z.object({ annotations: z.array(AnnotationSchema) }).strict()]);

/** Parses untrusted annotations; the message names the first bad field. */
export function parseAnnotations(data: unknown): { ok: true; value: Annotation[] } | { ok: false; message: string } {
  const r = AnnotationsFileSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return { ok: false, message: `Not a list of annotations: field ${path}: ${issue?.message ?? 'invalid'}.` };
  }
  const list = Array.isArray(r.data) ? r.data : r.data.annotations;
  return { ok: true, value: list.map((x) => ({ id: x.id, turn: x.turn, text: x.text, at: x.at, author: x.author ?? null })) };
}
