import { Container, Graphics, Text } from 'pixi.js';
import type { BoardSnap, NationSnap, NetworkSnap, OfferSnap } from '../state/board.ts';
import { availabilityColour, LINK_COLOUR, OFFER_COLOUR, sideColour } from './palette.ts';

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
  constructor() {
    this.#label = new Text({ text: '', style: { fill: 0xffffff, fontSize: 26, fontWeight: '700', fontFamily: 'system-ui, sans-serif' } });
    this.#label.anchor.set(0.5, 0);
    this.#label.y = 40;
    this.root.addChild(this.#shape, this.#label);
  }
  update(n: NationSnap, x: number, y: number): void {
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
  #linkTo = '';
  #availability = -1;
  constructor() {
    const track = new Graphics().rect(-BAR_W / 2, 22, BAR_W, BAR_H).fill(0x2a3138).stroke({ width: 1, color: 0x7f8a94 });
    this.#bar.position.set(-BAR_W / 2, 22);
    this.#label = new Text({ text: '', style: { fill: 0xdde3e8, fontSize: 16, fontFamily: 'system-ui, sans-serif' } });
    this.#label.anchor.set(0.5, 0);
    this.#label.y = 32;
    this.root.addChild(this.#link, this.#shape, track, this.#bar, this.#label);
  }
  update(w: NetworkSnap, side: string, x: number, y: number, ownerX: number, ownerY: number): void {
    if (side !== this.#side) {
      this.#side = side;
      marker(this.#shape.clear(), side, 13);
    }
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
}

/** A sovereign offer pinned above its target: effect and offering nation, never the capability. */
class OfferPin {
  readonly root = new Container();
  readonly #label: Text;
  constructor() {
    const pin = new Graphics().poly([0, 0, -9, -16, 9, -16]).fill(OFFER_COLOUR).circle(0, -20, 8).fill(OFFER_COLOUR);
    this.#label = new Text({ text: '', style: { fill: OFFER_COLOUR, fontSize: 15, fontWeight: '600', fontFamily: 'system-ui, sans-serif' } });
    this.#label.anchor.set(0, 1);
    this.#label.position.set(12, -14);
    this.root.addChild(pin, this.#label);
  }
  update(o: OfferSnap, nationName: string, x: number, y: number): void {
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
}

/**
 * The public map of a match (DESIGN.md §6: what the observer may see): nations in a ring,
 * each nation's networks around it with their availability, sovereign offers pinned to their
 * targets. `update` is called once per animation frame with the latest snapshot.
 */
export class MapView {
  readonly root = new Container();
  readonly #nations = new Layer(() => new NationNode());
  readonly #networks = new Layer(() => new NetworkNode());
  readonly #offers = new Layer(() => new OfferPin());

  constructor() {
    this.root.addChild(this.#networks.root, this.#nations.root, this.#offers.root);
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
  update(b: BoardSnap, left: number, top: number, width: number, height: number): void {
    const cx = left + width / 2;
    const cy = top + height / 2;
    // Room for each nation's ring of networks and their labels outside the nations' ring.
    const rx = Math.max(100, width / 2 - 290);
    const ry = Math.max(80, height / 2 - 150);
    const pos = new Map<string, { x: number; y: number }>();
    const sideOf = new Map(b.nations.map((n) => [n.id, n.side]));
    const nameOf = new Map(b.nations.map((n) => [n.id, n.name]));

    const ordered = [...b.nations].sort((a, c) => Number(a.side === 'adversary') - Number(c.side === 'adversary'));
    ordered.forEach((n, i) => {
      const angle = Math.PI + (2 * Math.PI * i) / Math.max(1, ordered.length) + (ordered.length === 2 ? 0 : Math.PI / 2);
      const p = { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
      pos.set(n.id, p);
      this.#nations.get(n.id).update(n, p.x, p.y);
    });
    this.#nations.keep(new Set(b.nations.map((n) => n.id)));

    const owned = new Map<string, NetworkSnap[]>();
    for (const w of b.networks) owned.set(w.owner, [...(owned.get(w.owner) ?? []), w]);
    for (const [owner, nets] of owned) {
      const o = pos.get(owner) ?? { x: cx, y: cy };
      // A column beside the nation, on the side away from the centre, so labels do not cross.
      const dir = o.x >= cx ? 1 : -1;
      const step = 62;
      nets.forEach((w, i) => {
        const p = { x: o.x + dir * 150, y: o.y + (i - (nets.length - 1) / 2) * step - 10 };
        pos.set(w.id, p);
        this.#networks.get(w.id).update(w, sideOf.get(owner) ?? '', p.x, p.y, o.x, o.y);
      });
    }
    this.#networks.keep(new Set(b.networks.map((w) => w.id)));

    const stacked = new Map<string, number>();
    for (const offer of b.offers) {
      const t = pos.get(offer.target) ?? { x: cx, y: cy };
      const k = stacked.get(offer.target) ?? 0;
      stacked.set(offer.target, k + 1);
      this.#offers.get(offer.id).update(offer, nameOf.get(offer.nation) ?? offer.nation, t.x + 6, t.y - 16 - k * 26);
    }
    this.#offers.keep(new Set(b.offers.map((o) => o.id)));
  }
}
