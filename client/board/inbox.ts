import { el } from '../screens/dom.ts';
import { sendAndSay, type BoardContext } from './context.ts';

type Request = BoardContext['picture']['me']['inbox'][number];

const KIND_LABEL: Record<string, string> = {
  shareOffer: 'Share offer',
  tailorOffer: 'Tailored tool offer',
  dualKey: 'Dual-key consent',
  huntForward: 'Hunt-forward offer',
  huntInvitation: 'Hunt-forward invitation',
  trainingOffer: 'Training offer',
  cyocRequest: 'CyOC request',
};

function details(r: Request, ctx: BoardContext): string {
  const d = r.details as Record<string, unknown>;
  const terms = d['terms'] as Record<string, unknown> | undefined;
  const t = terms
    ? [terms['compiledOnly'] && 'compiled-only', terms['dualKey'] && 'dual-key', terms['watermark'] && 'watermark', terms['expiresAfter'] && `expires after ${String(terms['expiresAfter'])} turns`, Array.isArray(terms['endUse']) && `end-use: ${(terms['endUse'] as string[]).map((x) => ctx.name(x)).join(', ')}`].filter(Boolean)
    : [];
  const parts: string[] = [];
  if (typeof d['capabilityName'] === 'string' && r.kind === 'shareOffer') parts.push(`${String(d['kind'])}${d['effect'] ? ` (${String(d['effect'])})` : ''}, power ${String(d['power'])}, freshness ${Math.round(Number(d['freshness']))}`);
  if (r.kind === 'tailorOffer') parts.push(`${String(d['kind'])}${d['effect'] ? ` (${String(d['effect'])})` : ''}, power ${String(d['power'])} on ${String(d['vuln'])}`);
  if (r.kind === 'huntForward' || r.kind === 'huntInvitation') parts.push(`for ${String(d['turns'])} turn(s); the hunter pays the capacity`);
  if (t.length) parts.push(`terms: ${t.join(', ')}`);
  return parts.join(' · ');
}

/**
 * The requests inbox (docs/design.md §4: shares and tailored tools offered, dual-key consents,
 * hunt-forward offers and invitations, training, CyOC requests) with accept and decline; what
 * this seat asked of others and their answers; and, for the nation playing the CyOC, the
 * sovereign offers it may request.
 */
export class InboxPanel {
  readonly root = el('section', { class: 'panel inbox', 'data-testid': 'inbox', 'aria-label': 'Requests' });
  readonly #status = el('p', { class: 'status-line', role: 'status' });
  #key = '';
  /** Open requests not yet answered (the tab shows it). */
  unanswered = 0;

  update(ctx: BoardContext): void {
    const me = ctx.picture.me;
    const cyoc = ctx.picture.pub.scenario.cyoc === ctx.seat;
    const key = JSON.stringify([me.inbox, me.outbox, cyoc ? [ctx.picture.pub.offers, me.cyocRequests] : null, ctx.board.phase]);
    this.unanswered = me.inbox.filter((r) => r.answer === null).length;
    if (key === this.#key) return;
    this.#key = key;
    const planning = ctx.board.phase === 'planning';
    const items = me.inbox.map((r) => {
      const accept = el('button', { type: 'button', class: 'small', 'data-testid': 'accept' }, 'Accept');
      const decline = el('button', { type: 'button', class: 'small secondary', 'data-testid': 'decline' }, 'Decline');
      accept.disabled = decline.disabled = !planning;
      accept.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'answerRequest', { request: r.id, accept: true }, 'Accepted.'));
      decline.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'answerRequest', { request: r.id, accept: false }, 'Declined.'));
      const answer = r.answer === null ? 'not answered yet' : r.answer ? 'you accepted' : 'you declined';
      return el(
        'li',
        { 'data-testid': 'request', 'data-kind': r.kind, 'data-from': r.from },
        el('strong', {}, `${KIND_LABEL[r.kind] ?? r.kind} from ${r.from === 'facilitator' ? 'the CyOC' : ctx.name(r.from)}`),
        el('p', {}, r.text),
        el('p', { class: 'muted' }, details(r, ctx)),
        el('p', { class: 'answer' }, answer, ' ', accept, ' ', decline),
      );
    });
    const sent = me.outbox.map((r) => el('li', {}, `${KIND_LABEL[r.kind] ?? r.kind} to ${ctx.name(r.to)}: ${r.answer === null ? 'waiting' : r.answer ? 'accepted' : 'declined'}`));
    const sections: HTMLElement[] = [
      el('h2', {}, 'Requests to you'),
      items.length ? el('ul', { class: 'requests' }, ...items) : el('p', { class: 'muted' }, 'Nothing to answer.'),
      el('h2', {}, 'Your requests to others'),
      sent.length ? el('ul', {}, ...sent) : el('p', { class: 'muted' }, 'None this turn.'),
    ];
    if (cyoc) {
      const requested = new Set(me.cyocRequests.map((r) => r.offer));
      const open = ctx.picture.pub.offers.filter((o) => o.status === 'open');
      sections.push(
        el('h2', {}, 'CyOC: sovereign offers you may request'),
        open.length
          ? el('ul', {}, ...open.map((o) => {
              const b = el('button', { type: 'button', class: 'small' }, requested.has(o.id) ? 'Requested' : 'Request');
              b.disabled = requested.has(o.id) || !planning;
              b.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'requestSovereign', { offer: o.id }, 'Requested.'));
              return el('li', {}, `${ctx.name(o.nation)}: ${o.effect} on ${ctx.name(o.target)} (until turn ${o.until}) `, b);
            }))
          : el('p', { class: 'muted' }, 'No open offers.'),
      );
    }
    this.root.replaceChildren(...sections, this.#status);
  }
}
