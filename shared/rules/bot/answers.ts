import type { Knowledge } from './knowledge.ts';
import { maySpend, precious } from './knowledge.ts';
import type { Planner } from './planner.ts';

/**
 * Answers every request addressed to the seat that it has not answered yet (docs/design.md §3
 * planning: share offers, dual-key consents, hunt-forward invitations, CyOC requests).
 * Free answers first; hunt invitations, which cost capacity, last.
 */
export function answerRequests(k: Knowledge, p: Planner): void {
  const open = k.me.inbox.filter((r) => r.answer === null);
  const rank = (kind: string) => (kind === 'huntInvitation' ? 1 : 0);
  const ordered = [...open].sort((a, b) => rank(a.kind) - rank(b.kind));
  for (const r of ordered) {
    const accept = decide(k, p, r);
    // An acceptance the rules refuse (a team already deployed there…) becomes a refusal, never silence.
    if (!p.answer(r.id, accept) && accept) p.answer(r.id, false);
  }
}

type Request = Knowledge['me']['inbox'][number];

function decide(k: Knowledge, p: Planner, r: Request): boolean {
  const { params, rng } = k;
  switch (r.kind) {
    case 'shareOffer':
      return r.details.freshness > 0;
    case 'tailorOffer':
    case 'huntForward':
    case 'trainingOffer':
      return true;
    case 'dualKey': {
      const network = k.pub.networks.find((n) => n.id === r.details.target);
      if (!network || network.owner !== k.enemy) return false;
      const tool = k.me.arsenal.find((t) => t.name === r.details.capabilityName);
      if (!tool) return true;
      if (!maySpend(k, tool, network)) return false;
      if (k.targets.some((t) => t.network.id === network.id)) return true;
      return !precious(k, tool) || rng.chance(params.dualKeyConsent);
    }
    case 'huntInvitation': {
      const host = r.details.host;
      if (p.mine().some((o) => o.type === 'huntForward' && o.host === host)) return false;
      if (p.left() < k.tunables.costs.huntForward) return false;
      return rng.chance(params.huntAccept);
    }
    case 'cyocRequest': {
      const offer = k.me.offers.find((o) => o.id === r.details.offer);
      const tool = offer && k.me.arsenal.find((t) => t.copy === offer.copy);
      const network = k.pub.networks.find((n) => n.id === r.details.target);
      // A failed execution costs nothing; a refusal costs trust and reputation.
      if (!tool || !network || tool.patched || tool.freshness <= 0) return true;
      return maySpend(k, tool, network) || rng.chance(params.cyocAccept);
    }
  }
}
