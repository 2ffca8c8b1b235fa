import type { z } from 'zod';
import { referenceIssues } from './references.ts';
import { Scenario, withoutSchemaKey } from './schema.ts';

/**
 * Validation of a scenario file as an author sees it: every problem at once, each with the
 * path of its field and what was expected, rather than the first one only. The browser
 * editor, the upload route, the registry of shipped files and the study CLI all call this,
 * so an author gets the same list everywhere.
 */
export interface FieldError {
  /** Where the field is, e.g. `allies[0].networks[1].sophistication`; `(root)` for the file itself. */
  readonly path: string;
  /** A sentence saying what is wrong and what is expected. */
  readonly message: string;
}

export type ScenarioCheck = { readonly ok: true; readonly value: Scenario } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** At most this many errors are listed: past it, the file is probably not a scenario at all. */
export const MAX_ERRORS = 200;

/** `['allies', 0, 'id']` → `allies[0].id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

function fromZod(issue: z.core.$ZodIssue): FieldError[] {
  // A strict object lists unknown keys on the object itself: point at each key instead.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ path: formatPath([...issue.path, k]), message: `"${k}" is not a field here: expected only the fields of the scenario format (see scenarios/scenario.schema.json)` }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/**
 * Checks scenario data (already parsed from JSON) against the format and its
 * cross-references. On success the value has every default filled in.
 */
export function validateScenario(data: unknown): ScenarioCheck {
  const input = withoutSchemaKey(data);
  const r = Scenario.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const errors = r.error.issues.flatMap(fromZod);
  // Zod skips the cross-reference refinement once a field is wrong: run it here on the raw
  // data, leaving out what zod already said (when the refinement did run).
  const said = new Set(errors.map((e) => `${e.path}\n${e.message}`));
  const refs = referenceIssues(input)
    .map((i) => ({ path: formatPath(i.path), message: i.message }))
    .filter((e) => !said.has(`${e.path}\n${e.message}`));
  return { ok: false, errors: [...errors, ...refs].slice(0, MAX_ERRORS) };
}

/**
 * Parses the text of a scenario file (JSON) and validates it; a syntax error is one error
 * at the root that says where the JSON breaks.
 */
export function checkScenarioText(text: string): ScenarioCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(root)', message: `the file is not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return validateScenario(data);
}

/** One line per error, each naming the file: `file.json: allies[0].id: …`. */
export function describeErrors(file: string, errors: readonly FieldError[]): string {
  return errors.map((e) => `${file}: ${e.path}: ${e.message}`).join('\n');
}
