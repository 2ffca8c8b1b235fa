import type { MatchSession } from '../net/session.ts';
import { el } from '../screens/dom.ts';
import { MAX_CHAT_TEXT, type ChatLink } from '../../shared/engine/chat.ts';
import type { Reply } from '../../shared/protocol/common.ts';
import { CHAT_TYPING_MESSAGE, TYPING_RELAY_MS, type TypingNotice } from '../../shared/protocol/chat.ts';
import { canPost, channelLabel, presenceIn, readChat, type ChatItemSnap, type ChatSnap } from './chat-state.ts';
import './chat.css';

/** How long a "typing…" notice is shown after the last one arrived. */
const TYPING_SHOWN_MS = 6000;

/**
 * The negotiation panel (issue 7) for a seat or the facilitator: channels with unread counts,
 * the active channel's messages, a composer (Enter sends, Shift+Enter a new line) that shows
 * the server's refusal sentence, who is typing, and for the facilitator a hide/show button per
 * message and mute/unmute per author. Every text from the network is set with `textContent`:
 * markup in a message is shown as the characters it is, never parsed.
 *
 * It reads the session's state (chat-state.ts) and redraws on the next animation frame after
 * a change, never inside the network callback. Returns the unmount function.
 */
export function mountChat(root: HTMLElement, session: MatchSession, me: { seat: string | 'facilitator' }, options: ChatOptions = {}): () => void {
  const who = me.seat;
  const facilitator = who === 'facilitator';
  const channelList = el('ul', { class: 'chat-channels', role: 'tablist' });
  const presence = el('p', { class: 'chat-presence muted', 'data-testid': 'chat-presence' });
  const messages = el('ol', { class: 'chat-messages', 'aria-live': 'polite' });
  const typingLine = el('p', { class: 'chat-typing', 'data-testid': 'chat-typing' });
  const input = el('textarea', { class: 'chat-input', 'data-testid': 'chat-input', maxlength: String(MAX_CHAT_TEXT), rows: '2', 'aria-label': 'Message' });
  const send = el('button', { type: 'button', class: 'small', 'data-testid': 'chat-send' }, 'Send');
  const deal = el('button', { type: 'button', class: 'small secondary', 'data-testid': 'chat-open-deal', hidden: '' }, 'Propose a deal…');
  const error = el('p', { class: 'chat-error', 'data-testid': 'chat-error', role: 'status' });
  const readOnly = el('p', { class: 'chat-readonly muted' });
  const panel = el(
    'section',
    { class: 'chat', 'aria-label': 'Negotiation channels' },
    channelList,
    presence,
    messages,
    typingLine,
    el('div', { class: 'chat-compose' }, input, send, deal),
    readOnly,
    error,
  );
  if (root.dataset.testid !== 'chat') panel.dataset.testid = 'chat';
  root.append(panel);

  const seenKey = `se-chat-seen:${String((session.state as { matchId?: unknown } | undefined)?.matchId ?? '')}:${who}`;
  const seen = loadSeen(seenKey);
  let snap: ChatSnap | null = null;
  let active = '';
  let shownChannel = '';
  const shown = new Map<number, HTMLLIElement>();
  const typing = new Map<string, { notice: TypingNotice; until: number }>();
  let lastTypingSent = new Map<string, number>();
  let frame = 0;
  let sending = false;

  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };

  function draw(): void {
    frame = 0;
    snap = readChat(session.state, who);
    if (!snap) return;
    if (!snap.channels.includes(active)) active = snap.channels.find((c) => c !== 'broadcast') ?? snap.channels[0] ?? '';
    markSeen();
    drawChannels(snap);
    drawMessages(snap);
    drawTyping(snap);
    presence.textContent = presenceIn(active, snap.seats)
      .map((x) => `${x.seat.name}: ${x.players.length > 0 ? x.players.join(', ') : 'nobody connected'}`)
      .join(' · ');
    const postable = active !== '' && canPost(active, snap.seats, who);
    const partner = active.startsWith('pair:') ? active.slice('pair:'.length).split('|').find((x) => x !== who) : undefined;
    deal.hidden = !(options.onOpenDeal && partner && !facilitator);
    input.disabled = !postable;
    send.disabled = !postable || sending;
    readOnly.textContent = postable || active === '' ? '' : facilitator ? 'The White Cell reads this channel but does not post in it.' : 'Only the White Cell posts here.';
  }

  /** Messages count as read only while the panel is on screen (a board may keep it in a hidden tab). */
  const visible = () => panel.isConnected && panel.getClientRects().length > 0;
  let wasVisible = false;

  function markSeen(): void {
    wasVisible = visible();
    if (!snap || !wasVisible) return;
    const last = snap.messages.filter((m) => m.channel === active).at(-1);
    if (last && (seen.get(active) ?? -1) < last.id) {
      seen.set(active, last.id);
      saveSeen(seenKey, seen);
    }
  }

  function unread(s: ChatSnap, channel: string): number {
    const since = seen.get(channel) ?? -1;
    return s.messages.filter((m) => m.channel === channel && m.id > since && m.seat !== who).length;
  }

  function drawChannels(s: ChatSnap): void {
    const items = s.channels.map((id) => {
      const n = unread(s, id);
      const badge = el('span', { class: 'chat-unread', 'data-testid': `chat-unread-${id}`, 'aria-label': `${n} unread` }, n > 0 ? String(n) : '');
      const button = el('button', { type: 'button', class: 'chat-channel', role: 'tab', 'aria-selected': String(id === active), 'data-testid': `chat-channel-${id}` }, channelLabel(id, s.seats, who), badge);
      button.addEventListener('click', () => {
        active = id;
        error.textContent = '';
        schedule();
      });
      return el('li', {}, button);
    });
    channelList.replaceChildren(...items);
  }

  function drawMessages(s: ChatSnap): void {
    if (shownChannel !== active) {
      shown.clear();
      messages.replaceChildren();
      shownChannel = active;
      // Each channel keeps its own unsent text (kept as a draft across reloads and devices).
      if (options.drafts) input.value = options.drafts.chat(active);
    }
    const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
    for (const m of s.messages) {
      if (m.channel !== active) continue;
      const existing = shown.get(m.id);
      const li = messageItem(m, s);
      if (existing) {
        if (existing.dataset.sig !== li.dataset.sig) existing.replaceWith(li);
        else continue;
      } else {
        messages.append(li);
      }
      shown.set(m.id, li);
    }
    if (atBottom) messages.scrollTop = messages.scrollHeight;
  }

  function messageItem(m: ChatItemSnap, s: ChatSnap): HTMLLIElement {
    const seatName = m.seat === 'facilitator' ? 'White Cell' : (s.seats.find((x) => x.id === m.seat)?.name ?? m.seat);
    const muted = s.muted.includes(`${m.seat}/${m.author}`);
    const li = el('li', { class: 'chat-message', 'data-testid': 'chat-message', 'data-id': String(m.id), 'data-hidden': String(m.hidden), 'data-mine': String(m.seat === who) });
    li.dataset.sig = JSON.stringify([m.text, m.hidden, muted]);
    const head = el('div', { class: 'chat-head' }, el('strong', {}, m.author), ' ', el('span', { class: 'muted' }, `${seatName} · ${clock(m.at)} · ${m.turn > 0 ? `turn ${m.turn}` : 'before the start'}`));
    const body = el('div', { class: 'chat-text' });
    if (m.hidden && !facilitator) {
      body.append(el('em', { class: 'muted' }, 'Hidden by the facilitator.'));
    } else {
      body.textContent = m.text;
      if (m.hidden) body.prepend(el('em', { class: 'chat-hidden-tag' }, '[hidden] '));
    }
    li.append(head, body);
    if (m.linkKind) li.append(el('div', { class: 'chat-link muted' }, `Linked to ${linkName(m.linkKind)} ${m.linkRef}`));
    if (facilitator) {
      const tools = el('div', { class: 'chat-tools' });
      const hide = el('button', { type: 'button', class: 'small secondary', 'data-testid': 'chat-hide' }, m.hidden ? 'Show' : 'Hide');
      hide.addEventListener('click', () => void act('hideMessage', { id: m.id, hidden: !m.hidden }));
      tools.append(hide);
      if (m.seat !== 'facilitator') {
        const mute = el('button', { type: 'button', class: 'small secondary', 'data-testid': 'chat-mute' }, muted ? `Unmute ${m.author}` : `Mute ${m.author}`);
        mute.addEventListener('click', () => void act('muteMember', { seat: m.seat, name: m.author, muted: !muted }));
        tools.append(mute);
      }
      li.append(tools);
    }
    return li;
  }

  function drawTyping(s: ChatSnap): void {
    const now = Date.now();
    const names: string[] = [];
    for (const [key, t] of typing) {
      if (t.until < now) typing.delete(key);
      else if (t.notice.channel === active) {
        const seat = t.notice.seat === 'facilitator' ? 'White Cell' : (s.seats.find((x) => x.id === t.notice.seat)?.name ?? t.notice.seat);
        names.push(`${t.notice.name} (${seat})`);
      }
    }
    typingLine.textContent = names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
  }

  async function act(type: string, body: Record<string, unknown>): Promise<boolean> {
    try {
      const r = await session.send(type, body);
      error.textContent = r.ok ? '' : (r.message ?? r.code ?? 'Refused.');
      return r.ok;
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  async function post(): Promise<void> {
    const text = input.value.trim();
    if (sending || text === '' || active === '') return;
    sending = true;
    send.disabled = true;
    const ok = await act('postMessage', { channel: active, text });
    sending = false;
    if (ok) {
      input.value = '';
      options.drafts?.setChat(active, '');
    }
    schedule();
  }

  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      void post();
    }
  });
  input.addEventListener('input', () => {
    if (active !== '') options.drafts?.setChat(active, input.value);
    const now = Date.now();
    if (active === '' || input.value.trim() === '' || (lastTypingSent.get(active) ?? 0) > now - TYPING_RELAY_MS) return;
    lastTypingSent.set(active, now);
    session.send('typing', { channel: active }).catch(() => undefined);
  });
  send.addEventListener('click', () => void post());
  deal.addEventListener('click', () => {
    const partner = active.slice('pair:'.length).split('|').find((x) => x !== who);
    if (partner) options.onOpenDeal?.(active, partner);
  });

  const offState = session.onStateChange(schedule);
  const offTyping = session.onMessage(CHAT_TYPING_MESSAGE, (payload) => {
    const n = payload as TypingNotice;
    if (!n || typeof n.channel !== 'string') return;
    typing.set(`${n.channel}\n${n.seat}\n${n.name}`, { notice: n, until: Date.now() + TYPING_SHOWN_MS });
    schedule();
  });
  // Typing notices fade without any state change; a panel shown again marks its channel read.
  const fade = setInterval(() => {
    if (typing.size > 0 || visible() !== wasVisible) schedule();
  }, 1000);
  schedule();

  return () => {
    offState();
    offTyping();
    clearInterval(fade);
    if (frame !== 0) cancelAnimationFrame(frame);
    lastTypingSent = new Map();
    panel.remove();
  };
}

export interface ChatOptions {
  /**
   * Shown as "Propose a deal…" in a bilateral channel: the board opens its order composer for a
   * share, hunt-forward or sovereign offer with `partner`, and once the order is accepted calls
   * `postLinked` with the channel, so the AAR can quote the conversation the deal came from.
   */
  readonly onOpenDeal?: (channel: string, partner: string) => void;
  /** The person's drafts: the text typed in each channel comes back after a reload or on another device. */
  readonly drafts?: { chat(channel: string): string; setChat(channel: string, text: string): void };
}

/**
 * Posts a message linked to an order, request or offer (`ref`: its id, e.g. the new order's id
 * from the seat's drafts) in `channel`; resolves with the server's reply.
 */
export function postLinked(session: MatchSession, channel: string, link: ChatLink, text: string): Promise<Reply> {
  return session.send('postMessage', { channel, text: text.trim().slice(0, MAX_CHAT_TEXT), link });
}

const LINK_NAMES: Readonly<Record<string, string>> = { share: 'share offer', huntForward: 'hunt-forward offer', inviteHunt: 'hunt-forward invitation', sovereignOffer: 'sovereign offer' };
const linkName = (kind: string) => LINK_NAMES[kind] ?? kind;

function clock(at: number): string {
  if (!at) return '';
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function loadSeen(key: string): Map<string, number> {
  try {
    const raw = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
    return new Map(Object.entries(raw).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return new Map();
  }
}

function saveSeen(key: string, seen: Map<string, number>): void {
  try {
    localStorage.setItem(key, JSON.stringify(Object.fromEntries(seen)));
  } catch {
    // Private mode or full storage: unread counts then last for this page only.
  }
}
