import type { Tunables } from '../../shared/scenarios/schema.ts';
import { glossary, TERMS, type Term } from '../board/glossary.ts';
import { el } from './dom.ts';

export type Role = 'seat' | 'facilitator' | 'observer';

/**
 * The banner of the phase (issue 14): what the person should be doing now, in words — the
 * lobby says who it waits for rather than "Turn — lobby", the briefing says to read the
 * brief, a practice turn says its results will not count.
 */
export function phaseBanner(phase: string, turn: number, role: Role): string {
  const practice = turn === 0 && phase !== 'lobby' && phase !== 'ended' ? 'Practice turn (does not count) — ' : '';
  const seat = role === 'seat';
  switch (phase) {
    case 'lobby':
      return role === 'facilitator' ? 'Lobby: share the links, then run a practice turn or start' : 'Waiting for the facilitator to start the match';
    case 'briefing':
      return `${practice}${seat ? 'Briefing: read your brief' : role === 'facilitator' ? 'Briefing: let the teams read, then advance' : 'Briefing'}`;
    case 'planning':
      return `${practice}${seat ? 'Planning: give your orders, then press Ready' : 'Planning: teams give their orders'}`;
    case 'resolution':
      return `${practice}Resolving the turn…`;
    case 'debrief':
      return `${practice}${seat ? 'Debrief: read what happened (Events)' : role === 'facilitator' ? 'Debrief: discuss, then advance' : 'Debrief'}`;
    case 'ended':
      return 'The match is over';
    default:
      return phase;
  }
}

/** "Turn 3 / 8", "Practice turn", or '' in the lobby. */
export function turnLabel(phase: string, turn: number, limit: number): string {
  if (phase === 'lobby') return '';
  if (turn === 0) return 'Practice turn';
  return limit ? `Turn ${turn} / ${limit}` : `Turn ${turn}`;
}

/** A word with its explanation on hover and on keyboard focus, quoting the rules' numbers. */
export function term(label: string, which: Term, tunables: Tunables | null): HTMLElement {
  installTermTips();
  const text = tunables ? glossary(tunables)[which] : '';
  return el('span', { class: 'term', tabindex: '0', 'data-term': which, 'data-tip': text, 'aria-label': `${label}: ${text}` }, label);
}

let tipBox: HTMLElement | null = null;

/**
 * One tooltip box for every `.term` on the page, fixed to the viewport and kept inside it, so a
 * term in a narrow, scrolling side panel still shows its whole explanation.
 */
function installTermTips(): void {
  if (tipBox) return;
  const box = el('div', { class: 'term-tip', role: 'tooltip', 'data-testid': 'term-tip' });
  box.hidden = true;
  document.body.append(box);
  tipBox = box;
  const show = (ev: Event) => {
    const t = (ev.target as Element | null)?.closest?.('.term');
    if (!(t instanceof HTMLElement) || !t.dataset.tip) return;
    box.textContent = t.dataset.tip;
    box.hidden = false;
    const r = t.getBoundingClientRect();
    const w = Math.min(420, innerWidth - 16);
    box.style.width = `${w}px`;
    box.style.left = `${Math.max(8, Math.min(r.left, innerWidth - w - 8))}px`;
    const below = r.bottom + 6;
    box.style.top = `${below + box.offsetHeight > innerHeight - 8 ? Math.max(8, r.top - box.offsetHeight - 6) : below}px`;
  };
  const hide = (ev: Event) => {
    if ((ev.target as Element | null)?.closest?.('.term')) box.hidden = true;
  };
  document.addEventListener('mouseover', show);
  document.addEventListener('focusin', show);
  document.addEventListener('mouseout', hide);
  document.addEventListener('focusout', hide);
}

const HOW_TO: Record<Role, readonly string[]> = {
  seat: [
    'You play one nation with your team mates (everyone on it sees the same board). Your private objectives are on the map, top left.',
    'Briefing: read what happened and the White Cell’s news. Planning: give orders in Orders (each costs capacity; the form only offers what the rules allow now), answer Requests, talk in Channels.',
    'Press Ready (Alt+R) when your team is done: the turn resolves when every nation is ready or the clock runs out. Then read Events and Scores.',
    'Sharing a tool helps an ally, but every use by anyone burns its freshness for all who hold it, and a traced use is blamed on its author: choose terms (dual-key, watermark) with care.',
  ],
  facilitator: [
    'Give the handout (links and QR codes, Controls → Join codes) or the class link: students type only a name.',
    'Run a practice turn from the lobby if the class is new: it plays like a turn, and Start throws its results away.',
    'Each turn: Advance from briefing to planning; planning closes when every nation is ready, on the clock, or when you close it; discuss the debrief, then Advance.',
    'White Cell: injects, CyOC requests, scoring reports and rulings. God view: who really holds and used what. Every action is in the record for the replay and the after-action report.',
  ],
  observer: [
    'The public map: nations (allies circles, the adversary diamonds), their networks with availability bars, hunt-forward teams as arrows, sovereign offers as pins.',
    'Scores appear on the right when the scenario shows them.',
  ],
};

/** The "How to play" panel of a role, with the glossary when the rules' numbers are known. */
export function howToPanel(role: Role, tunables: Tunables | null): HTMLElement {
  const words = tunables ? glossary(tunables) : null;
  return el('section', { class: 'panel how-to', 'data-testid': 'how-to', 'aria-label': 'How to play' },
    el('h2', {}, role === 'facilitator' ? 'How to run it' : 'How to play'),
    el('ol', {}, ...HOW_TO[role].map((line) => el('li', {}, line))),
    ...(words ? [el('h2', {}, 'Words of the game'), el('dl', { class: 'glossary', 'data-testid': 'glossary' }, ...TERMS.flatMap((t) => [el('dt', {}, t), el('dd', {}, words[t])]))] : []),
  );
}
