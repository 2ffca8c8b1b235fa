import { CHAT_RATE_LIMIT } from '../../shared/protocol/chat.ts';
import { RATE_LIMIT } from '../../shared/protocol/common.ts';

export interface Rate {
  readonly perSecond: number;
  readonly burst: number;
}

/** The caps of one server (README "Security", env names in `limitsFromEnv`). */
export interface ServerLimits {
  /** People connected to one seat at once (also the facilitator's and the observer's connections). */
  readonly connectionsPerSeat: number;
  /** Match connections from one address at once (a class behind one school NAT shares an address). */
  readonly connectionsPerAddress: number;
  /** Matches one organizer may keep in the archive. */
  readonly matchesPerOrganizer: number;
  /** Size of the archive past which no new match is created. */
  readonly archiveBytes: number;
  /** Messages per seat, shared by every connection of the seat. */
  readonly messages: Rate;
  /** Chat posts per seat, shared by every connection of the seat. */
  readonly chat: Rate;
}

export const DEFAULT_LIMITS: ServerLimits = {
  connectionsPerSeat: 12,
  connectionsPerAddress: 120,
  matchesPerOrganizer: 500,
  archiveBytes: 2 * 1024 ** 3,
  messages: RATE_LIMIT,
  chat: CHAT_RATE_LIMIT,
};

function positive(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
  return n;
}

/** The caps from the environment: MAX_CONNECTIONS_PER_SEAT, MAX_CONNECTIONS_PER_ADDRESS, MAX_MATCHES_PER_ORGANIZER, MAX_ARCHIVE_MB. */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>>): ServerLimits {
  return {
    ...DEFAULT_LIMITS,
    connectionsPerSeat: positive(env, 'MAX_CONNECTIONS_PER_SEAT', DEFAULT_LIMITS.connectionsPerSeat),
    connectionsPerAddress: positive(env, 'MAX_CONNECTIONS_PER_ADDRESS', DEFAULT_LIMITS.connectionsPerAddress),
    matchesPerOrganizer: positive(env, 'MAX_MATCHES_PER_ORGANIZER', DEFAULT_LIMITS.matchesPerOrganizer),
    archiveBytes: positive(env, 'MAX_ARCHIVE_MB', DEFAULT_LIMITS.archiveBytes / 1024 ** 2) * 1024 ** 2,
  };
}

/**
 * Token buckets by key — `<match>\n<seat>` — so that every connection of a seat draws on one
 * budget, and a reconnection or a second tab gets no fresh one. A bucket that has refilled is
 * the same as a new one, so full buckets are swept away: memory follows the seats that are
 * sending, not every seat that ever did.
 */
export class Budgets {
  readonly #rate: Rate;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #swept = 0;

  constructor(rate: Rate, now: () => number) {
    this.#rate = rate;
    this.#now = now;
  }

  /** Takes one token for `key`; false when its budget is spent. */
  take(key: string): boolean {
    const t = this.#now();
    if (t - this.#swept > 60_000) this.#sweep(t);
    const b = this.#buckets.get(key) ?? { tokens: this.#rate.burst, at: t };
    b.tokens = Math.min(this.#rate.burst, b.tokens + ((t - b.at) / 1000) * this.#rate.perSecond);
    b.at = t;
    this.#buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Buckets held (for tests and the probe). */
  get size(): number {
    return this.#buckets.size;
  }

  #sweep(t: number): void {
    this.#swept = t;
    for (const [key, b] of this.#buckets) if (b.tokens + ((t - b.at) / 1000) * this.#rate.perSecond >= this.#rate.burst) this.#buckets.delete(key);
  }
}

/** Open match connections per key (an address, or `<match>\n<seat>`), for the caps. */
export class ConnectionCounts {
  readonly #counts = new Map<string, number>();

  count(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  add(key: string): void {
    this.#counts.set(key, this.count(key) + 1);
  }

  remove(key: string): void {
    const n = this.count(key) - 1;
    if (n > 0) this.#counts.set(key, n);
    else this.#counts.delete(key);
  }

  get size(): number {
    return this.#counts.size;
  }
}

/** The process-wide limit state every match room of one server shares. */
export class RoomLimits {
  readonly limits: ServerLimits;
  readonly messages: Budgets;
  readonly chat: Budgets;
  readonly byAddress = new ConnectionCounts();
  readonly bySeat = new ConnectionCounts();

  constructor(limits: ServerLimits, now: () => number) {
    this.limits = limits;
    this.messages = new Budgets(limits.messages, now);
    this.chat = new Budgets(limits.chat, now);
  }

  /** Why a new connection to `seatKey` from `address` would be refused, or null if it may join. */
  refusal(seatKey: string, address: string): { code: string; message: string } | null {
    if (this.bySeat.count(seatKey) >= this.limits.connectionsPerSeat) {
      return { code: 'seat-full', message: `This seat already has ${this.limits.connectionsPerSeat} connections, the most it may have. Close a tab on another device, or ask your facilitator.` };
    }
    if (this.byAddress.count(address) >= this.limits.connectionsPerAddress) {
      return { code: 'too-many-connections', message: `Your network already has ${this.limits.connectionsPerAddress} connections to this server, the most it may have. Close some tabs, or ask your facilitator.` };
    }
    return null;
  }
}
