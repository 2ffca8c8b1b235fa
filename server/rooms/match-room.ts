import { ErrorCode, matchMaker, Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import { z } from 'zod';
import type { Viewer } from '../../shared/engine/ruleset.ts';
import { HELLO_MESSAGE, KICKED_CLOSE_CODE, RECONNECT_SECONDS, ServerMessageType, type Reply } from '../../shared/protocol/common.ts';
import { authenticate, type AuthDeps, type Identity } from '../auth/authenticate.ts';
import type { CredentialHeaders } from '../auth/organizers.ts';
import { addressKey } from '../http/address.ts';
import { MatchHost } from '../match-host.ts';
import { loadMatch } from '../match-loader.ts';
import { Mirror } from '../schema/mirror.ts';
import type { MatchStore } from '../store/store.ts';
import { bindingFor, type RulesetBinding } from './bindings.ts';
import { ChatDesk } from './chat.ts';
import { toAction } from './dispatch.ts';
import type { FrameGuard } from './frame-guard.ts';
import { jsonSize, MAX_MESSAGE_BYTES, refOf } from './gate.ts';
import type { RoomLimits } from './limits.ts';
import { perform } from './perform.ts';
import { Presence } from './presence.ts';
import { RoomGuard } from './room-guard.ts';

export interface MatchRoomDeps {
  readonly store: MatchStore;
  /** Join checks: the attempt throttle and the organizers (server/auth). */
  readonly auth: AuthDeps;
  /** Per-seat budgets and per-seat / per-address connection caps, shared by every room (limits.ts). */
  readonly limits: RoomLimits;
  /** Drops and counts malformed frames before Colyseus decodes them (frame-guard.ts). */
  readonly frames: FrameGuard;
  readonly now?: () => number;
  /** Where refused and abusive messages are logged (default console.warn). */
  readonly log?: (line: string) => void;
}

const MatchIdOption = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const CLOCK_MS = 250;

/** The credential headers of a join, from Colyseus' auth context (its `ip` is the address server/http/address.ts settled on). */
const requestOf = (context: AuthContext | undefined): CredentialHeaders => ({
  address: context?.ip ?? 'unknown',
  authorization: context?.headers?.get('authorization'),
  cookie: context?.headers?.get('cookie'),
  origin: context?.headers?.get('origin'),
  host: context?.headers?.get('host'),
  secFetchSite: context?.headers?.get('sec-fetch-site'),
});

async function identify(deps: MatchRoomDeps, options: unknown, context: AuthContext | undefined): Promise<Identity> {
  const r = await authenticate(deps.auth, options, requestOf(context));
  if (!r.ok) throw new ServerError(ErrorCode.AUTH_FAILED, `${r.error.code}: ${r.error.message}`);
  // Refused here already when the seat or the address is full (onJoin checks again, for joins racing this one).
  const full = deps.limits.refusal(`${r.value.matchId}\n${r.value.role === 'seat' ? r.value.seat : r.value.role}`, addressKey(r.value.address ?? 'unknown'));
  if (full) throw new ServerError(ErrorCode.AUTH_FAILED, `${full.code}: ${full.message}`);
  return r.value;
}

const viewerOf = (who: Identity): Viewer => (who.role === 'seat' ? who.seat : who.role);

/**
 * The match room class for a server (DESIGN.md §8; STYLE.md "rooms are thin"): one room per
 * match, found or (re)created by `joinOrCreate('match', { matchId, code | facilitatorToken,
 * name })` through `filterBy(['matchId'])`, with `roomId` = match id. It authenticates, routes
 * each message through the gate (rate, size) and `toAction`, hands the action to the
 * MatchHost, and mirrors the host's match into schema; it holds no rule of the game.
 */
export function defineMatchRoom(deps: MatchRoomDeps) {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line: string) => console.warn(line));

  return class MatchRoom extends Room {
    // Matchmaking calls the static hook before it finds or creates the room.
    static override async onAuth(_token: string, options: unknown, context: AuthContext): Promise<Identity> {
      return identify(deps, options, context);
    }

    // Joins that bypass HTTP matchmaking are checked here instead (the WebSocket upgrade's context).
    override async onAuth(_client: Client, options: unknown, context: AuthContext): Promise<Identity> {
      return identify(deps, options, context);
    }

    #matchId = '';
    #host: MatchHost | null = null;
    #mirror: Mirror | null = null;
    #binding: RulesetBinding | null = null;
    readonly #presence = new Presence();
    readonly #floodLogged = new Map<string, number>();
    readonly #kicked = new Set<string>();
    readonly #chat = new ChatDesk(now);
    #guard: RoomGuard | null = null;

    override async onCreate(options: { matchId?: unknown }): Promise<void> {
      const id = MatchIdOption.safeParse(options?.matchId);
      if (!id.success) throw new ServerError(ErrorCode.MATCHMAKE_INVALID_CRITERIA, 'bad-join: a match id is required.');
      const matchId = id.data;
      if (await matchMaker.getRoomById(matchId)) throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, `room-exists: match ${matchId} already has a room.`);
      this.roomId = matchId;
      this.#matchId = matchId;
      this.#guard = new RoomGuard(matchId, deps.limits, log);
      // A client closed for malformed frames leaves at once, like a kicked one (no reconnection window).
      deps.frames.install(this, (client) => this.#kicked.add(client.sessionId));
      const loaded = await loadMatch(deps.store, matchId);
      if (!loaded.ok) throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, `${loaded.error.code}: ${loaded.error.message}`);
      const { meta, ruleset, match, entries } = loaded.value;
      const binding = bindingFor(meta.ruleset);
      if (!binding) throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, `unknown-ruleset: no room can host "${meta.ruleset}".`);
      this.#binding = binding;
      const mirror = new Mirror(ruleset, binding.mirror, { matchId, scenarioId: meta.scenarioId, scenarioVersion: meta.scenarioVersion });
      const host = new MatchHost({
        store: deps.store,
        matchId,
        ruleset,
        match,
        entries,
        now,
        log,
        seatsFilled: () => this.#presence.seatsFilled(),
        autoAdvance: binding.autoAdvance ?? false,
        reload: async () => {
          const r = await loadMatch(deps.store, matchId);
          return r.ok ? r.value : null;
        },
      });
      mirror.refresh(host.match, this.#presence);
      host.onChange((m) => mirror.refresh(m, this.#presence));
      this.#mirror = mirror;
      this.#host = host;
      this.state = mirror.state;
      this.onMessage('*', (client: Client, type: string | number, payload: unknown) => {
        void this.#dispatch(client, String(type), payload);
      });
      this.clock.setInterval(() => host.tick(), CLOCK_MS);
    }

    override async onJoin(client: Client): Promise<void> {
      const who = client.auth as Identity | undefined;
      if (!who || who.matchId !== this.#matchId) throw new ServerError(ErrorCode.AUTH_FAILED, 'wrong-match: those credentials are for another match.');
      const full = this.#guard?.admit(client.sessionId, who);
      if (full) {
        this.#kicked.add(client.sessionId);
        throw new ServerError(ErrorCode.AUTH_FAILED, `${full.code}: ${full.message}`);
      }
      this.#presence.add(client.sessionId, who);
      // In the log before the client is in: the audit trail never misses someone who was there.
      if (this.#host) await this.#guard?.recordJoin(this.#host, who);
      client.view = this.#mirror?.viewFor(viewerOf(who));
      this.#seatsChanged();
      // A bot seat is played by the bot only until someone claims it with its code (a red team
      // taking the adversary); the hand-over is an ordinary, logged setBot.
      if (who.role === 'seat' && this.#host?.match.bots.includes(who.seat)) {
        const seat = who.seat;
        void this.#host.control({ type: 'setBot', seat, bot: false }).then((r) => {
          if (!r.ok) console.warn(`match ${this.#matchId}: ${seat} could not be taken from the bot: ${r.error.message}`);
        });
      }
    }

    override onDrop(client: Client): void {
      if (this.#kicked.has(client.sessionId)) return;
      // Rejects if the client does not come back in time or the room is closing; onLeave follows either way.
      Promise.resolve(this.allowReconnection(client, RECONNECT_SECONDS)).catch(() => undefined);
    }

    override onLeave(client: Client): void {
      const who = this.#presence.remove(client.sessionId);
      this.#guard?.release(client.sessionId);
      this.#chat.leave(client.sessionId);
      this.#floodLogged.delete(client.sessionId);
      this.#kicked.delete(client.sessionId);
      if (who) this.#mirror?.release(viewerOf(who));
      this.#seatsChanged();
    }

    override async onDispose(): Promise<void> {
      await this.#host?.idle();
    }

    #seatsChanged(): void {
      if (!this.#host || !this.#mirror) return;
      this.#mirror.refreshSeats(this.#host.match, this.#presence);
      this.#host.touchSummary();
    }

    async #dispatch(client: Client, type: string, payload: unknown): Promise<void> {
      const ref = refOf(payload);
      const send = (reply: Reply) => {
        try {
          // After the next patch: a client holding an ok reply already has the state it produced.
          client.send(ServerMessageType.reply, reply, { afterNextPatch: true });
        } catch {
          // The client is gone; there is nobody to answer.
        }
      };
      const refuse = (code: string, message: string) => {
        if (code !== 'rate-limited' || this.#shouldLogFlood(client.sessionId)) log(`[match ${this.#matchId}] refused ${JSON.stringify(type.slice(0, 40))} from ${client.sessionId}: ${code}`);
        send({ ref, ok: false, code, message });
      };
      const who = this.#presence.get(client.sessionId);
      const host = this.#host;
      if (!who || !host || !this.#binding) return refuse('server-error', 'This room is not ready.');
      if (!this.#guard?.allowMessage(who)) return refuse('rate-limited', 'Too many messages from your seat: slow down and try again in a second.');
      const size = jsonSize(payload);
      if (size === null) return refuse('bad-message', 'That message is not JSON data.');
      if (size > MAX_MESSAGE_BYTES) return refuse('too-large', `That message is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES}.`);
      if (type === HELLO_MESSAGE) {
        // Who this connection is, from its credentials: the client picks its screen by it.
        return send({ ref, ok: true, data: { role: who.role, seat: who.role === 'seat' ? who.seat : null } });
      }
      const action = toAction(this.#binding.protocol, type, payload, who);
      if (!action.ok) return refuse(action.error.code, action.error.message);
      try {
        const r = await perform(action.value, {
          host,
          presence: this.#presence,
          kick: (seat) => this.#kick(seat),
          replaceCode: (seat, code) => deps.store.replaceCode(this.#matchId, seat, code),
          chatAllowed: () => this.#guard?.allowChat(who) ?? false,
          typing: (channel) =>
            this.#chat.typing(host.ruleset.seats(host.match.state), { sessionId: client.sessionId, who }, channel, this.clients, (id) => this.#presence.get(id)),
        });
        // Only the facilitator learns the log length: a seat could count others' secret actions from it.
        if (!r.ok) return refuse(r.error.code, r.error.message);
        const data = who.role === 'facilitator' ? { ...r.value, applied: host.match.applied } : r.value;
        send(data ? { ref, ok: true, data } : { ref, ok: true });
      } catch (e) {
        log(`[match ${this.#matchId}] ${type} from ${client.sessionId} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        refuse('server-error', 'The server could not do that; nothing changed.');
      }
    }

    #shouldLogFlood(sessionId: string): boolean {
      const t = now();
      if ((this.#floodLogged.get(sessionId) ?? 0) > t - 1000) return false;
      this.#floodLogged.set(sessionId, t);
      return true;
    }

    #kick(seat: string): number {
      const sessions = new Set(this.#presence.sessionsOf(seat));
      const clients = this.clients.filter((c) => sessions.has(c.sessionId));
      for (const c of clients) {
        this.#kicked.add(c.sessionId);
        c.send(ServerMessageType.kicked, { reason: 'The facilitator removed you from this seat.' });
        c.leave(KICKED_CLOSE_CODE, 'kicked');
      }
      return clients.length;
    }
  };
}
