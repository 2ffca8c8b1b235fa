import type { RulesetProtocol } from '../../shared/protocol/ruleset-protocol.ts';
import { allianceProtocol } from '../../shared/protocol/alliance-turns.ts';
import { cyberProtocol } from '../../shared/protocol/cyber-alliance.ts';
import { allianceMirror } from '../schema/alliance-mirror.ts';
import { cyberMirror } from '../schema/cyber-mirror.ts';
import type { MirrorAdapter } from '../schema/mirror.ts';

/**
 * What the generic match room needs to host one ruleset (docs/design.md §7: the engine is
 * generic): the ruleset's messages, its schema mirror and its pacing. Hosting another ruleset
 * (as alliance-turns is) = its protocol file in shared/protocol, its schema classes and mirror
 * adapter in server/schema, and one line here.
 */
export interface RulesetBinding {
  readonly protocol: RulesetProtocol<unknown>;
  // The adapter's root type is the ruleset's own; the room only uses the MirrorRoot part.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly mirror: MirrorAdapter<any>;
  /** Briefing and debrief pass by themselves (see HostOptions.autoAdvance); default false. */
  readonly autoAdvance?: boolean;
}

const bindings: Readonly<Record<string, RulesetBinding>> = {
  'cyber-alliance': { protocol: cyberProtocol as RulesetProtocol<unknown>, mirror: cyberMirror },
  // No injects and no debrief: once the facilitator starts it, turns follow each other as soon as every seat has ordered.
  'alliance-turns': { protocol: allianceProtocol as RulesetProtocol<unknown>, mirror: allianceMirror, autoAdvance: true },
};

/** The binding for a ruleset id, or undefined if this server cannot host it in a room. */
export function bindingFor(rulesetId: string): RulesetBinding | undefined {
  return Object.hasOwn(bindings, rulesetId) ? bindings[rulesetId] : undefined;
}
