import { Container, Graphics, Text, type FederatedPointerEvent } from 'pixi.js';
import type { MissionSnap, NationSnap, NetworkSnap, OfferSnap } from '../state/board.ts';
import type { Box } from './label-layout.ts';
import { availabilityColour, HUNT_COLOUR, LINK_COLOUR, OFFER_COLOUR, OKABE_ITO, sideColour } from './palette.ts';

/** What a tooltip shows: a title and lines that explain each number. */
export interface Tip { readonly title: string; readonly lines: readonly string[] }
export type HoverListener = (tip: Tip | null, x: number, y: number) => void;

/**
 * Sizes of one map at one scale `k` (1 on a 1080p projector, smaller in a board's pane):
 * labels are at least 24 px at 1080p, so the back of a room reads them.
 */
export interface Scale {
  readonly k: number;
  readonly nationFont: number;
  readonly labelFont: number;
  readonly wrap: number;
}

export function scaleFor(width: number, height: number, networks = 0): Scale {
  const k = Math.max(0.55, Math.min(1.25, Math.min(width / 1500, height / 900)));
  // A crowded map on a small screen (a dozen nations at 720p) trades some size for room.
  const dense = networks > 16 && k < 0.9 ? 0.85 : 1;
  return { k, nationFont: Math.max(16, Math.round(32 * k * dense)), labelFont: Math.max(12, Math.round(24 * k * dense)), wrap: Math.round(180 * k) };
}

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
const NATION_R = 30;
const round = (x: number) => Math.round(x * 10) / 10;
const PULSE_MS = 1500;

/** Draws a side's marker: allies a circle, the adversary a diamond (shape as well as colour). */
function marker(g: Graphics, side: string, r: number): Graphics {
  if (side === 'adversary') g.poly([0, -r * 1.25, r * 1.25, 0, 0, r * 1.25, -r * 1.25, 0]);
  else g.circle(0, 0, r);
  return g.fill(sideColour(side)).stroke({ width: 3, color: 0xffffff, alpha: 0.85 });
}

/** A label text whose font follows the map's scale; its top-left corner is placed by the layout. */
function label(fill: number, weight: '400' | '600' | '700', stroke: number): Text {
  return new Text({ text: '', style: { fill, fontSize: 16, fontWeight: weight, fontFamily: 'system-ui, sans-serif', stroke: { color: 0x101418, width: stroke }, align: 'center' } });
}

/** Sets a text's font size and wrap width (only when they change: each change re-measures it). */
function fit(t: Text, size: number, wrap: number | null): void {
  if (t.style.fontSize !== size) t.style.fontSize = size;
  if (wrap !== null && (t.style.wordWrapWidth !== wrap || !t.style.wordWrap)) {
    t.style.wordWrap = true;
    t.style.wordWrapWidth = wrap;
  }
}

/** A nation: a large marker and its name. Drawn once; only moved afterwards. */
export class NationNode {
  readonly root = new Container();
  readonly label: Text;
  #side = '';
  readonly #shape = new Graphics();
  nation: NationSnap | null = null;
  constructor(listener: () => HoverListener | null) {
    hoverable(this.root, () => {
      const n = this.nation;
      if (!n) return { title: '', lines: [] };
      return { title: n.name, lines: [`${n.side === 'adversary' ? 'Adversary' : 'Ally'} · ${n.tier} power`, `Reputation ${round(n.reputation)}: how others judge its conduct (public attributions, honoured offers)`, `Influence ${round(n.influence)}: what others owe it (shares, training)`] };
    }, listener);
    this.label = label(0xffffff, '700', 4);
    this.root.addChild(this.#shape, this.label);
  }
  update(n: NationSnap, x: number, y: number, s: Scale): void {
    this.nation = n;
    if (n.side !== this.#side) {
      this.#side = n.side;
      marker(this.#shape.clear(), n.side, NATION_R);
    }
    this.#shape.scale.set(s.k);
    fit(this.label, s.nationFont, null);
    if (this.label.text !== n.name) this.label.text = n.name;
    this.root.position.set(x, y);
  }
  /** The marker, in canvas pixels (the layout keeps labels off it). */
  markerBox(): Box {
    const r = NATION_R * 1.25 * this.#shape.scale.x + 2;
    return { x: this.root.x - r, y: this.root.y - r, w: 2 * r, h: 2 * r };
  }
}

/** A network: marker in its owner's colour, link to the owner, name, and availability bar (scaled, not redrawn). */
export class NetworkNode {
  readonly root = new Container();
  readonly label: Text;
  readonly #link = new Graphics();
  readonly #body = new Container();
  readonly #shape = new Graphics();
  readonly #bar = new Graphics().rect(0, 0, 1, BAR_H).fill(0xffffff);
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
    this.label = label(0xdde3e8, '400', 3);
    this.#body.addChild(this.#pulse, this.#shape, track, this.#bar);
    this.root.addChild(this.#link, this.#body, this.label);
  }
  update(w: NetworkSnap, side: string, own: boolean, x: number, y: number, ownerX: number, ownerY: number, now: number, s: Scale, patchedVulns: ReadonlySet<string> = new Set()): void {
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
    this.#body.scale.set(s.k);
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
    fit(this.label, s.labelFont, s.wrap);
    if (this.label.text !== w.name) this.label.text = w.name;
    this.root.position.set(x, y);
  }
  /** Marker and availability bar, in canvas pixels. */
  markerBox(): Box {
    const k = this.#body.scale.x;
    const half = Math.max(21, BAR_W / 2) * k + 2;
    return { x: this.root.x - half, y: this.root.y - 21 * k - 2, w: 2 * half, h: (21 + 22 + BAR_H) * k + 4 };
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

/** A hunt-forward team: an arrow from the hunter's nation to the host's, labelled. */
export class MissionLink {
  readonly root = new Container();
  readonly #line = new Graphics();
  readonly label: Text;
  mission: MissionSnap | null = null;
  names: [string, string] = ['', ''];
  #key = '';
  /** Where the label would sit: the middle of the arrow. */
  middle = { x: 0, y: 0 };
  constructor(listener: () => HoverListener | null) {
    this.label = new Text({ text: 'hunt-forward', style: { fill: HUNT_COLOUR, fontSize: 16, fontWeight: '600', fontFamily: 'system-ui, sans-serif', stroke: { color: 0x101418, width: 3 } } });
    this.root.addChild(this.#line, this.label);
    hoverable(this.label, () => {
      const m = this.mission;
      return { title: 'Hunt-forward team', lines: m ? [`${this.names[0]}'s team in ${this.names[1]}'s networks, turns ${m.started}–${m.until}`, 'It looks for adversary implants there; its home networks detect less while it is away'] : [] };
    }, listener);
  }
  update(m: MissionSnap, names: [string, string], x1: number, y1: number, x2: number, y2: number, s: Scale): void {
    this.mission = m;
    this.names = names;
    fit(this.label, s.labelFont, null);
    const key = `${Math.round(x1)},${Math.round(y1)},${Math.round(x2)},${Math.round(y2)},${s.k}`;
    if (key === this.#key) return;
    this.#key = key;
    // Stop short of the markers, and an arrow head at the host.
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len = Math.max(1, Math.hypot(dx, dy));
    const ux = dx / len;
    const uy = dy / len;
    const stop = 40 * s.k;
    const ax = x1 + ux * stop;
    const ay = y1 + uy * stop;
    const bx = x2 - ux * stop;
    const by = y2 - uy * stop;
    const head = 16 * s.k;
    const wing = 9 * s.k;
    this.#line.clear().moveTo(ax, ay).lineTo(bx, by).stroke({ width: Math.max(2, 4 * s.k), color: HUNT_COLOUR })
      .poly([bx, by, bx - ux * head - uy * wing, by - uy * head + ux * wing, bx - ux * head + uy * wing, by - uy * head - ux * wing]).fill(HUNT_COLOUR);
    this.middle = { x: (ax + bx) / 2, y: (ay + by) / 2 };
  }
}

/** A sovereign offer: a pin and its label as one unit, placed beside its target. */
export class OfferPin {
  readonly root = new Container();
  readonly label: Text;
  readonly #pin = new Graphics().poly([0, 0, -9, -16, 9, -16]).fill(OFFER_COLOUR).circle(0, -20, 8).fill(OFFER_COLOUR);
  offer: OfferSnap | null = null;
  nationName = '';
  #k = 1;
  constructor(listener: () => HoverListener | null) {
    hoverable(this.root, () => {
      const o = this.offer;
      return {
        title: `Sovereign ${o?.effect ?? ''} offer`,
        lines: o ? [`${this.nationName} offers to deliver this effect itself, without saying how`, `Open until turn ${o.until}; status: ${o.status}`, 'The CyOC may request it; declining a request costs trust'] : [],
      };
    }, listener);
    this.label = new Text({ text: '', style: { fill: OFFER_COLOUR, fontSize: 16, fontWeight: '600', fontFamily: 'system-ui, sans-serif', stroke: { color: 0x101418, width: 3 } } });
    this.root.addChild(this.#pin, this.label);
  }
  update(o: OfferSnap, nationName: string, s: Scale): void {
    this.offer = o;
    this.nationName = nationName;
    this.#k = s.k;
    this.#pin.scale.set(s.k);
    fit(this.label, s.labelFont, null);
    const text = `${o.effect} (${nationName})`;
    if (this.label.text !== text) this.label.text = text;
    this.root.alpha = o.status === 'open' || o.status === '' ? 1 : 0.5;
  }
  /** Width and height of pin and label side by side. */
  size(): { w: number; h: number } {
    return { w: 20 * this.#k + this.label.width, h: Math.max(30 * this.#k, this.label.height) };
  }
  /** Puts the unit with its top-left corner at (x, y). */
  placeAt(x: number, y: number): void {
    const { h } = this.size();
    this.root.position.set(x + 9 * this.#k, y + h);
    this.label.position.set(11 * this.#k, -h + (h - this.label.height) / 2);
  }
}
