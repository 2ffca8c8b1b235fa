import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NewMatch } from '../../server/match-factory.ts';
import { REPLACED_CLOSE_CODE, type JoinCheck, type LobbyStatus } from '../../shared/protocol/classroom.ts';
import { findInFrames, joinRecording } from './frames.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const playersOf = (state: any, seat: string): string[] => [...(state.seats.get(seat)?.players ?? [])];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function check(url: string, body: Record<string, unknown>): Promise<{ status: number; body: JoinCheck }> {
  const res = await fetch(`${url}/api/join/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as JoinCheck };
}

/**
 * Issue 14 on the server: join links (a code alone), names told apart, a person's new
 * connection replacing the old one, drafts per person that never reach anyone else, and the
 * class link's lobby with locks and approval.
 */
describe('the classroom side of a match room', () => {
  let srv: TestServer;
  let match: NewMatch;
  const open: Player[] = [];
  const join = async (options: Record<string, unknown>) => {
    const p = await Player.join(srv.url, options);
    open.push(p);
    return p;
  };

  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.leave()));
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('POST /api/join/check says what a code alone opens, and answers a wrong code with a sentence (200, so browsers log nothing)', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const seat = await check(srv.url, { code: codeOf(match, 'brennmark').toLowerCase() });
    expect(seat).toEqual({ status: 200, body: { ok: true, matchId: match.matchId, role: 'seat', seat: 'brennmark', seatName: 'Brennmark', scenario: 'baltic-shield' } });
    expect((await check(srv.url, { code: match.observerCode })).body).toMatchObject({ ok: true, role: 'observer', seat: null });
    expect((await check(srv.url, { code: match.classCode })).body).toMatchObject({ ok: true, role: 'lobby', seat: null });
    expect((await check(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken })).body).toMatchObject({ ok: true, role: 'facilitator' });
    const wrong = await check(srv.url, { code: 'ZZZZZZ' });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ ok: false, code: 'wrong-code' });
    expect((wrong.body as { message: string }).message).toMatch(/^That join code does not open/);
    expect((await check(srv.url, { matchId: match.matchId, facilitatorToken: 'nope' })).body).toMatchObject({ ok: false, code: 'wrong-token' });
    expect((await fetch(`${srv.url}/api/join/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code": 5}' })).status).toBe(400);
  });

  it('a join link’s code alone gets a student into the right match and seat (no match id)', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const ana = await join({ code: codeOf(match, 'aldoria'), name: 'Ana' });
    const hello = await ana.must('hello');
    expect(hello.data).toEqual({ role: 'seat', seat: 'aldoria', name: 'Ana' });
    expect(ana.state.matchId).toBe(match.matchId);
    await expect(Player.join(srv.url, { code: 'ZZZZZZ', name: 'Mallory' })).rejects.toThrow(/join code does not open/);
    await expect(Player.join(srv.url, { facilitatorToken: match.facilitatorToken, name: 'X' })).rejects.toThrow(/needs the match id/);
  });

  it('two people typing the same name on one seat are told apart ("Ana", "Ana (2)"); on another seat the name is free', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const a1 = await join({ code: codeOf(match, 'aldoria'), name: 'Ana' });
    const a2 = await join({ code: codeOf(match, 'aldoria'), name: 'ana ' });
    const b = await join({ code: codeOf(match, 'brennmark'), name: 'Ana' });
    expect((await a2.must('hello')).data?.['name']).toBe('ana (2)');
    expect((await b.must('hello')).data?.['name']).toBe('Ana');
    await a1.until((s) => playersOf(s, 'aldoria').length === 2);
    expect(playersOf(a1.state, 'aldoria')).toEqual(['Ana', 'ana (2)']);
    // Each is muted on their own: the facilitator's buttons name one person each.
    const fac = await join({ matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    await fac.must('muteMember', { seat: 'aldoria', name: 'ana (2)', muted: true });
    expect((await a2.ask('postMessage', { channel: 'coalition', text: 'hello' })).code).toBe('muted');
    expect((await a1.ask('postMessage', { channel: 'coalition', text: 'hello' })).ok).toBe(true);
  });

  it('a reload (same tab id) replaces the old connection at once: no ghost, the same name, and the old socket is told it was replaced', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const tab = 'tab-1234567890';
    const first = await join({ code: codeOf(match, 'aldoria'), name: 'Ana', tab });
    const other = await join({ code: codeOf(match, 'aldoria'), name: 'Ana' });
    expect((await other.must('hello')).data?.['name']).toBe('Ana (2)');
    const again = await join({ code: codeOf(match, 'aldoria'), name: 'Ana', tab });
    expect((await again.must('hello')).data?.['name']).toBe('Ana');
    const started = Date.now();
    await again.until((s) => playersOf(s, 'aldoria').length === 2 && s.seats.get('aldoria').connected === 2, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(playersOf(again.state, 'aldoria').sort()).toEqual(['Ana', 'Ana (2)']);
    await first.until(() => first.left !== null, 2000);
    expect(first.left).toBe(REPLACED_CLOSE_CODE);
  });

  it('a dropped connection (Wi-Fi gone) is replaced by the same name joining again, e.g. from another laptop, instead of lingering for the reconnection window', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const watcher = await join({ code: codeOf(match, 'brennmark'), name: 'Ben' });
    const ana = await join({ code: codeOf(match, 'aldoria'), name: 'Ana' });
    await watcher.until((s) => playersOf(s, 'aldoria').length === 1);
    // Drop the socket without a goodbye: the room keeps a place for it (allowReconnection).
    ana.room.reconnection.enabled = false;
    (ana.room as any).connection.transport.ws.close(3000, 'gone');
    await sleep(300);
    expect(playersOf(watcher.state, 'aldoria')).toEqual(['Ana']);
    const laptop = await join({ code: codeOf(match, 'aldoria'), name: 'Ana' });
    expect((await laptop.must('hello')).data?.['name']).toBe('Ana');
    await watcher.until((s) => playersOf(s, 'aldoria').length === 1 && s.seats.get('aldoria').connected === 1, 2000);
  });

  it('drafts are kept per seat and person and travel only to that person: another seat, the observer, the facilitator and another person of the same seat never receive them', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const id = match.matchId;
    const ben = await joinRecording(srv.url, { matchId: id, code: codeOf(match, 'brennmark'), name: 'Ben' });
    const wall = await joinRecording(srv.url, { matchId: id, code: match.observerCode, name: 'Projector' });
    const fac = await joinRecording(srv.url, { matchId: id, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    const aldo = await joinRecording(srv.url, { matchId: id, code: codeOf(match, 'aldoria'), name: 'Aldo' });
    open.push(ben.player, wall.player, fac.player, aldo.player);
    const ana = await join({ matchId: id, code: codeOf(match, 'aldoria'), name: 'Ana' });
    const secret = 'DRAFTSECRET7QX';
    const draft = { at: 1, composer: { type: 'share', values: { copy: 'k-ald-lantern', to: 'brennmark', dualKey: true } }, chat: { 'pair:aldoria|brennmark': `offer ${secret}` } };
    await ana.must('saveDraft', { draft });
    expect(JSON.parse(String((await ana.must('loadDraft')).data?.['draft']))).toEqual(draft);
    // Every other connection asks for its own drafts too: none gets Ana's.
    expect((await aldo.player.must('loadDraft')).data?.['draft']).toBe('');
    expect((await ben.player.must('loadDraft')).data?.['draft']).toBe('');
    expect((await wall.player.ask('loadDraft')).code).toBe('not-a-seat');
    expect((await fac.player.ask('loadDraft')).code).toBe('not-a-seat');
    expect((await ana.ask('saveDraft', { draft: { at: 1, composer: null, chat: {}, extra: 1 } })).code).toBe('bad-message');
    await ana.leave();
    // Ana back on another laptop: the same name on the same seat gets the draft.
    const again = await join({ matchId: id, code: codeOf(match, 'aldoria'), name: 'Ana' });
    expect(JSON.parse(String((await again.must('loadDraft')).data?.['draft']))).toEqual(draft);
    await Promise.all([ben.player, wall.player, fac.player, aldo.player].map((p) => p.sync().catch(() => undefined)));
    for (const frames of [ben.frames, wall.frames, fac.frames, aldo.frames]) expect(findInFrames(frames, [secret])).toEqual([]);
    expect(srv.store.kind).toBe('sqlite');
    const log = JSON.stringify(await srv.store.entries(id));
    expect(log).not.toContain(secret);
  });

  it('the class link opens the lobby: a student picks a free seat and gets its code; locked, bot and occupied seats are refused with a sentence', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const fac = await join({ matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    const lobby = await join({ code: match.classCode, name: 'Cleo' });
    expect((await lobby.must('hello')).data).toEqual({ role: 'lobby', seat: null, name: 'Cleo' });
    expect((await lobby.ask('submitOrder', { order: { type: 'report', text: 'x' } })).code).toBe('read-only');
    await fac.must('lockSeat', { seat: 'corvania', locked: true });
    expect((await lobby.ask('claimSeat', { seat: 'corvania' })).code).toBe('seat-locked');
    expect((await lobby.ask('claimSeat', { seat: 'kragan' })).code).toBe('seat-bot');
    expect((await lobby.ask('claimSeat', { seat: 'atlantis' })).code).toBe('unknown-seat');
    await join({ code: codeOf(match, 'brennmark'), name: 'Ben' });
    expect((await lobby.ask('claimSeat', { seat: 'brennmark' })).code).toBe('seat-taken');
    const got = await lobby.must('claimSeat', { seat: 'duvessa' });
    expect(got.data).toEqual({ seat: 'duvessa', code: codeOf(match, 'duvessa') });
    // Held for the one who got it, so a second pick of the same seat loses.
    const other = await join({ code: match.classCode, name: 'Dan' });
    expect((await other.ask('claimSeat', { seat: 'duvessa' })).code).toBe('seat-taken');
    const status = JSON.parse(String((await other.must('lobbyStatus')).data?.['status'])) as LobbyStatus;
    expect(status).toEqual({ locked: ['corvania'], approval: false, pending: [] });
    // Only the facilitator locks and answers.
    expect((await other.ask('lockSeat', { seat: 'aldoria', locked: true })).code).toBe('not-facilitator');
  });

  it('a whole class waits in the lobby at once: each person there has a budget and a connection count of their own', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const cap = srv.running.limits.limits.connectionsPerSeat;
    const students = await Promise.all(Array.from({ length: cap + 8 }, (_, i) => join({ code: match.classCode, name: `Student ${i + 1}` })));
    for (const p of students) expect((await p.must('lobbyStatus')).ok).toBe(true);
    // One person's tabs are still capped like a seat's.
    const tabs = await Promise.all(Array.from({ length: cap - 1 }, () => join({ code: match.classCode, name: 'Student 1' })));
    expect(tabs.length).toBe(cap - 1);
    await expect(Player.join(srv.url, { code: match.classCode, name: 'Student 1' })).rejects.toThrow(/seat-full|already has/);
  });

  it('with approval required, a pick waits for the facilitator, who sees it and grants or refuses it; the student hears either way', async () => {
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const fac = await join({ matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    const pushed: LobbyStatus[] = [];
    fac.room.onMessage('lobby', (m: LobbyStatus) => pushed.push(m));
    // Pushes go to the connections that read the lobby.
    await fac.must('lobbyStatus');
    await fac.must('requireApproval', { required: true });
    const cleo = await join({ code: match.classCode, name: 'Cleo' });
    const granted: unknown[] = [];
    const refused: unknown[] = [];
    cleo.room.onMessage('seatGranted', (m: unknown) => granted.push(m));
    cleo.room.onMessage('seatRefused', (m: unknown) => refused.push(m));
    const wait = await cleo.must('claimSeat', { seat: 'aldoria' });
    expect(wait.data).toMatchObject({ pending: true });
    await fac.until(() => pushed.some((s) => s.pending.some((p) => p.name === 'Cleo' && p.seat === 'aldoria')));
    const request = pushed.at(-1)!.pending[0]!.request;
    await fac.must('answerClaim', { request, approve: false });
    await cleo.until(() => refused.length === 1);
    expect(refused[0]).toMatchObject({ message: expect.stringMatching(/did not approve/) });
    await cleo.must('claimSeat', { seat: 'aldoria' });
    await fac.until(() => pushed.at(-1)!.pending.length === 1);
    await fac.must('answerClaim', { request: pushed.at(-1)!.pending[0]!.request, approve: true });
    await cleo.until(() => granted.length === 1);
    expect(granted[0]).toEqual({ seat: 'aldoria', code: codeOf(match, 'aldoria') });
    // Lobby settings are audit entries: a rebuilt room keeps them.
    const entries = await srv.store.entries(match.matchId);
    // (Joins are audit entries too: who sat where.)
    expect(entries.filter((e) => e.kind === 'audit' && e.action !== 'join').map((e) => (e as { action: string }).action)).toEqual(['lobbyApproval', 'lobbyClaim', 'lobbyClaim']);
  });

  it('lobby locks and approval survive a restart (audit entries replayed); drafts, kept in memory only, do not', async () => {
    const own = await startTestServer();
    let again: TestServer | null = null;
    try {
      const m = await createMatch(own.url, { scenario: 'baltic-shield' });
      const fac = await Player.join(own.url, { matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' });
      const ana = await Player.join(own.url, { matchId: m.matchId, code: codeOf(m, 'aldoria'), name: 'Ana' });
      await fac.must('lockSeat', { seat: 'corvania', locked: true });
      await fac.must('requireApproval', { required: true });
      await ana.must('saveDraft', { draft: { at: 5, composer: null, chat: { coalition: 'before the restart' } } });
      await own.stop();
      again = await startTestServer({ dir: own.dir, store: own.store });
      const lobby = await Player.join(again.url, { code: m.classCode, name: 'Cleo' });
      const back = await Player.join(again.url, { code: codeOf(m, 'aldoria'), name: 'Ana' });
      try {
        expect(JSON.parse(String((await lobby.must('lobbyStatus')).data?.['status']))).toEqual({ locked: ['corvania'], approval: true, pending: [] });
        expect((await lobby.ask('claimSeat', { seat: 'corvania' })).code).toBe('seat-locked');
        expect((await back.must('loadDraft')).data?.['draft']).toBe('');
      } finally {
        await lobby.leave();
        await back.leave();
      }
    } finally {
      await again?.stop();
      await own.close();
    }
  });
});
