import { randomBytes, randomInt } from 'node:crypto';
import { ok, reject, type Result } from '../shared/engine/result.ts';
import { CLASS_SEAT } from '../shared/protocol/classroom.ts';
import { findRuleset, type AnyRulesetEntry } from '../shared/rulesets.ts';
import { configureEntry } from './match-loader.ts';
import { formatJoinCode, hashToken, newFacilitatorToken, newJoinCode } from './store/index.ts';
import { StoreConflict, type MatchStore } from './store/store.ts';

export interface NewMatchRequest {
  readonly ruleset: string;
  /** A shipped scenario's id; ignored when `scenarioText` is given. */
  readonly scenario?: string | undefined;
  /**
   * The text of an uploaded scenario file (JSON): the match plays it, and the archive keeps
   * it byte for byte with the match (store.saveScenario).
   */
  readonly scenarioText?: string | undefined;
  readonly seed?: number | undefined;
  readonly planningSeconds?: number | undefined;
  /** Whose match it is (server/auth/organizers.ts); null only for tools outside the server. */
  readonly organizerId: string | null;
}

/** What the facilitator gets back, once: the token and codes are never shown again. Codes come grouped for reading ("K7QM-2XPA-9DF4"). */
export interface NewMatch {
  readonly matchId: string;
  readonly facilitatorToken: string;
  readonly seats: readonly { readonly seat: string; readonly name: string; readonly bot: boolean; readonly code: string }[];
  readonly observerCode: string;
  /** The class link's code: it opens the lobby, where a student picks a free seat. */
  readonly classCode: string;
}

/** A random match id: 10 URL-safe characters, also the room id. */
export const newMatchId = (): string => randomBytes(8).toString('base64url').slice(0, 10);

/**
 * Creates a match in the archive (docs/design.md §1: the facilitator creates the match from a
 * scenario and assigns seats): a join code per seat, one for the observer and one for the
 * class link (its lobby: shared/protocol/classroom.ts), a
 * facilitator token stored only as its sha256, and — when the facilitator chose a planning
 * time — a `configure` audit entry as the log's first line, so replay and recovery see it.
 */
export async function createMatch(store: MatchStore, req: NewMatchRequest, now: number): Promise<Result<NewMatch>> {
  const entry = findRuleset(req.ruleset);
  if (!entry) return reject('unknown-ruleset', `There is no ruleset "${req.ruleset}".`);
  const found = scenarioOf(entry, req);
  if (!found.ok) return found;
  const scenario = found.value;
  const seed = req.seed ?? randomInt(2 ** 31 - 1);
  const key = entry.ruleset.scenarioKey(scenario);
  const seats = entry.ruleset.seats(entry.ruleset.setup(scenario, seed));
  for (let attempt = 0; ; attempt++) {
    const codes = uniqueCodes(seats.length + 2);
    const matchId = newMatchId();
    const facilitatorToken = newFacilitatorToken();
    const meta = {
      id: matchId,
      ruleset: entry.ruleset.id,
      scenarioId: key.id,
      scenarioVersion: key.version,
      seed,
      createdAt: now,
      facilitatorTokenHash: hashToken(facilitatorToken),
      codes: [
        ...seats.map((s, i) => ({ code: codes[i] as string, seat: s.id as string })),
        { code: codes[seats.length] as string, seat: null },
        { code: codes[seats.length + 1] as string, seat: CLASS_SEAT },
      ],
      organizerId: req.organizerId,
    };
    try {
      await store.createMatch(meta, { updatedAt: now, phase: 'lobby', turn: 0, seatsFilled: 0, seatsTotal: seats.length });
    } catch (e) {
      // A clash of ids or codes with another match: draw again.
      if (e instanceof StoreConflict && attempt < 5) continue;
      throw e;
    }
    // Before the answer: a match whose scenario is not stored yet has no facilitator to miss it.
    if (req.scenarioText !== undefined) await store.saveScenario(matchId, req.scenarioText);
    if (req.planningSeconds !== undefined) await store.append(matchId, 0, configureEntry(now, req.planningSeconds));
    return ok({
      matchId,
      facilitatorToken,
      seats: seats.map((s, i) => ({ seat: s.id, name: s.name, bot: s.botByDefault, code: formatJoinCode(codes[i] as string) })),
      observerCode: formatJoinCode(codes[seats.length] as string),
      classCode: formatJoinCode(codes[seats.length + 1] as string),
    });
  }
}

function scenarioOf(entry: AnyRulesetEntry, req: NewMatchRequest): Result<unknown> {
  if (req.scenarioText === undefined) {
    const scenario = req.scenario === undefined ? undefined : entry.findScenario(req.scenario);
    return scenario ? ok(scenario) : reject('unknown-scenario', `There is no scenario "${req.scenario ?? ''}" for ${req.ruleset}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(req.scenarioText);
  } catch {
    return reject('bad-scenario', 'The scenario file is not valid JSON.');
  }
  return entry.ruleset.parseScenario(data);
}

function uniqueCodes(n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(newJoinCode());
  return [...codes];
}
