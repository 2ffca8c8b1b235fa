import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchRecord } from '../../shared/engine/match.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { findInFrames, joinRecording } from './frames.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';
import { secretsOf } from './secrets.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (map: any): any[] => (map ? [...map.values()] : []);

/** Orders each human seat tries each turn; the rules may refuse some later on (burned, no capacity). */
const plans: Record<string, (turn: number, arsenal: any[]) => object[]> = {
  aldoria: (turn, arsenal) => {
    const blackout = arsenal.find((c) => c.capability === 'brn-blackout');
    return [
      { type: 'defend', network: turn % 2 ? 'ald-mod' : 'ald-grid', action: 'harden' },
      ...(blackout ? [{ type: 'operate', copy: blackout.copy, target: 'kr-grid' }] : []),
      { type: 'operate', copy: 'k-ald-lantern', target: 'kr-media' },
    ];
  },
  brennmark: (turn) => [
    ...(turn === 1 ? [{ type: 'share', copy: 'k-brn-tidewater', to: 'corvania' }, { type: 'share', copy: 'k-brn-blackout', to: 'aldoria' }] : []),
    { type: 'operate', copy: 'k-brn-tidewater', target: 'kr-media' },
    { type: 'report', text: `Turn ${turn}: all quiet in Brennmark.` },
  ],
  corvania: (turn, arsenal) => {
    const tidewater = arsenal.find((c) => c.capability === 'brn-tidewater');
    return [
      { type: 'operate', copy: 'k-cor-mistral', target: turn % 2 ? 'kr-c2' : 'kr-adn' },
      ...(tidewater ? [{ type: 'operate', copy: tidewater.copy, target: 'kr-grid' }] : []),
      { type: 'defend', network: 'cor-bank', action: 'harden' },
      ...(turn === 1 ? [{ type: 'sovereignOffer', copy: 'k-cor-quill', target: 'kr-media', window: 3 }] : []),
    ];
  },
};

/**
 * docs/design.md §6 "the server never sends a seat anything outside its view, in state or
 * events", checked on the raw bytes: every WebSocket frame seat A and the observer receive
 * during a whole match (8 turns, shares, operations, bots, White Cell actions).
 */
describe('secrecy on the wire', () => {
  let srv: TestServer;
  let match: NewMatch;
  let fac: Player;
  let seats: Record<string, Player> = {};
  let aFrames: Uint8Array[] = [];
  let obsFrames: Uint8Array[] = [];
  let obs: Player;
  let record: MatchRecord<unknown>;

  beforeAll(async () => {
    // The match is played as fast as the server answers, far above a person's pace: no flood limit here.
    srv = await startTestServer({ rateLimit: { perSecond: 1000, burst: 1000 } });
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 2024 });
    const id = match.matchId;
    fac = await Player.join(srv.url, { matchId: id, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    const a = await joinRecording(srv.url, { matchId: id, code: codeOf(match, 'aldoria'), name: 'Ana' });
    aFrames = a.frames;
    const o = await joinRecording(srv.url, { matchId: id, code: match.observerCode, name: 'Projector' });
    obsFrames = o.frames;
    obs = o.player;
    seats = {
      aldoria: a.player,
      brennmark: await Player.join(srv.url, { matchId: id, code: codeOf(match, 'brennmark'), name: 'Ben' }),
      corvania: await Player.join(srv.url, { matchId: id, code: codeOf(match, 'corvania'), name: 'Cleo' }),
    };
    await fac.must('setBot', { seat: 'duvessa', bot: true });
    await fac.must('startMatch');
    while (fac.state.phase !== 'ended') await playTurn();
    const res = await fetch(`${srv.url}/api/matches/${id}/record`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } });
    record = (await res.json()) as MatchRecord<unknown>;
  }, 25_000);

  afterAll(async () => {
    for (const p of [fac, obs, ...Object.values(seats)]) await p?.leave();
    await srv?.close();
  });

  async function playTurn(): Promise<void> {
    await fac.must('advancePhase');
    const turn = fac.state.turn as number;
    if (turn === 2) await fac.must('fireInject', { msel: 'skyhaven-audit' });
    const offer = values(fac.state.board.offers).find((o) => o.status === 'open');
    if (turn === 2 && offer) await fac.must('requestSovereign', { offer: offer.id });
    if (turn === 3) await fac.must('typedInject', { title: 'Cable cut', text: 'A subsea cable is cut.', availabilityHit: { network: 'duv-gov', amount: 10 } });
    for (const [seat, p] of Object.entries(seats)) {
      await p.until((s) => s.phase === 'planning');
      for (const order of plans[seat]?.(turn, values(p.state.privates.get(seat).arsenal)) ?? []) {
        await p.ask('submitOrder', { order });
      }
    }
    for (const [seat, p] of Object.entries(seats)) {
      await p.sync();
      for (const rq of values(p.state.privates.get(seat).inbox)) if (rq.answer === '') await p.ask('answerRequest', { request: rq.id, accept: true });
    }
    const report = values(fac.state.god.reports).find((r) => r.turn === turn && r.nation === 'brennmark');
    if (report) await fac.must('awardReport', { report: report.id, points: 3, release: turn % 2 === 0 });
    for (const p of Object.values(seats)) await p.must('setReady', { ready: true });
    await fac.until((s) => s.phase === 'debrief' || s.phase === 'ended');
    if (fac.state.phase === 'debrief') await fac.must('advancePhase');
    await fac.until((s) => s.phase === 'briefing' || s.phase === 'ended');
  }

  it('the match really happened: 8 turns, shares, operations and private events reached seat A', () => {
    expect(fac.state.phase).toBe('ended');
    const types = new Set(record.entries.flatMap((e) => (e.kind === 'input' ? [(e.input as any).order?.type ?? (e.input as any).type] : [])));
    for (const t of ['share', 'operate', 'answer', 'defend', 'report', 'sovereignOffer', 'requestSovereign', 'facilitator']) expect(types).toContain(t);
    expect(values(obs.state.board.offers).map((o) => o.nation)).toContain('corvania');
    const mine = seats.aldoria?.state.privates.get('aldoria');
    expect(values(mine.arsenal).some((c) => c.capability === 'brn-blackout')).toBe(true);
    expect(values(mine.events).length).toBeGreaterThan(3);
    expect(aFrames.length).toBeGreaterThan(20);
  });

  it('the search works: seat A’s frames hold its own private ids, the observer’s hold public ids', () => {
    expect(findInFrames(aFrames, ['k-ald-skyfall']).length).toBeGreaterThan(0);
    expect(findInFrames(aFrames, ['SKYFALL']).length).toBeGreaterThan(0);
    expect(findInFrames(obsFrames, ['kr-adn']).length).toBeGreaterThan(0);
  });

  it('no frame seat A received holds another nation’s private ids or capability names', () => {
    const secrets = secretsOf(record, 'aldoria' as never);
    expect(secrets.size).toBeGreaterThan(20);
    // Corvania received TIDEWATER from Brennmark: neither its copy nor anything else of theirs reached A.
    expect([...secrets].some((s) => s.startsWith('k-'))).toBe(true);
    expect(findInFrames(aFrames, secrets)).toEqual([]);
  });

  it('no frame the observer received holds any seat-private id', () => {
    const secrets = secretsOf(record, 'observer');
    expect(secrets).toContain('k-ald-skyfall');
    expect(secrets).toContain('SKYFALL');
    expect(findInFrames(obsFrames, secrets)).toEqual([]);
  });
});
