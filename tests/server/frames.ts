import { Connection } from '@colyseus/sdk/Connection';
import { Player } from './player.ts';

/**
 * Joins while recording every WebSocket frame the new connection receives, from the very
 * first: `Connection.prototype.connect` is wrapped for the duration of the join, and a
 * 'message' listener is added to the socket synchronously after it is created — before the
 * event loop can deliver any frame to it.
 */
export async function joinRecording(url: string, options: Record<string, unknown>): Promise<{ player: Player; frames: Uint8Array[] }> {
  const frames: Uint8Array[] = [];
  const original = Connection.prototype.connect;
  Connection.prototype.connect = function (this: Connection, ...args: Parameters<Connection['connect']>) {
    original.apply(this, args);
    const ws = (this.transport as unknown as { ws: WebSocket }).ws;
    ws.addEventListener('message', (ev: MessageEvent) => {
      const d: unknown = ev.data;
      frames.push(typeof d === 'string' ? new TextEncoder().encode(d) : d instanceof ArrayBuffer ? new Uint8Array(d.slice(0)) : new Uint8Array(d as ArrayBufferLike));
    });
  };
  try {
    const player = await Player.join(url, options);
    return { player, frames };
  } finally {
    Connection.prototype.connect = original;
  }
}

const TOKEN = /[A-Za-z0-9_-]/;

/**
 * Where any of `secrets` occurs in the frames as a whole token (not inside a longer id such as
 * `rq-<order id>`, which the rules send on purpose): "frame 12: …context…", or [] if nowhere.
 */
export function findInFrames(frames: readonly Uint8Array[], secrets: Iterable<string>): string[] {
  const texts = frames.map((f) => Buffer.from(f).toString('latin1'));
  const found: string[] = [];
  for (const secret of secrets) {
    texts.forEach((text, i) => {
      for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
        const before = text[at - 1] ?? ' ';
        const after = text[at + secret.length] ?? ' ';
        if (TOKEN.test(before) || TOKEN.test(after)) continue;
        found.push(`"${secret}" in frame ${i}: …${text.slice(Math.max(0, at - 40), at + secret.length + 40).replace(/[^\x20-\x7e]/g, '.')}…`);
      }
    });
  }
  return found;
}
