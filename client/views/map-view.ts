// Pixi.js 8 builds some renderer code with \`new Function\` unless this module swaps in
// eval-free versions; the server's Content-Security-Policy allows no eval (server/http/security.ts).
import 'pixi.js/unsafe-eval';
import { Container, Graphics, Text, type FederatedPointerEvent } from 'pixi.js';
import type { BoardSnap, MissionSnap, NationSnap, NetworkSnap, OfferSnap } from '../state/board.ts';
import { availabilityColour, HUNT_COLOUR, LINK_COLOUR, OFFER_COLOUR, OKABE_ITO, sideColour } from './palette.ts';

/** What a tooltip shows: a title and lines that explain each number. */
export interface Tip { readonly title: string; readonly lines: readonly string[] }
export type HoverListener = (tip: Tip | null, x: number, y: number) => void;

/** Makes a display object report hover with the tip `tip()` gives at that moment. */
function hoverable(o: Container, tip: () => Tip, listener: () => HoverListener | null): void {
  o.eventMode = 'static';
  o.cursor = 'help';
  o.on('pointerover', (e: FederatedPointerEvent) => listener()?.(tip(), e.global.x, e.global.y));
  o.on('pointermove', (e: FederatedPointerEvent) => listener()?.(tip(), e.global.x, e.global.y));
  o.on('pointerout', () => listener()?.(null, 0, 0));
}

const BAR_W = 56;
const BAR_H = 7;

/** Draws a side's marker: allies a circle, the adversary a diamond (shape as well as colour). */
function marker(g: Graphics, side: string, r: number): Graphics {
  if (side === 'adversary') g.poly([0, -r * 1.25, r * 1.25, 0, 0, r * 1.25, -r * 1.25, 0]);
  else g.circle(0, 0, r);
  return g.fill(sideColour(side)).stroke({ width: 3, color: 0xffffff, alpha: 0.85 });
}

/** A nation: a large marker and its name. Drawn once; only moved afterwards. */
class NationNode {
  readonly root = new Container();
  readonly #label: Text;
  #side = '';
  readonly #shape = new Graphics();
  nation: NationSnap | null = null;
  constructor(listener: () => HoverListener | null) {
    hoverable(this.root, () => {
      const n = this.nation;
      if (!n) return { title: '', lines: [] };
      return { title: n.name, lines: [`${n.side === 'adversary' ? 'Adversary' : 'Ally'} · ${n.tier} power`, `Reputation ${round(n.reputation)}: how others judge its conduct (public attributions, honoured offers)`, `Influence ${round(n.influence)}: what others owe it (shares, training)`] };
    }, listener);
    this.#label = new Text({ text: '', style: { fill: 0xffffff, fontSize: 24, fontWeight: '700', fontFamily: 'system-ui, sans-serif', stroke: { color: 0x101418, width: 4 } } });
    this.#label.anchor.set(0.5, 0.5);
    this.root.addChild(this.#shape, this.#label);
  }
  /** uy: the vertical part of the outward direction from the map's centre, where its networks are. */
  update(n: NationSnap, x: number, y: number, uy = -1): void {
    this.nation = n;
    // The name under the marker, or over it when its networks fan out below.
    const above = uy > 0.45;
    this.#label.anchor.set(0.5, above ? 1 : 0);
    this.#label.position.set(0, above ? -38 : 38);
    if (n.side !== this.#side) {
      this.#side = n.side;
      marker(this.#shape.clear(), n.side, 30);
    }
    if (this.#label.text !== n.name) this.#label.text = n.name;
    this.root.position.set(x, y);
  }
}

/** A network: marker in its owner's colour, link to the owner, name, and availability bar (scaled, not redrawn). */
class NetworkNode {
  readonly root = new Container();
  readonly #link = new Graphics();
  readonly #shape = new Graphics();
  readonly #bar = new Graphics().rect(0, 0, 1, BAR_H).fill(0xffffff);
  readonly #label: Text;
  #side = '';
  #own = false;
  #linkTo = '';
  #availability = -1;
  /** Its software with a published patch, as last drawn (null before the first frame). */
  #patched: string | null = null;
  network: NetworkSnap | null = null;
  ownerName = '';
  /** A ring that grows and fades when the network is hit (vermillion) or restored (green). */
  readonly #pulse = new Graphics();
  #pulseStart = -1;
  constructor(listener: () => HoverListener | null) {
    hoverable(this.root, () => {
      const w = this.network;
      if (!w) return { title: '', lines: [] };
      return {
        title: w.name,
        lines: [
          `Owner: ${this.ownerName}`,
          `Availability ${Math.round(w.availability)}%: uptime of its services, scored every turn as in Locked Shields`,
          `Sophistication ${w.sophistication} of 5: how well it detects intrusions (harder to hit, quicker to burn an exploit)`,
          `Runs: ${w.software.join(', ') || 'nothing known'}${w.tags.length ? ` · ${w.tags.join(', ')}` : ''}`,
          ...(this.#patched ? [`Patch published for: ${this.#patched} (its owner can apply it with Defend → patch)`] : []),
        ],
      };
    }, listener);
    const track = new Graphics().rect(-BAR_W / 2, 22, BAR_W, BAR_H).fill(0x2a3138).stroke({ width: 1, color: 0x7f8a94 });
    this.#bar.position.set(-BAR_W / 2, 22);
    this.#label = new Text({ text: '', style: { fill: 0xdde3e8, fontSize: 14, fontFamily: 'system-ui, sans-serif', wordWrap: true, wordWrapWidth: 120, align: 'center', stroke: { color: 0x101418, width: 3 } } });
    this.#label.anchor.set(0.5, 0);
    this.#label.y = 32;
    this.root.addChild(this.#link, this.#pulse, this.#shape, track, this.#bar, this.#label);
  }
  update(w: NetworkSnap, side: string, own: boolean, x: number, y: number, ownerX: number, ownerY: number, now: number, patchedVulns: ReadonlySet<string> = new Set()): void {
    this.network = w;
    const patched = w.software.filter((v) => patchedVulns.has(v)).join(',');
    if (this.#patched !== null && patched !== this.#patched) {
      // A patch was published for software it runs: a blue pulse (its owner can now apply it).
      this.#pulseStart = now;
      this.#pulse.tint = OKABE_ITO.blue;
    }
    this.#patched = patched;
    if (side !== this.#side || own !== this.#own) {
      this.#side = side;
      this.#own = own;
      marker(this.#shape.clear(), side, own ? 16 : 13);
      if (own) this.#shape.circle(0, 0, 21).stroke({ width: 3, color: OKABE_ITO.yellow });
    }
    if (this.#availability >= 0 && w.availability !== this.#availability) {
      this.#pulseStart = now;
      this.#pulse.tint = w.availability < this.#availability ? OKABE_ITO.vermillion : OKABE_ITO.bluishGreen;
    }
    this.#animate(now);
    const linkTo = `${Math.round(ownerX - x)},${Math.round(ownerY - y)}`;
    if (linkTo !== this.#linkTo) {
      this.#linkTo = linkTo;
      this.#link.clear().moveTo(0, 0).lineTo(ownerX - x, ownerY - y).stroke({ width: 2, color: LINK_COLOUR });
    }
    if (w.availability !== this.#availability) {
      this.#availability = w.availability;
      this.#bar.scale.x = (BAR_W * Math.max(0, Math.min(100, w.availability))) / 100;
      this.#bar.tint = availabilityColour(w.availability);
    }
    if (this.#label.text !== w.name) this.#label.text = w.name;
    this.root.position.set(x, y);
  }
  /** True while a pulse is running (the screen keeps drawing frames until it ends). */
  get animating(): boolean {
    return this.#pulseStart >= 0;
  }
  #animate(now: number): void {
    if (this.#pulseStart < 0) return;
    const t = (now - this.#pulseStart) / PULSE_MS;
    if (t >= 1) {
      this.#pulseStart = -1;
      this.#pulse.clear();
      return;
    }
    this.#pulse.clear().circle(0, 0, 16 + 34 * t).stroke({ width: 5, color: 0xffffff, alpha: 1 - t });
  }
}

const PULSE_MS = 1500;
const round = (x: number) => Math.round(x * 10) / 10;

/** A hunt-forward team: an arrow from the hunter's nation to the host's, labelled. */
class MissionLink {
  readonly root = new Container();
  readonly #line = new Graphics();
  readonly #label: Text;
  mission: MissionSnap | null = null;
  names: [string, string] = ['', ''];
  #key = '';
  constructor(listener: () => HoverListener | null) {
    this.#label = new Text({ text: 'hunt-forward', style: { fill: HUNT_COLOUR, fontSize: 14, fontWeight: '600', fontFamily: 'system-ui, sans-serif' } });
    this.#label.anchor.set(0.5, 1);
    this.root.addChild(this.#line, this.#label);
    hoverable(this.#label, () => {
      const m = this.mission;
      return { title: 'Hunt-forward team', lines: m ? [`${this.names[0]}'s team in ${this.names[1]}'s networks, turns ${m.started}–${m.until}`, 'It looks for adversary implants there; its home networks detect less while it is away'] : [] };
    }, listener);
  }
  update(m: MissionSnap, names: [string, string], x1: number, y1: number, x2: number, y2: number): void {
    this.mission = m;
    this.names = names;
    const key = `${Math.round(x1)},${Math.round(y1)},${Math.round(x2)},${Math.round(y2)}`;
    if (key === this.#key) return;
    this.#key = key;
    // Stop short of the markers, and an arrow head at the host.
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len = Math.max(1, Math.hypot(dx, dy));
    const ux = dx / len;
    const uy = dy / len;
    const ax = x1 + ux * 40;
    const ay = y1 + uy * 40;
    const bx = x2 - ux * 40;
    const by = y2 - uy * 40;
    this.#line.clear().moveTo(ax, ay).lineTo(bx, by).stroke({ width: 4, color: HUNT_COLOUR })
      .poly([bx, by, bx - ux * 16 - uy * 9, by - uy * 16 + ux * 9, bx - ux * 16 + uy * 9, by - uy * 16 - ux * 9]).fill(HUNT_COLOUR);
    this.#label.position.set((ax + bx) / 2, (ay + by) / 2 - 4);
  }
}

/** A sovereign offer pinned above its target: effect and offering nation, never the capability. */
class OfferPin {
  readonly root = new Container();
  readonly #label: Text;
  offer: OfferSnap | null = null;
  nationName = '';
  constructor(listener: () => HoverListener | null) {
    hoverable(this.root, () => {
      const o = this.offer;
      return {
        title: `Sovereign ${o?.effect ?? ''} offer`,
        lines: o ? [`${this.nationName} offers to deliver this effect itself, without saying how`, `Open until turn ${o.until}; status: ${o.status}`, 'The CyOC may request it; declining a request costs trust'] : [],
      };
    }, listener);
    const pin = new Graphics().poly([0, 0, -9, -16, 9, -16]).fill(OFFER_COLOUR).circle(0, -20, 8).fill(OFFER_COLOUR);
    this.#label = new Text({ text: '', style: { fill: OFFER_COLOUR, fontSize: 15, fontWeight: '600', fontFamily: 'system-ui, sans-serif' } });
    this.#label.anchor.set(0, 1);
    this.#label.position.set(12, -14);
    this.root.addChild(pin, this.#label);
  }
  update(o: OfferSnap, nationName: string, x: number, y: number): void {
    this.offer = o;
    this.nationName = nationName;
    const text = `${o.effect} (${nationName})`;
    if (this.#label.text !== text) this.#label.text = text;
    this.root.alpha = o.status === 'open' || o.status === '' ? 1 : 0.5;
    this.root.position.set(x, y);
  }
}

/** Keeps one view per entity id: created on first sight, updated after, destroyed on removal. */
class Layer<V extends { root: Container }> {
  readonly root = new Container();
  readonly #views = new Map<string, V>();
  readonly #make: () => V;
  constructor(make: () => V) {
    this.#make = make;
  }
  get(id: string): V {
    let v = this.#views.get(id);
    if (!v) {
      v = this.#make();
      this.#views.set(id, v);
      this.root.addChild(v.root);
    }
    return v;
  }
  /** Destroys the views whose id is no longer present. */
  keep(ids: ReadonlySet<string>): void {
    for (const [id, v] of this.#views) {
      if (ids.has(id)) continue;
      this.#views.delete(id);
      v.root.destroy({ children: true });
    }
  }
  get size(): number {
    return this.#views.size;
  }
  some(test: (v: V) => boolean): boolean {
    for (const v of this.#views.values()) if (test(v)) return true;
    return false;
  }
}

/**
 * The public map of a match (DESIGN.md §6: what the observer may see): nations in a ring,
 * each nation's networks around it with their availability, sovereign offers pinned to their
 * targets. `update` is called once per animation frame with the latest snapshot.
 */
export class MapView {
  readonly root = new Container();
  #hover: HoverListener | null = null;
  readonly #nations = new Layer(() => new NationNode(() => this.#hover));
  readonly #networks = new Layer(() => new NetworkNode(() => this.#hover));
  readonly #offers = new Layer(() => new OfferPin(() => this.#hover));
  readonly #missions = new Layer(() => new MissionLink(() => this.#hover));

  constructor() {
    this.root.addChild(this.#missions.root, this.#networks.root, this.#nations.root, this.#offers.root);
  }

  /** Tooltips: called with the tip under the pointer (null when it leaves), in canvas coordinates. */
  onHover(listener: HoverListener | null): void {
    this.#hover = listener;
  }

  /** True while an animation runs: the caller keeps rendering frames. */
  get animating(): boolean {
    return this.#networks.some((n) => n.animating);
  }

  /** Hunt-forward teams drawn. */
  get missionCount(): number {
    return this.#missions.size;
  }

  /** Number of nation views drawn (the e2e test waits for it). */
  get nationCount(): number {
    return this.#nations.size;
  }

  /** Number of sovereign offer pins drawn. */
  get offerCount(): number {
    return this.#offers.size;
  }

  /** Lays the map out in the rectangle (left, top, width, height) of the canvas. */
  update(b: BoardSnap, left: number, top: number, width: number, height: number, now = 0): void {
    const cx = left + width / 2;
    const cy = top + height / 2;
    const pos = new Map<string, { x: number; y: number }>();
    const nameOf = new Map(b.nations.map((n) => [n.id, n.name]));

    // Nations on an ellipse; each nation's networks fan out on its outer side, their names
    // wrapped under them, the nation's name on its inner side: no label crosses another's.
    const reach = Math.max(100, Math.min(200, 0.2 * Math.min(width, height)));
    const rx = Math.max(110, width / 2 - reach - 90);
    const ry = Math.max(80, height / 2 - reach - 60);
    const ordered = [...b.nations].sort((a, c) => Number(a.side === 'adversary') - Number(c.side === 'adversary'));
    const patched = new Set(b.patchedVulns);
    const owned = new Map<string, NetworkSnap[]>();
    for (const w of b.networks) owned.set(w.owner, [...(owned.get(w.owner) ?? []), w]);
    ordered.forEach((n, i) => {
      const angle = Math.PI + (2 * Math.PI * i) / Math.max(1, ordered.length) + (ordered.length === 2 ? 0 : Math.PI / 2);
      const p = { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
      pos.set(n.id, p);
      const out = Math.atan2(p.y - cy, p.x - cx);
      this.#nations.get(n.id).update(n, p.x, p.y, Math.sin(out));
      const nets = owned.get(n.id) ?? [];
      // About 140 px between neighbours on the arc, the whole fan within 150°.
      const spread = nets.length > 1 ? Math.min(Math.max(0.55, 140 / reach), 2.6 / (nets.length - 1)) : 0;
      nets.forEach((w, k) => {
        const a = out + (k - (nets.length - 1) / 2) * spread;
        const q = { x: p.x + reach * Math.cos(a), y: p.y + reach * Math.sin(a) - 12 };
        pos.set(w.id, q);
        const node = this.#networks.get(w.id);
        node.ownerName = n.name;
        node.update(w, n.side, n.id === b.own, q.x, q.y, p.x, p.y, now, patched);
      });
    });
    this.#nations.keep(new Set(b.nations.map((n) => n.id)));
    this.#networks.keep(new Set(b.networks.filter((w) => pos.has(w.id)).map((w) => w.id)));

    const stacked = new Map<string, number>();
    for (const offer of b.offers) {
      const t = pos.get(offer.target) ?? { x: cx, y: cy };
      const k = stacked.get(offer.target) ?? 0;
      stacked.set(offer.target, k + 1);
      this.#offers.get(offer.id).update(offer, nameOf.get(offer.nation) ?? offer.nation, t.x + 6, t.y - 16 - k * 26);
    }
    this.#offers.keep(new Set(b.offers.map((o) => o.id)));

    const running = b.missions.filter((m) => m.started <= b.turn && b.turn <= m.until);
    for (const m of running) {
      const from = pos.get(m.hunter) ?? { x: cx, y: cy };
      const to = pos.get(m.host) ?? { x: cx, y: cy };
      this.#missions.get(m.id).update(m, [nameOf.get(m.hunter) ?? m.hunter, nameOf.get(m.host) ?? m.host], from.x, from.y, to.x, to.y);
    }
    this.#missions.keep(new Set(running.map((m) => m.id)));
  }
}
