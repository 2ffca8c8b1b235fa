import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { findInFrames, joinRecording } from './frames.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { joinerFor, Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (list: any): any[] => (list ? [...list.values()] : []);
const chatOf = (state: any, seat: string): any[] => [...values(state.chat), ...values(state.chatBoxes?.get(seat)?.messages)].sort((x, y) => x.id - y.id);
const summary = (items: any[]) => items.map((m) => [m.id, m.seat, m.author, m.channel, m.text, m.hidden, m.linkKind, m.linkRef]);

/** Issue 7: "messages survive a server restart like orders do" — the match log is the truth. */
describe('chat across a full restart', () => {
  let first: TestServer | undefined;
  let second: TestServer | undefined;
  const players: Player[] = [];

  afterAll(async () => {
    for (const p of players) await p.leave();
    await first?.stop();
    await second?.close();
  });

  it('every acknowledged message, hide and mute is rebuilt from the log, with the same ids and audiences', async () => {
    first = await startTestServer();
    const match = await createMatch(first.url, { scenario: 'baltic-shield', seed: 5 });
    const join = joinerFor(match, players);
    let fac = await join(first.url, null, 'White Cell');
    let a = await join(first.url, 'aldoria', 'Ana');
    let b = await join(first.url, 'brennmark', 'Ben');
    await a.must('postMessage', { channel: 'pair:aldoria|brennmark', text: 'Share SKYFALL under dual-key?' });
    await b.must('postMessage', { channel: 'pair:aldoria|brennmark', text: 'Yes, and we hunt forward in your grid.', link: { kind: 'huntForward', ref: 'o-1' } });
    await a.must('postMessage', { channel: 'coalition', text: 'something rude' });
    await fac.must('hideMessage', { id: 2 });
    await fac.must('muteMember', { seat: 'aldoria', name: 'Ana', muted: true });
    await fac.must('startMatch');
    const last = await fac.must('postMessage', { channel: 'broadcast', text: 'Briefing BCASTMARK turn 1' });
    expect(last.data?.id).toBe(3);
    await a.until((s) => chatOf(s, 'aldoria').length === 4);
    const before = { fac: summary(values(fac.state.chatGod.messages)), a: summary(chatOf(a.state, 'aldoria')), applied: fac.state.god.applied as number };
    expect(before.fac[2]).toEqual([2, 'aldoria', 'Ana', 'coalition', 'something rude', true, '', '']);
    expect(before.a[2]).toEqual([2, 'aldoria', 'Ana', 'coalition', '', true, '', '']);

    await first.stop();
    await first.store.close();
    for (const p of [fac, a, b]) await p.until(() => p.left !== null);

    second = await startTestServer({ dir: first.dir, store: new SqliteStore(path.join(first.dir, 'matches.sqlite')) });
    fac = await join(second.url, null, 'White Cell');
    await fac.until((s) => s.god.applied === before.applied);
    const c = await joinRecording(second.url, { matchId: match.matchId, code: codeOf(match, 'corvania'), name: 'Cleo' });
    players.push(c.player);
    a = await join(second.url, 'aldoria', 'Ana');
    await a.until((s) => chatOf(s, 'aldoria').length === 4);
    expect(summary(values(fac.state.chatGod.messages))).toEqual(before.fac);
    expect(summary(chatOf(a.state, 'aldoria'))).toEqual(before.a);
    expect(values(fac.state.chatGod.muted).map((m) => `${m.seat}/${m.name}`)).toEqual(['aldoria/Ana']);
    expect(await a.ask('postMessage', { channel: 'coalition', text: 'still muted?' })).toMatchObject({ ok: false, code: 'muted' });
    // The rebuilt room keeps the audiences: a third nation gets none of the bilateral, and the
    // hidden coalition message only as hidden, without its text.
    await c.player.until((s) => chatOf(s, 'corvania').length === 2);
    expect(summary(chatOf(c.player.state, 'corvania'))).toEqual([before.a[2], before.a[3]]);
    expect(findInFrames(c.frames, ['SKYFALL', 'pair:aldoria|brennmark', 'rude'])).toEqual([]);
    // (a full state may come more than once: present is what matters)
    expect(findInFrames(c.frames, ['BCASTMARK']).length).toBeGreaterThan(0);
  }, 20_000);
});

/** The engine is generic: the second ruleset (no sides: every seat an ally) has the same channels. */
describe('chat in alliance-turns', () => {
  let srv: TestServer;

  afterAll(async () => {
    await srv?.close();
  });

  it('a bilateral reaches its two seats and no third; there is no red channel without an adversary', async () => {
    srv = await startTestServer();
    const match = await createMatch(srv.url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed: 3 });
    const id = match.matchId;
    const alpha = await Player.join(srv.url, { matchId: id, code: codeOf(match, 'alpha'), name: 'Al' });
    const bravo = await Player.join(srv.url, { matchId: id, code: codeOf(match, 'bravo'), name: 'Bo' });
    const charlie = await joinRecording(srv.url, { matchId: id, code: codeOf(match, 'charlie'), name: 'Cy' });
    try {
      await alpha.must('postMessage', { channel: 'pair:alpha|bravo', text: 'ALPHABRAVOSECRET deal' });
      await alpha.must('postMessage', { channel: 'coalition', text: 'ALPHAPUBLIC hello all' });
      await bravo.until((s) => chatOf(s, 'bravo').length === 2);
      await charlie.player.until((s) => chatOf(s, 'charlie').length === 1);
      expect(chatOf(bravo.state, 'bravo').map((m) => m.channel)).toEqual(['pair:alpha|bravo', 'coalition']);
      expect(findInFrames(charlie.frames, ['ALPHABRAVOSECRET'])).toEqual([]);
      expect(findInFrames(charlie.frames, ['ALPHAPUBLIC']).length).toBeGreaterThan(0);
      expect(await alpha.ask('postMessage', { channel: 'red', text: 'x' })).toMatchObject({ ok: false, code: 'unknown-channel' });
    } finally {
      for (const p of [alpha, bravo, charlie.player]) await p.leave();
    }
  });
});
