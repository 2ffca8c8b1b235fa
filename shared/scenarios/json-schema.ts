import { z } from 'zod';
import { AllianceTurnsScenario } from '../alliance-turns/schema.ts';
import { Scenario, SCHEMA_KEY } from './schema.ts';

/**
 * JSON Schemas of the scenario files, generated from the zod schemas so that the two can
 * never disagree: editors (VS Code, the browser editor) autocomplete and underline from
 * them. They describe the file as written (`io: 'input'`: fields with a default may be
 * left out) and accept the `$schema` pointer that tells an editor where the schema is.
 * Cross-references (an objective's network must exist…) cannot be said in JSON Schema:
 * `validate.ts` checks them.
 */
function withSchemaKey(title: string, schema: Record<string, unknown>): Record<string, unknown> {
  const properties = { [SCHEMA_KEY]: { type: 'string', description: 'Where the editor finds this JSON Schema; ignored by the game.' }, ...(schema['properties'] as object) };
  return { ...schema, title, properties };
}

/** The JSON Schema of a cyber-alliance scenario file (`scenarios/scenario.schema.json`). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return withSchemaKey('Sovereign Effects scenario (cyber-alliance)', z.toJSONSchema(Scenario, { io: 'input' }) as Record<string, unknown>);
}

/** The JSON Schema of an alliance-turns scenario file (`scenarios/alliance-turns/scenario.schema.json`). */
export function allianceTurnsJsonSchema(): Record<string, unknown> {
  return withSchemaKey('Sovereign Effects scenario (alliance-turns)', z.toJSONSchema(AllianceTurnsScenario, { io: 'input' }) as Record<string, unknown>);
}

/** The files `npm run scenario:schema` writes, relative to the project root, with their text. */
export function schemaFiles(): { path: string; text: string }[] {
  return [
    { path: 'scenarios/scenario.schema.json', text: `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n` },
    { path: 'scenarios/alliance-turns/scenario.schema.json', text: `${JSON.stringify(allianceTurnsJsonSchema(), null, 2)}\n` },
  ];
}
