import type { LogEntry } from '../../shared/engine/match.ts';
import { ok, reject, type Result } from '../../shared/engine/result.ts';
import {
  ClassroomMessages, FACILITATOR_CLASSROOM_MESSAGES, LobbyMessageType, type ClassroomMessage, type Draft, type LobbyStatus, type SeatGranted,
} from '../../shared/protocol/classroom.ts';
import type { Identity } from '../auth/authenticate.ts';
import type { MatchHost } from '../match-host.ts';
import type { MatchStore } from '../store/store.ts';
import { formatJoinCode } from '../store/index.ts';
import { People } from './people.ts';
import type { ReplyData } from './perform.ts';
import type { Presence } from './presence.ts';

/** Audit actions of the lobby (who sits where, not the game: replay passes over them). */
export const LOBBY_LOCK = 'lobbyLock';
export const LOBBY_APPROVAL = 'lobbyApproval';
export const LOBBY_CLAIM = 'lobbyClaim';

/** How long a granted seat stays held for the student joining it, so two picks cannot both win it. */
const HOLD_MS = 15_000;
/** Drafts kept per room at most (one per person and seat); the oldest go first. */
const MAX_DRAFTS = 500;

export interface ClassroomContext {
  readonly matchId: string;
  readonly host: MatchHost;
  readonly presence: Presence;
  readonly store: MatchStore;
  readonly now: () => number;
  /** Sends a server message to one connection, if it is still there. */
  readonly sendTo: (sessionId: string, type: string, payload: unknown) => void;
  /** Connected sessions and who they are. */
  readonly sessions: () => Iterable<readonly [string, Identity]>;
}

type Handled = Result<ReplyData | undefined>;

/**
 * The classroom side of a match room (issue 14; protocol in shared/protocol/classroom.ts):
 * people and their display names (people.ts), each person's drafts, and the lobby of the
 * class link. None of it is the game: drafts are not logged at all (they live in this
 * room's memory and in the browser's own storage, so a restarted server loses them and each
 * browser puts back its own copy); lobby settings and answers are audit entries.
 */
export class Classroom {
  readonly people = new People();
  readonly #ctx: ClassroomContext;
  readonly #drafts = new Map<string, Draft>();
  readonly #locked = new Set<string>();
  #approval = false;
  readonly #pending = new Map<string, { sessionId: string; seat: string; name: string }>();
  readonly #held = new Map<string, number>();
  /** Connections that asked for the lobby's status (`lobbyStatus`): only they get its pushes. */
  readonly #readers = new Set<string>();
  #requests = 0;

  constructor(ctx: ClassroomContext, entries: readonly LogEntry<unknown>[]) {
    this.#ctx = ctx;
    for (const e of entries) if (e.kind === 'audit') this.#apply(e.action, e.detail);
  }

  /** Whether `type` is one of the classroom's messages. */
  handles(type: string): boolean {
    return Object.hasOwn(ClassroomMessages, type);
  }

  /** One classroom message from `who` (already past the room's rate and size gate). */
  async handle(sessionId: string, who: Identity, type: string, payload: unknown): Promise<Handled> {
    const schema = ClassroomMessages[type as keyof typeof ClassroomMessages];
    if (FACILITATOR_CLASSROOM_MESSAGES.has(type) && who.role !== 'facilitator') return reject('not-facilitator', 'Only the facilitator (White Cell) can do that.');
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reject('bad-message', `That "${type}" message is malformed at ${issue?.path.join('.') || '(message)'}: ${issue?.message ?? 'invalid'}.`);
    }
    const p = parsed.data as Record<string, unknown>;
    switch (type as keyof typeof ClassroomMessages) {
      case 'saveDraft':
        if (who.role !== 'seat') return reject('not-a-seat', 'Only a seat keeps drafts of orders.');
        this.#drafts.delete(draftKey(who));
        this.#drafts.set(draftKey(who), (p as ClassroomMessage<'saveDraft'>).draft);
        if (this.#drafts.size > MAX_DRAFTS) this.#drafts.delete(this.#drafts.keys().next().value as string);
        return ok(undefined);
      case 'loadDraft': {
        if (who.role !== 'seat') return reject('not-a-seat', 'Only a seat keeps drafts of orders.');
        const d = this.#drafts.get(draftKey(who));
        return ok({ draft: d ? JSON.stringify(d) : '' });
      }
      case 'lobbyStatus':
        if (who.role !== 'lobby' && who.role !== 'facilitator') return reject('not-in-lobby', 'Only the lobby and the facilitator read the lobby.');
        this.#readers.add(sessionId);
        return ok({ status: JSON.stringify(this.#status(who.role === 'facilitator')) });
      case 'claimSeat':
        if (who.role !== 'lobby') return reject('not-in-lobby', 'You already have a seat: seats are picked from the class link’s lobby.');
        return this.#claim(sessionId, who.name, (p as ClassroomMessage<'claimSeat'>).seat);
      case 'lockSeat': {
        const m = p as ClassroomMessage<'lockSeat'>;
        if (!this.#seatIds().includes(m.seat)) return reject('unknown-seat', `There is no seat "${m.seat}" in this match.`);
        return this.#audit(LOBBY_LOCK, { seat: m.seat, locked: m.locked });
      }
      case 'requireApproval':
        return this.#audit(LOBBY_APPROVAL, { required: (p as ClassroomMessage<'requireApproval'>).required });
      case 'answerClaim':
        return this.#answer((p as ClassroomMessage<'answerClaim'>).request, (p as ClassroomMessage<'answerClaim'>).approve);
    }
    return reject('unknown-type', `There is no message "${type.slice(0, 40)}".`);
  }

  /** A connection left: its pending pick goes with it. */
  left(sessionId: string): void {
    this.people.left(sessionId);
    this.#readers.delete(sessionId);
    let changed = false;
    for (const [id, p] of this.#pending) {
      if (p.sessionId !== sessionId) continue;
      this.#pending.delete(id);
      changed = true;
    }
    if (changed) this.publish();
  }

  /** Pushes the lobby's status to the connections that read it (the lobby's and the facilitator's). */
  publish(): void {
    for (const [sessionId, who] of this.#ctx.sessions()) {
      if (this.#readers.has(sessionId)) this.#ctx.sendTo(sessionId, LobbyMessageType.status, this.#status(who.role === 'facilitator'));
    }
  }

  #status(facilitator: boolean): LobbyStatus {
    return {
      locked: [...this.#locked].sort(),
      approval: this.#approval,
      pending: facilitator ? [...this.#pending].map(([request, p]) => ({ request, seat: p.seat, name: p.name })) : [],
    };
  }

  #seatIds(): string[] {
    const { host } = this.#ctx;
    return host.ruleset.seats(host.match.state).map((s) => s.id as string);
  }

  /** Why `seat` cannot be picked now, or null. */
  #refusal(seat: string): Result<void> {
    const { host, presence, now } = this.#ctx;
    if (!this.#seatIds().includes(seat)) return reject('unknown-seat', `There is no seat "${seat}" in this match.`);
    if (this.#locked.has(seat)) return reject('seat-locked', 'The facilitator has locked that seat: pick another one.');
    if (host.match.bots.includes(seat as never)) return reject('seat-bot', 'The bot plays that seat: pick another one, or ask the facilitator to open it.');
    if (presence.count(seat) > 0 || (this.#held.get(seat) ?? 0) > now()) return reject('seat-taken', 'Someone has just taken that seat: pick another one.');
    return ok(undefined);
  }

  async #claim(sessionId: string, name: string, seat: string): Promise<Handled> {
    const free = this.#refusal(seat);
    if (!free.ok) return free;
    if (this.#approval) {
      for (const [id, p] of this.#pending) if (p.sessionId === sessionId) this.#pending.delete(id);
      const request = `rq${++this.#requests}`;
      this.#pending.set(request, { sessionId, seat, name });
      this.publish();
      return ok({ pending: true, request });
    }
    const granted = await this.#grant(seat);
    if (!granted) return reject('storage-failed', 'The match archive could not be read: try again in a moment.');
    const r = await this.#ctx.host.audit(LOBBY_CLAIM, { seat, name, approved: true });
    return r.ok ? ok({ ...granted }) : reject(r.error.code, r.error.message);
  }

  async #answer(request: string, approve: boolean): Promise<Handled> {
    const p = this.#pending.get(request);
    if (!p) return reject('unknown-request', 'That pick is no longer waiting (the student left or it was answered).');
    this.#pending.delete(request);
    const free = approve ? this.#refusal(p.seat) : ok(undefined);
    const granted = approve && free.ok ? await this.#grant(p.seat) : null;
    const logged = await this.#ctx.host.audit(LOBBY_CLAIM, { seat: p.seat, name: p.name, approved: granted !== null });
    if (granted) this.#ctx.sendTo(p.sessionId, LobbyMessageType.granted, granted);
    else this.#ctx.sendTo(p.sessionId, LobbyMessageType.refused, { message: free.ok ? 'The facilitator did not approve that seat: pick another one.' : free.error.message });
    this.publish();
    if (!logged.ok) return reject(logged.error.code, logged.error.message);
    return approve && !free.ok ? reject(free.error.code, free.error.message) : ok({ seat: p.seat, approved: granted !== null });
  }

  /** The seat's current join code, held for the student for a moment. */
  async #grant(seat: string): Promise<SeatGranted | null> {
    const meta = await this.#ctx.store.getMatch(this.#ctx.matchId).catch(() => null);
    const code = meta?.codes.find((c) => c.seat === seat)?.code;
    if (!code) return null;
    this.#held.set(seat, this.#ctx.now() + HOLD_MS);
    return { seat, code: formatJoinCode(code) };
  }

  async #audit(action: string, detail: Record<string, string | boolean>): Promise<Handled> {
    const r = await this.#ctx.host.audit(action, detail);
    if (!r.ok) return reject(r.error.code, r.error.message);
    this.#apply(action, detail);
    this.publish();
    return ok(undefined);
  }

  #apply(action: string, detail: Readonly<Record<string, unknown>>): void {
    if (action === LOBBY_LOCK && typeof detail['seat'] === 'string') {
      if (detail['locked'] === true) this.#locked.add(detail['seat']);
      else this.#locked.delete(detail['seat']);
    }
    if (action === LOBBY_APPROVAL) this.#approval = detail['required'] === true;
  }
}

/** Drafts are per seat and person (display name): "Ana" and "Ana (2)" on Aldoria keep their own. */
const draftKey = (who: Identity): string => `${who.seat ?? who.role}\n${who.name}`;
