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
import { sendTogether } from './cork.ts';
import { Classroom } from './classroom.ts';
import { REPLACED_CLOSE_CODE } from '../../shared/protocol/classroom.ts';
import { toAction } from './dispatch.ts';
import type { FrameGuard } from './frame-guard.ts';
import { jsonSize, MAX_MESSAGE_BYTES, refOf } from './gate.ts';
import type { MemoryReducer } from '../memory-reducer.ts';
import type { RoomLimits } from './limits.ts';
import { perform } from './perform.ts';
import { Presence } from './presence.ts';
import { RoomGuard, seatKeyOf } from './room-guard.ts';

export interface MatchRoomDeps {
  readonly store: MatchStore;
  /** Join checks: the attempt throttle and the organizers (server/auth). */
  readonly auth: AuthDeps;
  /** Per-seat budgets and per-seat / per-address connection caps, shared by every room (limits.ts). */
  readonly limits: RoomLimits;
  /** Drops and counts malformed frames before Colyseus decodes them (frame-guard.ts). */
  readonly frames: FrameGuard;
  /** Told when a room is disposed, to give freed memory back once the server is quiet. */
  readonly memory?: MemoryReducer;
  readonly now?: () => number;
  /** Where refused and abusive messages are logged (default console.warn). */
  readonly log?: (line: string) => void;
  /** Save the state every this many resolved turns besides the last (HostOptions.snapshotEvery; default 0: the last only). */
  readonly snapshotEvery?: number;
}

const MatchIdOption = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
/**
 * The room's periodic patch, effectively never (Node's longest timer, ~24.8 days): every patch
 * is pushed by `broadcastPatch()` right after a commit or a change of who is connected.
 * (`patchRate = null` would start a 60 Hz clock tick per room instead.)
 */
const NO_PERIODIC_PATCH_MS = 2 ** 31 - 1;

/** After the archive refused a write, the planning clock tries its deadline again no sooner than this. */
const STORAGE_RETRY_MS = 1000;

/** The credential headers of a join, from Colyseus' auth context (its `ip` is the address server/http/address.ts settled on). */
const requestOf = (context: AuthContext | undefined): CredentialHeaders => ({
  address: context?.ip ?? 'unknown',
  authorization: context?.headers?.get('authorization'),
  cookie: context?.headers?.get('cookie'),
  origin: context?.headers?.get('origin'),
  host: context?.headers?.get('host'),
  secFetchSite: context?.headers?.get('sec-fetch-site'),
});

/** A failure of the archive or the throttle while a join is checked or a room loads: logged, and told as a sentence. */
function unavailable(log: (line: string) => void, what: string, e: unknown): ServerError {
  log(`[join] ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, 'server-unavailable: The server could not open this match just now; nothing changed. Try again in a moment.');
}

async function identify(deps: MatchRoomDeps, options: unknown, context: AuthContext | undefined): Promise<Identity> {
  let r: Awaited<ReturnType<typeof authenticate>>;
  try {
    r = await authenticate(deps.auth, options, requestOf(context));
  } catch (e) {
    throw unavailable(deps.log ?? ((line: string) => console.warn(line)), 'checking a join failed', e);
  }
  if (!r.ok) throw new ServerError(ErrorCode.AUTH_FAILED, `${r.error.code}: ${r.error.message}`);
  // A join link's code alone names the match: matchmaking then finds its room by that id (filterBy matchId).
  if (options && typeof options === 'object' && !(options as { matchId?: unknown }).matchId) (options as { matchId?: string }).matchId = r.value.matchId;
  // Refused here already when the seat or the address is full (onJoin checks again, for joins racing this one).
  const full = deps.limits.refusal(seatKeyOf(r.value.matchId, r.value), addressKey(r.value.address ?? 'unknown'));
  if (full) throw new ServerError(ErrorCode.AUTH_FAILED, `${full.code}: ${full.message}`);
  return r.value;
}

const viewerOf = (who: Identity): Viewer => (who.role === 'seat' ? who.seat : who.role === 'lobby' ? 'observer' : who.role);

/**
 * The match room class for a server (docs/design.md §8; STYLE.md "rooms are thin"): one room per
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
    /** The planning clock's one timer, armed for the current deadline (none when no clock runs). */
    #deadlineTimer: NodeJS.Timeout | null = null;
    #armedFor: number | null = null;
    /** A patch is due this turn of the loop; replies wait for it (see #flush). */
    #flushQueued = false;
    #disposed = false;
    /** Whether the memory reducer counts this room as a live match (its creation completed). */
    #counted = false;
    #replies = new Map<Client, (() => void)[]>();
    #classroom: Classroom | null = null;

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
      const loaded = await loadMatch(deps.store, matchId).catch((e: unknown) => {
        throw unavailable(log, `loading match ${matchId} failed`, e);
      });
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
        snapshotEvery: deps.snapshotEvery ?? 0,
        reload: async () => {
          const r = await loadMatch(deps.store, matchId);
          return r.ok ? r.value : null;
        },
      });
      mirror.refresh(host.match, this.#presence);
      // After each commit: the mirror takes the committed match, and the patch leaves in this
      // turn of the event loop — before the senders' replies, so a client holding an ok reply
      // holds its state too (see #flush).
      host.onChange((commit) => {
        mirror.refresh(commit.match, this.#presence, commit.touched);
        this.#flushSoon();
      });
      // A refused write put the head back: its deadline (say, the one whose closing failed) is due again.
      host.onRollback(() => this.#armClock());
      this.#mirror = mirror;
      this.#host = host;
      this.patchRate = NO_PERIODIC_PATCH_MS;
      this.#classroom = new Classroom({
        matchId, host, presence: this.#presence, store: deps.store, now,
        sendTo: (id, type, payload) => this.clients.find((c) => c.sessionId === id)?.send(type, payload),
        sessions: () => this.#presence.entries(),
      }, entries);
      this.state = mirror.state;
      this.onMessage('*', (client: Client, type: string | number, payload: unknown) => {
        void this.#dispatch(client, String(type), payload);
      });
      this.#armClock();
      this.#counted = true;
      deps.memory?.matchOpened();
    }

    override async onJoin(client: Client): Promise<void> {
      const who = client.auth as Identity | undefined;
      if (!who || who.matchId !== this.#matchId) throw new ServerError(ErrorCode.AUTH_FAILED, 'wrong-match: those credentials are for another match.');
      const full = this.#guard?.admit(client.sessionId, who);
      if (full) {
        this.#kicked.add(client.sessionId);
        throw new ServerError(ErrorCode.AUTH_FAILED, `${full.code}: ${full.message}`);
      }
      // The same person again (a reload, another laptop) replaces their old connection; a second "Ana" is "Ana (2)".
      const arrival = this.#classroom?.people.arrive(client.sessionId, who) ?? { name: who.name, replaces: [] };
      for (const id of arrival.replaces) this.#replaced(id);
      const named = { ...who, name: arrival.name };
      this.#presence.add(client.sessionId, named);
      // In the log before the client is in: the audit trail never misses someone who was there.
      if (this.#host) await this.#guard?.recordJoin(this.#host, named);
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
      const waiting = this.allowReconnection(client, RECONNECT_SECONDS);
      this.#classroom?.people.dropped(client.sessionId, () => waiting.reject(false));
      Promise.resolve(waiting).catch(() => undefined);
    }

    override onReconnect(client: Client): void {
      this.#classroom?.people.back(client.sessionId);
    }

    override onLeave(client: Client): void {
      const who = this.#presence.remove(client.sessionId);
      this.#guard?.release(client.sessionId);
      this.#chat.leave(client.sessionId);
      this.#floodLogged.delete(client.sessionId);
      this.#kicked.delete(client.sessionId);
      this.#classroom?.left(client.sessionId);
      if (who) this.#mirror?.release(viewerOf(who));
      this.#seatsChanged();
    }

    override async onDispose(): Promise<void> {
      // Nothing more may happen to this match here: no clock (a later room takes it up from
      // the log), no patch; what is on its way to the archive still lands.
      this.#disposed = true;
      this.#disarmClock();
      await this.#host?.idle();
      this.#host?.close();
      if (this.#counted) deps.memory?.matchEnded();
    }

    #seatsChanged(): void {
      if (!this.#host || !this.#mirror) return;
      this.#mirror.refreshSeats(this.#host.match, this.#presence);
      this.#host.touchSummary();
      this.#flushSoon();
    }

    /**
     * One patch for everything that changed in this turn of the loop (commits, a class joining
     * at once), sent at its end (setImmediate: after the promise jobs in which the commit's
     * senders have their replies queued), then those replies.
     */
    #flushSoon(): void {
      if (this.#flushQueued) return;
      this.#flushQueued = true;
      setImmediate(() => this.#flush());
    }

    #flush(): void {
      this.#flushQueued = false;
      if (this.#disposed) return;
      const replies = this.#replies;
      this.#replies = new Map();
      sendTogether(this.clients, () => this.broadcastPatch(), replies);
      this.#armClock();
    }

    /** Sends a reply now, or after the patch that is on its way. */
    #reply(client: Client, send: () => void): void {
      if (!this.#flushQueued) return send();
      const queued = this.#replies.get(client);
      if (queued) queued.push(send);
      else this.#replies.set(client, [send]);
    }

    /** Arms one timer for the planning deadline of the match (re-armed when it moves); none without a running clock. */
    #armClock(): void {
      if (this.#disposed) return;
      const host = this.#host;
      const deadline = host?.deadline() ?? null;
      if (deadline === this.#armedFor) return;
      this.#disarmClock();
      if (!host || deadline === null) return;
      this.#armedFor = deadline;
      // Node timers run at most ~24.8 days ahead; a later deadline re-arms on the way. After the
      // archive refused a write (e.g. the deadline's own closePlanning), retry no sooner than a second.
      const retry = host.failedAt === null ? 0 : host.failedAt + STORAGE_RETRY_MS - now();
      const wait = Math.min(Math.max(0, deadline - now(), retry) + 1, NO_PERIODIC_PATCH_MS);
      this.#deadlineTimer = setTimeout(() => {
        this.#deadlineTimer = null;
        this.#armedFor = null;
        host.tick();
        this.#armClock();
      }, wait);
    }

    #disarmClock(): void {
      if (this.#deadlineTimer) clearTimeout(this.#deadlineTimer);
      this.#deadlineTimer = null;
      this.#armedFor = null;
    }

    async #dispatch(client: Client, type: string, payload: unknown): Promise<void> {
      const ref = refOf(payload);
      const send = (reply: Reply) =>
        this.#reply(client, () => {
          try {
            client.send(ServerMessageType.reply, reply);
          } catch {
            // The client is gone; there is nobody to answer.
          }
        });
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
        return send({ ref, ok: true, data: { role: who.role, seat: who.role === 'seat' ? who.seat : null, name: who.name } });
      }
      if (this.#classroom?.handles(type)) {
        const r = await this.#classroom.handle(client.sessionId, who, type, payload).catch((e: unknown) => {
          log(`[match ${this.#matchId}] ${type} from ${client.sessionId} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          return null;
        });
        if (!r) return refuse('server-error', 'The server could not do that; nothing changed.');
        return r.ok ? send(r.value ? { ref, ok: true, data: r.value } : { ref, ok: true }) : refuse(r.error.code, r.error.message);
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

    /** Closes a connection that a newer one of the same person replaced (its SDK does not retry that close code). */
    #replaced(sessionId: string): void {
      const c = this.clients.find((x) => x.sessionId === sessionId);
      if (!c) return;
      this.#kicked.add(sessionId);
      c.leave(REPLACED_CLOSE_CODE, 'replaced');
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
