import { toString as qrSvg } from 'qrcode';
import { el } from './dom.ts';
import { joinLink } from './links.ts';

/** The codes of one match, as the create answer and GET /api/matches/:id/codes give them. */
export interface MatchCodes {
  readonly matchId: string;
  readonly seats: readonly { readonly seat: string; readonly name: string; readonly code: string; readonly bot?: boolean }[];
  readonly observerCode: string | null;
  readonly classCode: string | null;
}

async function qr(text: string): Promise<Element> {
  const svg = await qrSvg(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const node = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', `QR code for ${text}`);
  return document.importNode(node, true);
}

async function card(title: string, note: string, link: string, code: string, testid: string): Promise<HTMLElement> {
  return el('article', { class: 'handout-card', 'data-testid': testid },
    el('h3', {}, title),
    await qr(link) as unknown as HTMLElement,
    el('p', { class: 'handout-link' }, el('a', { href: link, 'data-testid': 'join-link' }, link)),
    el('p', {}, 'Code ', el('code', {}, code)),
    el('p', { class: 'muted' }, note),
  );
}

/**
 * The printable handout (issue 14): one card per nation with its join link, a QR code of it
 * and the code — a student scans or opens the link and types only a name — plus the class
 * link (students pick a free seat in its lobby) and the projector's link. `base`: the address
 * students reach this server at (the page's own address unless the facilitator changes it).
 */
export async function handout(m: MatchCodes, base: string): Promise<HTMLElement> {
  const cards: Promise<HTMLElement>[] = m.seats.map((s) =>
    card(s.name, s.bot ? 'Played by the bot until someone joins with this link.' : 'Everyone on this nation’s team uses this link.', joinLink(base, s.code), s.code, `handout-${s.seat}`));
  if (m.classCode) cards.unshift(card('Whole class', 'Opens a lobby: each student types a name and picks a free nation.', joinLink(base, m.classCode), m.classCode, 'handout-class'));
  if (m.observerCode) cards.push(card('Projector', 'The public map for the wall (no name needed).', joinLink(base, m.observerCode), m.observerCode, 'handout-observer'));
  return el('section', { class: 'handout', 'data-testid': 'handout', 'aria-label': 'Join links and QR codes' }, ...(await Promise.all(cards)));
}

/** The address field above a handout: links are rebuilt when the facilitator changes it. */
export function baseField(onChange: (base: string) => void): HTMLElement {
  const input = el('input', { name: 'base', value: location.origin, 'aria-label': 'Address students use', spellcheck: 'false' });
  const hint = el('small', { class: 'muted' }, /^(localhost|127\.|\[::1\])/.test(location.hostname) ? 'This page was opened at localhost: students need this machine’s network address (e.g. http://192.168.1.20:2567).' : 'The links use the address this page was opened at.');
  input.addEventListener('change', () => {
    const v = input.value.trim();
    if (/^https?:\/\/[^\s/]+/.test(v)) onChange(v);
  });
  return el('label', { class: 'no-print' }, 'Address students use', input, hint);
}
