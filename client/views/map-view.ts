// Pixi.js 8 builds some renderer code with `new Function` unless this module swaps in
// eval-free versions; the server's Content-Security-Policy allows no eval (server/http/security.ts).
import 'pixi.js/unsafe-eval';
import { Container } from 'pixi.js';
import type { BoardSnap, NetworkSnap } from '../state/board.ts';
import { around, placeLabels, type Box, type LabelRequest, type Placed } from './label-layout.ts';
import { MissionLink, NationNode, NetworkNode, OfferPin, scaleFor, type HoverListener, type Scale } from './map-nodes.ts';

export type { HoverListener, Tip } from './map-nodes.ts';

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

/** A placed label as the tests read it: what it names, its box in canvas pixels and its font size. */
export interface LabelBox extends Placed {
  readonly kind: 'nation' | 'network' | 'offer' | 'mission';
  readonly font: number;
}

/**
 * The public map of a match (docs/design.md §6: what the observer may see): nations in a ring,
 * each nation's networks around it with their availability, sovereign offers pinned to their
 * targets, hunt-forward teams as arrows. `update` is called once per animation frame with the
 * latest snapshot.
 *
 * Sizes follow the rectangle it is drawn in (map-nodes.ts `scaleFor`: labels of 24 px and
 * more on a 1080p projector). Labels are laid out together (label-layout.ts): each at the
 * first spot around its marker that overlaps no other label, marker or bar and stays inside
 * the rectangle; `labelBoxes` gives the result, so a test can check it.
 */
export class MapView {
  readonly root = new Container();
  #hover: HoverListener | null = null;
  readonly #nations = new Layer(() => new NationNode(() => this.#hover));
  readonly #networks = new Layer(() => new NetworkNode(() => this.#hover));
  readonly #offers = new Layer(() => new OfferPin(() => this.#hover));
  readonly #missions = new Layer(() => new MissionLink(() => this.#hover));
  #layoutKey = '';
  #labels: LabelBox[] = [];

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

  /** Every label as last laid out, in canvas pixels (`hidden`: no room for it, not drawn). */
  labelBoxes(): readonly LabelBox[] {
    return this.#labels;
  }

  /** Lays the map out in the rectangle (left, top, width, height) of the canvas. */
  update(b: BoardSnap, left: number, top: number, width: number, height: number, now = 0): void {
    const s = scaleFor(width, height, b.networks.length);
    const cx = left + width / 2;
    const cy = top + height / 2;
    const pos = new Map<string, { x: number; y: number }>();
    const nameOf = new Map(b.nations.map((n) => [n.id, n.name]));

    // Nations on an ellipse; each nation's networks fan out on its outer side.
    const reach = Math.max(100, Math.min(200, 0.2 * Math.min(width, height)));
    const rx = Math.max(110, width / 2 - reach - 90 * s.k);
    const ry = Math.max(80, height / 2 - reach - 60 * s.k);
    const ordered = [...b.nations].sort((a, c) => Number(a.side === 'adversary') - Number(c.side === 'adversary'));
    const patched = new Set(b.patchedVulns);
    const owned = new Map<string, NetworkSnap[]>();
    for (const w of b.networks) owned.set(w.owner, [...(owned.get(w.owner) ?? []), w]);
    ordered.forEach((n, i) => {
      const angle = Math.PI + (2 * Math.PI * i) / Math.max(1, ordered.length) + (ordered.length === 2 ? 0 : Math.PI / 2);
      const p = { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
      pos.set(n.id, p);
      const out = Math.atan2(p.y - cy, p.x - cx);
      this.#nations.get(n.id).update(n, p.x, p.y, s);
      const nets = owned.get(n.id) ?? [];
      // About 190 px (at full scale) between neighbours on the arc, for their names; the whole fan within 150°.
      const spread = nets.length > 1 ? Math.min(Math.max(0.55, (190 * s.k) / reach), 2.6 / (nets.length - 1)) : 0;
      nets.forEach((w, k) => {
        const a = out + (k - (nets.length - 1) / 2) * spread;
        const q = { x: p.x + reach * Math.cos(a), y: p.y + reach * Math.sin(a) - 12 * s.k };
        pos.set(w.id, q);
        const node = this.#networks.get(w.id);
        node.ownerName = n.name;
        node.update(w, n.side, n.id === b.own, q.x, q.y, p.x, p.y, now, s, patched);
      });
    });
    this.#nations.keep(new Set(b.nations.map((n) => n.id)));
    this.#networks.keep(new Set(b.networks.filter((w) => pos.has(w.id)).map((w) => w.id)));

    for (const offer of b.offers) this.#offers.get(offer.id).update(offer, nameOf.get(offer.nation) ?? offer.nation, s);
    this.#offers.keep(new Set(b.offers.map((o) => o.id)));

    const running = b.missions.filter((m) => m.started <= b.turn && b.turn <= m.until);
    for (const m of running) {
      const from = pos.get(m.hunter) ?? { x: cx, y: cy };
      const to = pos.get(m.host) ?? { x: cx, y: cy };
      this.#missions.get(m.id).update(m, [nameOf.get(m.hunter) ?? m.hunter, nameOf.get(m.host) ?? m.host], from.x, from.y, to.x, to.y, s);
    }
    this.#missions.keep(new Set(running.map((m) => m.id)));

    const key = JSON.stringify([left, top, width, height, b.nations.map((n) => [n.id, n.name]), b.networks.map((w) => [w.id, w.name]), b.offers.map((o) => [o.id, o.target, o.effect, o.nation]), running.map((m) => m.id)]);
    if (key !== this.#layoutKey) {
      this.#layoutKey = key;
      this.#labels = this.#layOut(b, running.map((m) => m.id), pos, s, { x: left, y: top, w: width, h: height });
    }
  }

  /** Places every label (nations first, then offers, networks, hunt-forward teams) and moves the texts there. */
  #layOut(b: BoardSnap, missions: readonly string[], pos: ReadonlyMap<string, { x: number; y: number }>, s: Scale, bounds: Box): LabelBox[] {
    const gap = Math.round(4 * s.k);
    const obstacles: Box[] = [];
    const requests: (LabelRequest & { kind: LabelBox['kind']; font: number; apply: (p: Placed) => void; show?: (on: boolean) => void })[] = [];
    for (const n of b.nations) {
      const node = this.#nations.get(n.id);
      const m = node.markerBox();
      obstacles.push(m);
      const { width: w, height: h } = node.label;
      requests.push({ id: n.id, kind: 'nation', font: s.nationFont, w, h, candidates: around(m, w, h, gap), apply: (p) => node.label.position.set(p.x - node.root.x, p.y - node.root.y) });
    }
    for (const o of b.offers) {
      const pin = this.#offers.get(o.id);
      const t = pos.get(o.target);
      const anchor = t ? (this.#networks.get(o.target).markerBox()) : { x: bounds.x + bounds.w / 2, y: bounds.y + bounds.h / 2, w: 1, h: 1 };
      const { w, h } = pin.size();
      requests.push({ id: o.id, kind: 'offer', font: s.labelFont, w, h, candidates: around(anchor, w, h, gap), apply: (p) => pin.placeAt(p.x, p.y) });
    }
    for (const wk of b.networks) {
      if (!pos.has(wk.id)) continue;
      const node = this.#networks.get(wk.id);
      const m = node.markerBox();
      obstacles.push(m);
      const { width: w, height: h } = node.label;
      // Away from its owner first: that side of a network is where its nation leaves room.
      const owner = pos.get(wk.owner);
      const away = owner ? Math.atan2(node.root.y - owner.y, node.root.x - owner.x) : null;
      requests.push({ id: wk.id, kind: 'network', font: s.labelFont, w, h, candidates: [...around(m, w, h, gap), ...around(m, w, h, gap, away)], optional: true, apply: (p) => node.label.position.set(p.x - node.root.x, p.y - node.root.y), show: (on) => (node.label.visible = on) });
    }
    for (const id of missions) {
      const link = this.#missions.get(id);
      const { width: w, height: h } = link.label;
      const mid = { x: link.middle.x - 1, y: link.middle.y - 1, w: 2, h: 2 };
      requests.push({ id, kind: 'mission', font: s.labelFont, w, h, candidates: [{ x: mid.x - w / 2, y: mid.y - h / 2 }, ...around(mid, w, h, gap)], optional: true, apply: (p) => link.label.position.set(p.x, p.y), show: (on) => (link.label.visible = on) });
    }
    const placed = placeLabels(requests, obstacles, bounds);
    return placed.map((p, i) => {
      const r = requests[i]!;
      r.show?.(!p.hidden);
      if (!p.hidden) r.apply(p);
      return { ...p, kind: r.kind, font: r.font };
    });
  }
}
