import type { Client } from '@colyseus/core';

interface Corkable {
  cork(): void;
  uncork(): void;
}

function socketOf(c: Client): Corkable | null {
  const socket = (c as unknown as { ref?: { _socket?: Partial<Corkable> } }).ref?._socket;
  return typeof socket?.cork === 'function' && typeof socket.uncork === 'function' ? (socket as Corkable) : null;
}

/**
 * Sends a commit's patch to every client and then the replies to its senders, with one write
 * (system call) per socket instead of one per frame: every socket is corked, `patch()` runs,
 * the sockets that get no reply are uncorked first — so every client's patch is on its way
 * before any sender hears "ok" — and then each sender's replies join its patch and its socket
 * is uncorked. Transports without a Node socket underneath just write as they go.
 */
export function sendTogether(clients: readonly Client[], patch: () => void, replies: ReadonlyMap<Client, readonly (() => void)[]>): void {
  const corked = new Map<Client, Corkable>();
  for (const c of clients) {
    const s = socketOf(c);
    if (!s) continue;
    s.cork();
    corked.set(c, s);
  }
  try {
    patch();
  } finally {
    for (const [c, s] of corked) if (!replies.has(c)) s.uncork();
    for (const [c, sends] of replies) {
      for (const send of sends) send();
      corked.get(c)?.uncork();
    }
  }
}
