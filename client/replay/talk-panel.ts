import type { SeatSide } from '../../shared/engine/channels.ts';
import { chatFor, type ChatLog } from '../../shared/engine/chat.ts';
import type { Viewer } from '../../shared/engine/ruleset.ts';
import { el } from '../screens/dom.ts';

/** A channel id in words: `pair:a|b` → "A ↔ B", `direct:x` → "White Cell ↔ X". */
export function channelName(id: string, names: ReadonlyMap<string, string>): string {
  const name = (s: string) => names.get(s) ?? s;
  if (id === 'coalition') return 'Coalition';
  if (id === 'red') return 'Red team';
  if (id === 'broadcast') return 'White Cell broadcast';
  if (id.startsWith('direct:')) return `White Cell ↔ ${name(id.slice(7))}`;
  if (id.startsWith('pair:')) return id.slice(5).split('|').map(name).join(' ↔ ');
  return id;
}

/**
 * The talk in the replay (issue 7): the messages the chosen viewer could read up to this step
 * — exactly `chatFor` of the match as it was then, so "view as" a seat shows only its
 * channels, hidden messages without their text; the god view shows everything, hidden ones
 * marked. The messages of the current turn are highlighted; text only, through textContent.
 */
export function talkPanel(match: { chat?: ChatLog; turn: number }, seats: readonly SeatSide[], viewer: Viewer, names: ReadonlyMap<string, string>): HTMLElement {
  const messages = chatFor(match.chat, seats, viewer);
  const box = el('section', { class: 'rp-panel rp-talk', 'data-testid': 'replay-talk' }, el('h3', {}, `Channels (${messages.length})`));
  if (messages.length === 0) {
    box.append(el('p', { class: 'muted' }, viewer === 'observer' ? 'The public view reads only the White Cell broadcast.' : 'No messages this viewer could read yet.'));
    return box;
  }
  box.append(
    el('ol', { class: 'rp-talk-list' }, ...messages.slice(-80).reverse().map((m) =>
      el('li', { class: m.turn === match.turn ? 'now' : '', 'data-testid': 'replay-message', 'data-channel': m.channel },
        el('span', { class: 'muted' }, `T${m.turn} ${m.phase} · ${channelName(m.channel, names)} · `),
        el('strong', {}, `${m.author} (${m.seat === 'facilitator' ? 'White Cell' : (names.get(m.seat) ?? m.seat)})`),
        ' ',
        m.hidden && viewer !== 'facilitator' ? el('em', { class: 'muted' }, 'hidden by the facilitator') : m.text,
        m.hidden && viewer === 'facilitator' ? el('em', { class: 'muted' }, ' (hidden from players)') : '',
        m.link ? el('div', { class: 'muted' }, `→ linked to ${m.link.kind} ${m.link.ref}`) : '',
      ))),
  );
  return box;
}
