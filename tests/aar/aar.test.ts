import { describe, expect, it } from 'vitest';
import { buildAar } from '../../shared/aar/build.ts';
import { CSV_COLUMNS, csvField } from '../../shared/aar/csv.ts';
import { renderAar } from '../../shared/aar/render.ts';
import type { Aar, Annotation } from '../../shared/aar/types.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { JOIN_ACTION } from '../../shared/engine/joins.ts';
import type { MatchRecord } from '../../shared/engine/match.ts';
import { allianceTurns } from '../../shared/alliance-turns/index.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import { stagedRecord, stagedScenario } from './staged.ts';

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
const notes: Annotation[] = [
  { id: 'n2', turn: 2, text: `Why blame Alpha? ${HOSTILE}`, at: 1_763_790_000_000, author: 'White <b>Cell</b>' },
  { id: 'n1', turn: 1, text: 'Three shares in one turn: ask Alpha why.', at: 1_763_789_000_000, author: null },
];

function staged(annotations: readonly Annotation[] = notes): Aar {
  const scenario = stagedScenario();
  const r = buildAar(cyberAlliance, scenario, stagedRecord(scenario).record, annotations);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('after-action report: a staged misattribution', () => {
  it('names the true user and the cause when a shared copy is used by another holder', () => {
    const a = staged();
    const m = a.misattributions.find((x) => x.network === 'r-net');
    expect(m).toMatchObject({ turn: 2, victim: 'red', blamed: 'alpha', user: 'charlie', capability: 'a-strike', cause: 'shared-copy' });
    expect(m?.explanation).toContain('the true user was Charlie');
    expect(m?.explanation).toContain("Alpha shared on turn 1 without the importer's watermark");
    expect(m?.explanation).toContain('Other holders of a copy then: Bravo');
  });

  it('names the adversary as the true user of a leaked copy, and the leak as the cause', () => {
    const a = staged();
    const m = a.misattributions.find((x) => x.network === 'c-net');
    expect(m).toMatchObject({ victim: 'charlie', blamed: 'alpha', user: 'red', capability: 'a-worm', cause: 'leaked-copy' });
    expect(m?.explanation).toContain("leaked to Red on turn 1 from Bravo's copy (shared by Alpha)");
    expect(a.leaks).toEqual([
      expect.objectContaining({ turn: 1, capability: 'a-worm', holder: 'bravo', exporter: 'alpha', sharedTurn: 1, compiledOnly: false, hygiene: 0.5, laterUses: [m?.incident] }),
    ]);
  });

  it('lists the shares with their terms in the timeline, and the improvement plan follows from the counts', () => {
    const a = staged();
    const shares = a.decisions.filter((d) => d.kind === 'share');
    expect(shares.map((d) => (d.kind === 'share' ? [d.turn, d.exporter, d.importer, d.capability, d.terms.compiledOnly, d.terms.watermark] : null))).toEqual([
      [1, 'alpha', 'bravo', 'a-strike', true, false],
      [1, 'alpha', 'charlie', 'a-strike', true, false],
      [1, 'alpha', 'bravo', 'a-worm', false, false],
    ]);
    expect(a.improvements.map((f) => [f.rule, f.value])).toEqual(
      expect.arrayContaining([
        ['Misattributions from shared or tailored copies without watermark (by nation blamed)', 1],
        ['Misattributions from leaked copies (by nation blamed)', 1],
        ['Leaks of shared tools (by exporter)', 1],
        ['Shares given as source, not compiled-only (by exporter)', 1],
      ]),
    );
    const leakRow = a.plan.find((p) => p.issue.startsWith('Leaks of shared tools'));
    expect(leakRow).toMatchObject({ owner: 'Alpha', priority: 'high' });
    expect(a.plan).toHaveLength(a.improvements.length);
  });

  it('quotes the exchange that led to each share: the bilateral channel and the messages linked to it', () => {
    const a = staged();
    const toCharlie = a.decisions.find((d) => d.kind === 'share' && d.importer === 'charlie');
    const toBravo = a.decisions.find((d) => d.kind === 'share' && d.importer === 'bravo' && d.capability === 'a-worm');
    if (toCharlie?.kind !== 'share' || toBravo?.kind !== 'share') throw new Error('shares missing');
    expect(toCharlie.exchange.map((m) => [m.channel, m.from, m.text.slice(0, 20)])).toEqual([
      ['pair:alpha|charlie', 'Cleo (charlie)', 'We cannot reach Red '],
      ['pair:alpha|charlie', 'Ann (alpha)', 'Yes, compiled-only. '],
      ['coalition', 'Ann (alpha)', 'STRIKE is on its way'],
    ]);
    expect(toBravo.exchange.map((m) => m.text)).toEqual(['Bravo, WORM comes to you as source.']);
    const html = renderAar(a, 'html').body;
    expect(html).toContain('The exchange that led to it');
    expect(html).toContain('We cannot reach Red Air Defence with our own tools.');
  });

  it('lists the sovereign offer (requested, declined), the tailored tool and the hunt-forward mission with its finding', () => {
    const a = staged();
    expect(a.decisions.filter((d) => d.kind !== 'share').map((d) => [d.kind, d.turn, d.text])).toEqual([
      ['hunt', 1, "Bravo hunted forward in Charlie's networks, turns 1–2: found 1 adversary implant(s): on Charlie Grid (turn 2, made with NEEDLE)."],
      ['tailor', 2, "Alpha tailored BRAVO-KIT (effect disrupt, power 1) for Bravo, due after turn 4: in progress, with the importer's watermark."],
      ['offer', 2, 'Alpha offered a sovereign destroy effect on Red Air Defence until turn 4: requested and declined.'],
    ]);
    expect(a.decisions.find((d) => d.kind === 'offer')).toMatchObject({ requested: true, requestedTurn: 3, status: 'declined' });
    expect(a.plan.find((p) => p.issue.startsWith('Sovereign offers declined'))).toMatchObject({ owner: 'Alpha', priority: 'low' });
    expect(a.strengths.find((f) => f.rule.startsWith('Adversary implants removed'))).toMatchObject({ value: 1, detail: 'Bravo 1' });
  });

  it('says how the coalition objective was met: the incident that landed the effect', () => {
    const a = staged();
    expect(a.objectives.find((o) => o.id === 'hit-air-defence')).toMatchObject({ scope: 'coalition', met: true, turn: 2, incident: a.misattributions.find((x) => x.network === 'r-net')?.incident });
    expect(a.objectives.find((o) => o.id === 'keep-strike')).toMatchObject({ scope: 'private', nation: 'alpha' });
  });

  it('knows who sat where from the join records too, with the turn each person first joined', () => {
    const scenario = stagedScenario();
    const { record } = stagedRecord(scenario);
    const join = (at: number, seat: string | null, name: string, role = 'seat') => ({ at, kind: 'audit' as const, action: JOIN_ACTION, detail: { role, seat, name } });
    // Bea joins Bravo in the lobby, Dan joins Bravo later; the White Cell and a projector joins are not people of a seat.
    const firstStart = record.entries.findIndex((e) => e.kind === 'control' && e.action.type === 'start');
    const later = record.entries.findIndex((e, i) => i > firstStart && e.kind === 'control' && e.action.type === 'nextTurn');
    const entries = [...record.entries];
    entries.splice(later + 1, 0, join(2, 'bravo', 'Dan'));
    entries.splice(firstStart, 0, join(1, 'bravo', 'Bea'), join(1, null, 'White Cell', 'facilitator'), join(1, null, 'Wall', 'observer'));
    const r = buildAar(cyberAlliance, scenario, { ...record, entries });
    if (!r.ok) throw new Error(r.error.message);
    const bravo = r.value.overview.seats.find((x) => x.seat === 'bravo');
    expect(bravo?.people).toEqual(['Bea', 'Dan']);
    expect(bravo?.joined.map((j) => j.name)).toEqual(['Bea', 'Dan']);
    expect(bravo?.joined[0]?.turn).toBe(0);
    expect(bravo?.joined[1]?.turn).toBeGreaterThan(0);
    expect(r.value.overview.seats.find((x) => x.seat === 'alpha')?.people).toEqual(['Ann']);
    const html = renderAar(r.value, 'html').body;
    expect(html).toContain('People (joined or wrote)');
    expect(html).toContain(`turn ${bravo?.joined[1]?.turn}: Dan joined`);
  });

  it('knows who sat where from the messages they posted', () => {
    const seats = staged().overview.seats;
    expect(seats.map((x) => [x.seat, x.people])).toEqual([['alpha', ['Ann']], ['bravo', []], ['charlie', ['Cleo']], ['red', []]]);
    expect(seats.find((x) => x.seat === 'red')?.playedBy).toBe('bot');
  });

  it('a match still running: objectives not yet decided are "not yet", not missed', () => {
    const a = staged();
    expect(a.overview).toMatchObject({ turnsPlayed: 3, phase: 'briefing' });
    const keep = a.objectives.find((o) => o.id === 'keep-strike');
    expect(keep).toMatchObject({ met: false, pending: true });
    expect(keep?.how).toMatch(/^Not decided yet: the record ends after turn 3, and this is decided at turn 4\./);
    expect(a.objectives.find((o) => o.id === 'hit-air-defence')).toMatchObject({ met: true, pending: false });
    expect(a.improvements.some((f) => f.rule === 'Coalition objectives missed')).toBe(false);
    const scenario = stagedScenario();
    const { record } = stagedRecord(scenario);
    const ended = buildAar(cyberAlliance, scenario, { ...record, entries: [...record.entries, { at: 9_999, kind: 'control', action: { type: 'end', reason: 'out of time' } }] });
    if (!ended.ok) throw new Error(ended.error.message);
    expect(ended.value.overview.endedEarly).toBe('out of time');
    expect(ended.value.objectives.find((o) => o.id === 'keep-strike')).toMatchObject({ met: false, pending: false });
  });

  it('keeps the annotations, ordered by turn', () => {
    expect(staged().annotations.map((n) => n.id)).toEqual(['n1', 'n2']);
  });
});

describe('after-action report: renderers', () => {
  const grey = findScenario('grey-meridian')!;
  const played = autoplay(cyberAlliance, grey, 3);
  const big = buildAar(cyberAlliance, grey, played.record, notes);
  if (!big.ok) throw new Error(big.error.message);

  it('html is self-contained: no URL of any kind, no script, inline SVG charts', () => {
    for (const a of [staged(), big.value]) {
      const html = renderAar(a, 'html').body;
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).not.toMatch(/https?:\/\//i);
      expect(html).not.toMatch(/<[^>]*\s(src|xmlns|action)=/i);
      for (const [, target] of html.matchAll(/\shref="([^"]*)"/g)) expect(target).toMatch(/^#[a-z0-9-]+$/);
      const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
      for (const [, target] of html.matchAll(/href="#([^"]*)"/g)) expect(ids.has(target)).toBe(true);
      expect(html).not.toMatch(/<script|<link|@import|url\(/i);
      expect((html.match(/<svg /g) ?? []).length).toBe(4);
    }
  });

  it('html escapes every user-supplied string: annotations and their authors', () => {
    const html = renderAar(staged(), 'html').body;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>Cell</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('White &lt;b&gt;Cell&lt;/b&gt;');
  });

  it('html and md quote the situation reports, escaped, with the points awarded', () => {
    const a = staged();
    expect(a.reports).toEqual([{ turn: 2, nation: 'charlie', text: 'We hit the air defence. <script>alert("sitrep")</script>', points: 3, released: true }]);
    const html = renderAar(a, 'html').body;
    expect(html).toContain('Charlie to the White Cell (3 point(s)): <q>We hit the air defence. &lt;script&gt;alert(&quot;sitrep&quot;)&lt;/script&gt;</q>');
    expect(html).not.toContain('<script>alert("sitrep")');
    expect(renderAar(a, 'md').body).toContain('**Report** Charlie to the White Cell (3 point(s)): “We hit the air defence. &lt;script&gt;');
  });

  it('puts the White Cell’s injects and rulings in the timeline', () => {
    const a = staged();
    expect(a.whiteCell.filter((w) => w.turn === 3)).toEqual([
      { turn: 3, kind: 'inject', fromMsel: false, text: 'Press leak: A newspaper names Alpha.' },
      { turn: 3, kind: 'ruling', fromMsel: false, text: 'White Cell ruling: Alpha reputation -5 (named in the press).' },
    ]);
    expect(renderAar(a, 'html').body).toContain('<span class="tag wc">Ruling</span> White Cell ruling: Alpha reputation -5');
  });

  it('html escapes names from the record: a scenario whose nation is called <script>', () => {
    const scenario = stagedScenario();
    const evil = { ...scenario, allies: scenario.allies.map((n) => (n.id === 'charlie' ? { ...n, name: '<script>evil()</script>' } : n)) };
    const r = buildAar(cyberAlliance, evil, stagedRecord(evil).record, []);
    if (!r.ok) throw new Error(r.error.message);
    const html = renderAar(r.value, 'html').body;
    expect(html).not.toContain('<script>evil');
    expect(html).toContain('&lt;script&gt;evil()&lt;/script&gt;');
    expect(renderAar(r.value, 'md').body).not.toContain('<script>');
  });

  it('csv has a header and exactly one row per turn × nation', () => {
    for (const a of [staged(), big.value]) {
      const lines = renderAar(a, 'csv').body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(CSV_COLUMNS.join(','));
      const nations = a.overview.seats.length;
      const turns = a.overview.turnsPlayed + 1;
      expect(lines).toHaveLength(1 + nations * turns);
      const keys = lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','));
      expect(new Set(keys).size).toBe(nations * turns);
      for (const l of lines.slice(1)) expect(l.split(',')).toHaveLength(CSV_COLUMNS.length);
    }
    const a = big.value;
    expect(a.overview.turnsPlayed).toBe(12);
    const row = a.rows.find((r) => r.turn === 12 && r.nation === 'hesperia');
    expect(row?.score).toBe(a.overview.finalScores.find((s) => s.nation === 'hesperia')?.total);
  });

  it('csv fields are quoted and defused', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK(1)')).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe('');
  });

  it('md has the nine sections and escapes markup', () => {
    const md = renderAar(staged(), 'md').body;
    const heads = md.split('\n').filter((l) => l.startsWith('## '));
    expect(heads.map((h) => h.replace(/^## \d\. /, ''))).toEqual([
      'Overview',
      'Objectives and how each was met',
      'Key decisions, turn by turn',
      'Misattributions and leaks, with their true cause',
      'Scores by turn',
      'Strengths',
      'Areas for improvement',
      'Improvement plan',
      "Facilitator's annotations",
    ]);
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('**Misattribution**');
  });

  it('json is the report data and round-trips', () => {
    const a = staged();
    const json = JSON.parse(renderAar(a, 'json').body) as Aar;
    expect(json).toEqual(JSON.parse(JSON.stringify(a)));
    expect(Object.keys(json)).toEqual(['format', 'overview', 'objectives', 'decisions', 'misattributions', 'leaks', 'whiteCell', 'reports', 'series', 'rows', 'strengths', 'improvements', 'plan', 'annotations', 'names']);
    expect(json.series.turns).toEqual([0, 1, 2, 3]);
  });

  it('the same record and annotations give the same bytes', () => {
    const again = buildAar(cyberAlliance, grey, played.record, [...notes].reverse());
    if (!again.ok) throw new Error(again.error.message);
    for (const f of ['html', 'md', 'csv', 'json'] as const) expect(renderAar(again.value, f).body).toBe(renderAar(big.value, f).body);
  });
});

describe('after-action report: records it cannot read', () => {
  it('refuses another ruleset and another scenario with a typed error', () => {
    const scenario = stagedScenario();
    const { record } = stagedRecord(scenario);
    expect(buildAar(allianceTurns as never, scenario, record)).toMatchObject({ ok: false, error: { code: 'wrong-ruleset' } });
    const other: MatchRecord<unknown> = { ...record, scenario: { id: 'baltic-shield', version: '1.1' } };
    const r = buildAar(cyberAlliance, scenario, other);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-record' } });
  });

  it('reports what replayed of a record with a bad entry, and says where it stopped', () => {
    const scenario = stagedScenario();
    const { record } = stagedRecord(scenario);
    const broken: MatchRecord<unknown> = { ...record, entries: [...record.entries.slice(0, 12), { at: 0, kind: 'control', action: { type: 'start' } }, ...record.entries.slice(12)] };
    const r = buildAar(cyberAlliance, scenario, broken);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.overview.replayError).toMatch(/^entry 12 does not replay \(wrong-phase\)/);
    expect(renderAar(r.value, 'html').body).toContain('stops replaying part-way');
  });
});
