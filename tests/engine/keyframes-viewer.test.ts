import { describe, expect, it } from 'vitest';
import { changesBetween, eventsOf, frameAt, loadRecord, turnStep, type Loaded } from '../../client/replay/model.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { stepAtTurn } from '../../shared/engine/keyframes.ts';
import { replay } from '../../shared/engine/replay.ts';
import { eventsFor, type SeatId } from '../../shared/engine/ruleset.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';

/** The replay viewer's model (client/replay/model.ts) over keyframes, without a browser. */
const baltic = findScenario('baltic-shield');
if (!baltic) throw new Error('baltic-shield is not shipped');
const live = autoplay(cyberAlliance, baltic, 17);
const record = JSON.parse(JSON.stringify(live.record)) as unknown;
const aldoria = 'aldoria' as SeatId;

function loaded(): Loaded {
  const r = loadRecord(record);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function straight(step: number) {
  const r = replay(cyberAlliance, baltic as never, { ...live.record, entries: live.record.entries.slice(0, step) });
  if (!r.ok) throw new Error(r.error.message);
  return r.match;
}

describe('replay viewer model', () => {
  it('loads a record as JSON from outside: every step, the final match, the seats', () => {
    const l = loaded();
    expect(l.index.steps.length).toBe(live.record.entries.length + 1);
    expect(JSON.stringify(l.final)).toBe(JSON.stringify(live.match));
    expect(l.seats.map((s) => s.id)).toEqual(['aldoria', 'brennmark', 'corvania', 'duvessa', 'kragan']);
    expect(l.warning).toBeNull();
  });

  it('refuses what is not a replayable record, with a typed error', () => {
    const bad = (data: unknown) => {
      const r = loadRecord(data);
      return r.ok ? 'accepted' : r.error.code;
    };
    expect(bad({ format: 1 })).toBe('bad-record');
    expect(bad('nonsense')).toBe('bad-record');
    expect(bad({ ...live.record, ruleset: 'chess' })).toBe('unknown-ruleset');
    expect(bad({ ...live.record, scenario: { id: 'atlantis', version: '1' } })).toBe('unknown-scenario');
    expect(bad({ ...live.record, scenario: { id: 'baltic-shield', version: '0.1' } })).toBe('scenario-version');
    const cut = { ...live.record, entries: [...live.record.entries.slice(0, 30), { at: 0, kind: 'ready', seat: 'nobody', ready: true }] };
    const partial = loadRecord(JSON.parse(JSON.stringify(cut)));
    expect(partial.ok && partial.value.warning).toMatch(/stops replaying at entry 30/);
  });

  it("a seat's frame is exactly the rules' view for that seat at that step, and its board marks its own networks", () => {
    const l = loaded();
    for (const step of [0, 25, 90, l.index.steps.length - 1]) {
      const f = frameAt(l, step, aldoria);
      if (!f.ok) throw new Error(f.error.message);
      const m = straight(step);
      expect(JSON.stringify(f.value.view)).toBe(JSON.stringify(cyberAlliance.view(m.state, m.drafts, aldoria)));
      expect(f.value.board?.turn).toBe(m.turn);
      expect(f.value.board?.networks.length).toBe(m.state.networks.length);
    }
    const god = frameAt(l, l.index.steps.length - 1, 'facilitator');
    if (!god.ok) throw new Error(god.error.message);
    expect((god.value.view as { god: unknown }).god).not.toBeNull();
    const seat = frameAt(l, l.index.steps.length - 1, aldoria);
    if (!seat.ok) throw new Error(seat.error.message);
    expect((seat.value.view as { god: unknown }).god).toBeNull();
    expect(seat.value.board?.incidents.length).toBeLessThanOrEqual(god.value.board?.incidents.length ?? 0);
  });

  it("each viewer's events, each at the step it appeared", () => {
    const l = loaded();
    const mine = eventsOf(l, aldoria);
    expect(mine.map((e) => e.event)).toEqual(eventsFor(live.match.events, aldoria));
    expect(eventsOf(l, 'facilitator').length).toBeGreaterThan(mine.length);
    for (const { step, seq } of mine.filter((_, i) => i % 7 === 0)) {
      expect(straight(step).events.length).toBeGreaterThan(seq);
      expect(straight(step - 1).events.length).toBeLessThanOrEqual(seq);
    }
  });

  it('what changed at a resolution: availability drops and new incidents, named', () => {
    const l = loaded();
    let found = false;
    for (const { step } of l.index.steps.filter((s) => s.label === 'closePlanning')) {
      const before = frameAt(l, step - 1, 'facilitator');
      const after = frameAt(l, step, 'facilitator');
      if (!before.ok || !after.ok) throw new Error('seek failed');
      const c = changesBetween(before.value.board, after.value.board);
      for (const id of c.networks) {
        const was = before.value.board?.networks.find((w) => w.id === id)?.availability;
        const now = after.value.board?.networks.find((w) => w.id === id)?.availability;
        expect(was).not.toBe(now);
        expect(c.highlight).toContain(id);
      }
      if (c.networks.length > 0 && c.incidents.length > 0) found = true;
      expect(c.lines.length).toBe(c.networks.length + c.offers.length + c.incidents.length);
    }
    expect(found).toBe(true);
    const same = frameAt(l, 10, aldoria);
    if (!same.ok) throw new Error('seek failed');
    expect(changesBetween(same.value.board, same.value.board).lines).toEqual([]);
  });

  it('turn navigation: to the start of this turn, then the previous one; forward to the next', () => {
    const l = loaded();
    const t3 = stepAtTurn(l.index, 3) ?? -1;
    expect(turnStep(l, t3 + 5, -1)).toBe(t3);
    expect(turnStep(l, t3, -1)).toBe(stepAtTurn(l.index, 2));
    expect(turnStep(l, t3 + 5, 1)).toBe(stepAtTurn(l.index, 4));
    expect(turnStep(l, l.index.steps.length - 1, 1)).toBe(l.index.steps.length - 1);
  });
});
