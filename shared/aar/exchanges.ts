import type { ChatLog } from '../engine/chat.ts';
import { pairChannel } from '../engine/channels.ts';
import type { CyberDrafts, CyberState } from '../rules/index.ts';
import type { ExchangeFinder } from './decisions.ts';
import type { ChatLine } from './types.ts';

/**
 * The exchange that led to each share, quoted in the AAR: the bilateral channel between
 * exporter and importer (`pair:<a>|<b>`) in the turn of the share and the one before, plus
 * every message the exporter or importer linked to the share's order (link kind `share`,
 * ref = the order id; order ids are per seat). Messages are the record's `chat` entries,
 * rebuilt by replay into `match.chat` (shared/engine/chat.ts); hidden ones are quoted and
 * marked, since the AAR is the facilitator's review. A record without messages gives none.
 */
export function exchangeFinder(talk: ChatLog | undefined, final: CyberState, drafts: readonly (CyberDrafts | undefined)[]): ExchangeFinder {
  if (!talk || talk.messages.length === 0) return () => [];
  return ({ turn, exporter, importer, capability }) => {
    const channel = pairChannel(exporter, importer);
    // The share orders of that turn from this exporter to this importer for this capability.
    const orderIds = new Set(
      (drafts[turn]?.orders ?? [])
        .filter((o) => o.seat === exporter && o.order.type === 'share' && o.order.to === importer && final.copies.find((c) => c.id === (o.order as { copy: string }).copy)?.capability === capability)
        .map((o) => o.id as string),
    );
    return talk.messages
      .filter((m) => (m.channel === channel && (m.turn === turn || m.turn === turn - 1)) || (m.link?.kind === 'share' && orderIds.has(m.link.ref) && m.turn <= turn && (m.seat === exporter || m.seat === importer)))
      .map((m): ChatLine => ({ turn: m.turn, at: m.at, from: m.seat === 'facilitator' ? 'facilitator' : `${m.author} (${m.seat})`, channel: m.channel, text: m.hidden ? `[hidden by the facilitator] ${m.text}` : m.text }));
  };
}
