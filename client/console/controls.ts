import type { LobbyStatus } from '../../shared/protocol/classroom.ts';
import { sendAndSay } from '../board/context.ts';
import { el } from '../screens/dom.ts';
import { joinLink } from '../screens/links.ts';
import type { ConsoleContext } from './context.ts';


const PHASE_HELP: Record<string, string> = {
  lobby: 'Seats are filling. Run a practice turn if the class is new (its results are thrown away), or start the match when the teams are in (empty seats: hand them to the bot).',
  briefing: 'Teams read the situation. Advance to open planning.',
  planning: 'Teams give orders. Planning closes when every seat is ready or the clock runs out; you may close it now.',
  debrief: 'The turn is resolved: discuss it. Advance to the next turn.',
  ended: 'The match is over. Open the after-action report or the replay.',
};

/**
 * Phase and clock controls (docs/design.md §1 White Cell, §3 turn cycle): start, advance, close
 * planning, pause / resume / extend the clock, end. Then every seat — who sits in it, whether
 * it is connected and ready, or played by the bot — with its controls, and the join codes as
 * a printable list to read out in class.
 */
export class ControlsPanel {
  readonly root = el('section', { class: 'panel controls', 'data-testid': 'controls', 'aria-label': 'Controls' });
  readonly #status = el('p', { class: 'status-line', role: 'status', 'data-testid': 'console-status' });
  readonly #help = el('p', { class: 'muted' });
  readonly #seats = el('tbody');
  readonly #codes = el('tbody');
  readonly #buttons = new Map<string, HTMLButtonElement>();
  #ctx: ConsoleContext | null = null;
  #seatKey = '';
  #codeList: { seat: string; code: string }[] = [];
  #observerCode = '';
  #classCode = '';
  #lobby: LobbyStatus = { locked: [], approval: false, pending: [] };
  readonly #approval = el('input', { type: 'checkbox', 'data-testid': 'lobby-approval' });
  readonly #pending = el('ul', { class: 'pending', 'data-testid': 'lobby-pending' });
  readonly #dialog = el('dialog', { class: 'handout-dialog', 'data-testid': 'handout-dialog' });

  constructor() {
    const act = (id: string, label: string, type: string, body: () => Record<string, unknown> | null, done: string) => {
      const b = el('button', { type: 'button', 'data-testid': `control-${id}` }, label);
      b.addEventListener('click', () => {
        const ctx = this.#ctx;
        const payload = body();
        if (ctx && payload) void sendAndSay(ctx.session, this.#status, type, payload, done);
      });
      this.#buttons.set(id, b);
      return b;
    };
    const reason = el('input', { name: 'reason', placeholder: 'Reason to end (read to all)', maxlength: '300', 'aria-label': 'Reason to end the match' });
    const print = el('button', { type: 'button', class: 'secondary' }, 'Print the codes');
    print.addEventListener('click', () => window.print());
    const cards = el('button', { type: 'button', 'data-testid': 'open-handout' }, 'Handout: links and QR codes');
    cards.addEventListener('click', () => void this.#openHandout());
    this.#approval.addEventListener('change', () => {
      const ctx = this.#ctx;
      if (ctx) void sendAndSay(ctx.session, this.#status, 'requireApproval', { required: this.#approval.checked }, this.#approval.checked ? 'Each pick from the class link now waits for your approval.' : 'Students take free seats from the class link at once.');
    });
    this.root.append(
      el('h2', {}, 'Match'),
      this.#help,
      el('div', { class: 'button-row' },
        act('practice', 'Practice turn', 'practiceTurn', () => ({}), 'Practice turn: it plays like a turn; Start match throws its results away.'),
        act('start', 'Start match', 'startMatch', () => ({}), 'Started.'),
        act('advance', 'Advance phase', 'advancePhase', () => ({}), 'Advanced.'),
        act('close', 'Close planning now', 'closePlanning', () => ({}), 'Planning closed.'),
      ),
      el('div', { class: 'button-row' },
        act('pause', 'Pause clock', 'pauseTimer', () => ({}), 'Paused.'),
        act('resume', 'Resume clock', 'resumeTimer', () => ({}), 'Resumed.'),
        act('extend1', '+1 min', 'extendTimer', () => ({ seconds: 60 }), 'Extended by a minute.'),
        act('extend5', '+5 min', 'extendTimer', () => ({ seconds: 300 }), 'Extended by five minutes.'),
      ),
      el('div', { class: 'button-row' }, reason, act('end', 'End match', 'endMatch', () => (reason.value.trim() ? { reason: reason.value.trim() } : null), 'Match ended.')),
      this.#status,
      el('h2', {}, 'Seats'),
      el('table', { class: 'seats', 'data-testid': 'seats' }, el('thead', {}, el('tr', {}, ...['Seat', 'Who', 'Connected', 'Ready', 'Played by', ''].map((h) => el('th', {}, h)))), this.#seats),
      el('h2', {}, 'Join codes'),
      el('table', { class: 'codes', 'data-testid': 'codes' }, el('thead', {}, el('tr', {}, el('th', {}, 'Seat'), el('th', {}, 'Join code'), el('th', {}, 'Link'))), this.#codes),
      el('div', { class: 'button-row' }, cards, print),
      el('h2', {}, 'Class link lobby'),
      el('p', { class: 'muted' }, 'With the class link each student types a name and picks a free nation. Lock a seat (Seats table) to keep it out of the lobby.'),
      el('label', { class: 'check' }, this.#approval, ' Approve each pick'),
      this.#pending,
      this.#dialog,
    );
  }

  /** Loads the codes once (GET /api/matches/:id/codes with the token). */
  async loadCodes(matchId: string, token: string): Promise<void> {
    const r = await fetch(`/api/matches/${encodeURIComponent(matchId)}/codes`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!r.ok) return;
    const body = (await r.json()) as { seats: { seat: string; code: string }[]; observerCode: string | null; classCode: string | null };
    this.#codeList = body.seats;
    this.#observerCode = body.observerCode ?? '';
    this.#classCode = body.classCode ?? '';
    this.#seatKey = '';
    if (this.#ctx) this.update(this.#ctx);
  }

  /** The lobby's locks, approval switch and waiting picks (pushed by the server as `lobby`). */
  setLobby(status: LobbyStatus): void {
    this.#lobby = status;
    this.#approval.checked = status.approval;
    this.#seatKey = '';
    const ctx = this.#ctx;
    this.#pending.replaceChildren(...status.pending.map((p) => {
      const seatName = ctx?.seats.find((s) => s.id === p.seat)?.name ?? p.seat;
      const answer = (approve: boolean) => {
        const b = el('button', { type: 'button', class: `small${approve ? '' : ' secondary'}`, 'aria-label': `${approve ? 'Approve' : 'Refuse'} ${p.name} for ${seatName}` }, approve ? 'Approve' : 'Refuse');
        b.addEventListener('click', () => {
          if (ctx) void sendAndSay(ctx.session, this.#status, 'answerClaim', { request: p.request, approve }, approve ? `${p.name} takes ${seatName}.` : `${p.name} was not given ${seatName}.`);
        });
        return b;
      };
      return el('li', { 'data-testid': 'lobby-request' }, el('span', {}, `${p.name} asks for ${seatName}`), answer(true), answer(false));
    }));
    if (ctx) this.update(ctx);
  }

  async #openHandout(): Promise<void> {
    const ctx = this.#ctx;
    if (!ctx) return;
    const { baseField, handout } = await import('../screens/handout.ts');
    const nameOf = new Map(ctx.seats.map((s) => [s.id, s.name]));
    const codes = { matchId: ctx.board.matchId, seats: this.#codeList.map((c) => ({ ...c, name: nameOf.get(c.seat) ?? c.seat, bot: ctx.seats.find((s) => s.id === c.seat)?.bot ?? false })), observerCode: this.#observerCode || null, classCode: this.#classCode || null };
    const close = el('button', { type: 'button', class: 'secondary no-print' }, 'Close');
    close.addEventListener('click', () => this.#dialog.close());
    const print = el('button', { type: 'button', class: 'no-print' }, 'Print');
    print.addEventListener('click', () => window.print());
    const fill = async (base: string) => {
      this.#dialog.replaceChildren(el('div', { class: 'button-row no-print' }, print, close), baseField((b) => void fill(b)), await handout(codes, base));
    };
    await fill(location.origin);
    this.#dialog.showModal();
  }

  /** A person in a seat, with the button that mutes them in the channels (or lets them speak again). */
  #person(ctx: ConsoleContext, seat: string, name: string): HTMLElement {
    const muted = ctx.muted.includes(`${seat}/${name}`);
    const b = el('button', { type: 'button', class: 'small secondary', 'aria-label': `${muted ? 'Unmute' : 'Mute'} ${name}` }, muted ? 'unmute' : 'mute');
    b.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'muteMember', { seat, name, muted: !muted }, muted ? `${name} may speak again.` : `${name} is muted in the channels.`));
    return el('span', { class: 'person' }, `${name}${muted ? ' (muted)' : ''} `, b, ' ');
  }

  update(ctx: ConsoleContext): void {
    this.#ctx = ctx;
    const phase = ctx.board.phase;
    const help = ctx.board.turn === 0 && phase !== 'lobby' && phase !== 'ended' ? `Practice turn. ${PHASE_HELP[phase] ?? ''} Start match ends the practice: its results do not count.` : (PHASE_HELP[phase] ?? '');
    if (this.#help.textContent !== help) this.#help.textContent = help;
    const enabled: Record<string, boolean> = {
      start: phase === 'lobby' || (ctx.board.turn === 0 && phase !== 'ended'), practice: phase === 'lobby',
      advance: phase === 'briefing' || phase === 'planning' || phase === 'debrief', close: phase === 'planning',
      pause: phase === 'planning' && !ctx.board.paused, resume: ctx.board.paused, extend1: phase === 'planning', extend5: phase === 'planning', end: phase !== 'ended',
    };
    for (const [id, b] of this.#buttons) b.disabled = !enabled[id];
    const key = JSON.stringify([ctx.seats, this.#codeList, phase, ctx.muted, this.#lobby.locked]);
    if (key === this.#seatKey) return;
    this.#seatKey = key;
    this.#seats.replaceChildren(...ctx.seats.map((s) => {
      const bot = el('button', { type: 'button', class: 'small secondary' }, s.bot ? 'Take from bot' : 'Give to bot');
      bot.disabled = !s.bot && s.connected > 0;
      bot.title = bot.disabled ? 'Only an empty seat can be handed to the bot.' : '';
      bot.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'setBot', { seat: s.id, bot: !s.bot }, s.bot ? `${s.name} is open for a person.` : `The bot plays ${s.name}.`));
      const code = el('button', { type: 'button', class: 'small secondary' }, 'New code');
      code.addEventListener('click', () => {
        void ctx.session.send('newSeatCode', { seat: s.id }).then((r) => {
          this.#status.textContent = r.ok ? `New code for ${s.name}: ${String(r.data?.['code'])} (the old one no longer works).` : (r.message ?? 'Refused.');
          if (r.ok) {
            this.#codeList = this.#codeList.map((c) => (c.seat === s.id ? { ...c, code: String(r.data?.['code']) } : c));
            this.#seatKey = '';
          }
        });
      });
      const locked = this.#lobby.locked.includes(s.id);
      const lock = el('button', { type: 'button', class: 'small secondary', 'aria-label': `${locked ? 'Unlock' : 'Lock'} ${s.name} in the lobby` }, locked ? 'Unlock' : 'Lock');
      lock.title = 'A locked seat cannot be picked from the class link’s lobby (its own link still works).';
      lock.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'lockSeat', { seat: s.id, locked: !locked }, locked ? `${s.name} can be picked in the lobby.` : `${s.name} is locked in the lobby.`));
      const kick = el('button', { type: 'button', class: 'small secondary' }, 'Remove');
      kick.disabled = s.connected === 0;
      kick.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'kickSeat', { seat: s.id }, `Removed everyone from ${s.name}; issue a new code to keep them out.`));
      return el('tr', { 'data-seat': s.id },
        el('td', {}, `${s.name} (${s.side})`),
        el('td', {}, ...(s.players.length ? s.players.map((p) => this.#person(ctx, s.id, p)) : ['—'])),
        el('td', {}, s.connected ? `${s.connected} connected` : s.players.length ? 'disconnected' : 'empty'),
        el('td', {}, s.ready ? 'ready' : ''),
        el('td', {}, s.bot ? 'bot' : 'people'),
        el('td', {}, bot, ' ', code, ' ', lock, ' ', kick),
      );
    }));
    const nameOf = new Map(ctx.seats.map((s) => [s.id, s.name]));
    this.#codes.replaceChildren(
      ...this.#codeList.map((c) => el('tr', {}, el('td', {}, nameOf.get(c.seat) ?? c.seat), el('td', {}, el('code', {}, c.code)), el('td', {}, el('a', { href: joinLink(location.origin, c.code), target: '_blank' }, joinLink(location.origin, c.code))))),
      ...(this.#observerCode ? [el('tr', {}, el('td', {}, 'Observer (projector)'), el('td', {}, el('code', {}, this.#observerCode)), el('td', {}, el('a', { href: joinLink(location.origin, this.#observerCode), target: '_blank' }, joinLink(location.origin, this.#observerCode))))] : []),
      ...(this.#classCode ? [el('tr', {}, el('td', {}, 'Whole class (lobby)'), el('td', {}, el('code', {}, this.#classCode)), el('td', {}, el('a', { href: joinLink(location.origin, this.#classCode), target: '_blank', 'data-testid': 'class-link' }, joinLink(location.origin, this.#classCode))))] : []),
    );
  }
}
