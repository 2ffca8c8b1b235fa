import type { RulesetProtocol } from '../../shared/protocol/ruleset-protocol.ts';
import { cyberProtocol } from '../../shared/protocol/cyber-alliance.ts';
import { cyberMirror } from '../schema/cyber-mirror.ts';
import type { MirrorAdapter } from '../schema/mirror.ts';

/**
 * What the generic match room needs to host one ruleset (DESIGN.md §7: the engine is
 * generic): the ruleset's messages and its schema mirror. Hosting another ruleset (e.g.
 * alliance-turns) = its protocol file in shared/protocol, its schema classes and mirror
 * adapter in server/schema, and one line here.
 */
export interface RulesetBinding {
  readonly protocol: RulesetProtocol<unknown>;
  // The adapter's root type is the ruleset's own; the room only uses the MirrorRoot part.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly mirror: MirrorAdapter<any>;
}

const bindings: Readonly<Record<string, RulesetBinding>> = {
  'cyber-alliance': { protocol: cyberProtocol as RulesetProtocol<unknown>, mirror: cyberMirror },
};

/** The binding for a ruleset id, or undefined if this server cannot host it in a room. */
export function bindingFor(rulesetId: string): RulesetBinding | undefined {
  return Object.hasOwn(bindings, rulesetId) ? bindings[rulesetId] : undefined;
}
