import type { Identity } from '../auth/authenticate.ts';

interface Person {
  readonly group: string;
  readonly key: string;
  readonly name: string;
  readonly tab: string | null;
  dropped: boolean;
  /** Ends the room's wait for a dropped connection (its `allowReconnection`). */
  cancel: (() => void) | null;
}

/** Who arrives: the display name they get, and the older live connections of the same person for the room to close now. */
export interface Arrival {
  readonly name: string;
  readonly replaces: readonly string[];
}

const groupOf = (who: Identity): string => (who.role === 'seat' ? `seat:${who.seat}` : who.role);
const keyOf = (name: string): string => name.trim().toLocaleLowerCase('en');

/**
 * The people connected to one room, as people rather than sockets (issue 14):
 *
 * - **The same person comes back** — a reload (same browser tab id), or another laptop or a
 *   reconnected Wi-Fi with the same name while the old connection is only waiting to be
 *   reconnected: the new connection takes over the old one's display name (and so its
 *   drafts, mutes and chat identity), and the old one is closed at once instead of lingering
 *   as a ghost ("Ana, Ana, Ana — 3 connected") for the reconnection window.
 * - **Two people type the same name on one seat**: the second is "Ana (2)", the third
 *   "Ana (3)", so everyone — and the facilitator's mute buttons — can tell them apart.
 *
 * A group is a seat (or the facilitator, the observers, the lobby): names are only told apart
 * within it. Names compare without case and surrounding spaces.
 */
export class People {
  readonly #people = new Map<string, Person>();

  /** A new connection `sessionId` of `who`: its display name, and the sessions it replaces. */
  arrive(sessionId: string, who: Identity): Arrival {
    const group = groupOf(who);
    const tab = who.tab ?? null;
    const base = who.name.trim();
    const same = [...this.#people].filter(([, p]) => p.group === group);
    const replaced = same.filter(([, p]) => (tab !== null && p.tab === tab) || (p.dropped && p.key === keyOf(base)));
    const replaces = replaced.map(([id]) => id);
    const first = replaced[0]?.[1];
    // The person keeps the name they had; otherwise the first of "Ana", "Ana (2)", … not in use.
    const kept = first?.name;
    const taken = new Set(same.filter(([id]) => !replaces.includes(id)).map(([, p]) => keyOf(p.name)));
    let name = kept ?? base;
    for (let k = 2; kept === undefined && taken.has(keyOf(name)); k++) name = `${base} (${k})`;
    for (const [id, p] of replaced) {
      this.#people.delete(id);
      // A dropped connection is only a place kept for it: stop keeping it (the room then lets it leave).
      p.cancel?.();
    }
    this.#people.set(sessionId, { group, key: first?.key ?? keyOf(base), name, tab, dropped: false, cancel: null });
    return { name, replaces: replaced.filter(([, p]) => !p.dropped).map(([id]) => id) };
  }

  /** The connection dropped; `cancel` ends the room's wait for it (when someone replaces it). */
  dropped(sessionId: string, cancel: () => void): void {
    const p = this.#people.get(sessionId);
    if (!p) return;
    p.dropped = true;
    p.cancel = cancel;
  }

  /** The dropped connection came back by itself (same session). */
  back(sessionId: string): void {
    const p = this.#people.get(sessionId);
    if (!p) return;
    p.dropped = false;
    p.cancel = null;
  }

  left(sessionId: string): void {
    this.#people.delete(sessionId);
  }
}
