import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatFor } from '../../shared/engine/chat.ts';
import type { MatchRecord } from '../../shared/engine/match.ts';
import { parseRecord } from '../../shared/engine/record-schema.ts';
import { replay } from '../../shared/engine/replay.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { findInFrames, joinRecording } from './frames.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (list: any): any[] => (list ? [...list.values()] : []);
/** What a seat's client holds of the talk: the public broadcast plus its own box. */
const chatOf = (state: any, seat: string): any[] => [...values(state.chat), ...values(state.chatBoxes?.get(seat)?.messages)];
const seatChat = (p: Player, seat: string): any[] => chatOf(p.state, seat);
const godChat = (p: Player): any[] => values(p.state.chatGod?.messages);
const texts = (items: any[]): string[] => items.map((m) => m.text);

/** Unique markers, so a search of the raw frames finds exactly these messages. */
const marker = (name: string) => `${name}${Date.now().toString(36)}x${Math.floor(Math.random() * 1e9).toString(36)}`;

/**
 * Issue 7: negotiation channels on a real server, checked on the raw WebSocket frames as for
 * state secrecy (tests/server/secrecy.test.ts): a seat never receives a channel it is not in.
 */
describe('chat: audiences on the wire', () => {
  let srv: TestServer;
  let match: NewMatch;
  let fac: Player;
  const facTyping: any[] = [];
  const p: Record<string, Player> = {};
  const frames: Record<string, Uint8Array[]> = {};
  const typingSeen: Record<string, any[]> = {};
  const M = {
    pairAsk: marker('PAIRASK'),
    pairYes: marker('PAIRYES'),
    coalition: marker('COALITION'),
    red: marker('REDTEAM'),
    broadcast: marker('BROADCAST'),
    direct: marker('DIRECTCOR'),
  };

  beforeAll(async () => {
    srv = await startTestServer();
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 11 });
    const id = match.matchId;
    fac = await Player.join(srv.url, { matchId: id, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    fac.room.onMessage('typing', (m: unknown) => facTyping.push(m));
    const joins: [string, Record<string, unknown>][] = [
      ['aldoria', { code: codeOf(match, 'aldoria'), name: 'Ana' }],
      ['brennmark', { code: codeOf(match, 'brennmark'), name: 'Ben' }],
      ['corvania', { code: codeOf(match, 'corvania'), name: 'Cleo' }],
      ['kragan', { code: codeOf(match, 'kragan'), name: 'Kim' }],
      ['observer', { code: match.observerCode, name: 'Projector' }],
    ];
    for (const [key, options] of joins) {
      const j = await joinRecording(srv.url, { matchId: id, ...options });
      p[key] = j.player;
      frames[key] = j.frames;
      typingSeen[key] = [];
      j.player.room.onMessage('typing', (m: unknown) => typingSeen[key]?.push(m));
    }
    const ana = p.aldoria as Player;
    const ben = p.brennmark as Player;
    expect((await ana.must('typing', { channel: 'pair:aldoria|brennmark' })).data).toEqual({ relayed: true });
    // Within the throttle window a second notice goes nowhere.
    expect((await ana.must('typing', { channel: 'pair:aldoria|brennmark' })).data).toEqual({ relayed: false });
    await ana.must('postMessage', { channel: 'pair:aldoria|brennmark', text: `Dual-key share of TIDEWATER if you hunt forward? ${M.pairAsk}` });
    await ben.must('postMessage', { channel: 'pair:aldoria|brennmark', text: `Deal ${M.pairYes}`, link: { kind: 'share', ref: 'o-test' } });
    await ana.must('postMessage', { channel: 'coalition', text: `To all allies ${M.coalition}` });
    await (p.kragan as Player).must('postMessage', { channel: 'red', text: `Red cell ${M.red}` });
    await fac.must('postMessage', { channel: 'direct:corvania', text: `Corvania only ${M.direct}` });
    // Last: once everyone holds it, every earlier patch has reached them (one socket, in order).
    await fac.must('postMessage', { channel: 'broadcast', text: `Planning opens soon ${M.broadcast}` });
    for (const pl of Object.values(p)) await pl.until((s) => values(s.chat).some((m: any) => m.text.includes(M.broadcast)));
  }, 20_000);

  afterAll(async () => {
    for (const pl of [fac, ...Object.values(p)]) await pl?.leave();
    await srv?.close();
  });

  it('each seat holds exactly its channels in state; the facilitator holds all of them', () => {
    expect(texts(seatChat(p.brennmark as Player, 'brennmark')).join('\n')).toContain(M.pairAsk);
    expect(godChat(fac).map((m) => m.channel)).toEqual(['pair:aldoria|brennmark', 'pair:aldoria|brennmark', 'coalition', 'red', 'direct:corvania', 'broadcast']);
    expect(godChat(fac).map((m) => m.id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(godChat(fac)[1]).toMatchObject({ seat: 'brennmark', author: 'Ben', linkKind: 'share', linkRef: 'o-test', hidden: false });
    const cleo = texts(seatChat(p.corvania as Player, 'corvania')).join('\n');
    expect(cleo).toContain(M.coalition);
    expect(cleo).toContain(M.direct);
    expect(cleo).not.toContain(M.pairAsk);
  });

  it('a third nation, the red team and the observer never receive the bilateral on the wire', () => {
    const found = (who: string, ms: string[]) => findInFrames(frames[who] ?? [], ms);
    // The search works: the frames do hold what each may see.
    const present: [string, string[]][] = [
      ['brennmark', [M.pairAsk, M.pairYes]],
      ['corvania', [M.coalition, M.direct, M.broadcast]],
      ['kragan', [M.red]],
      ['observer', [M.broadcast]],
    ];
    for (const [who, ms] of present) for (const m of ms) expect(found(who, [m]).length, `${m} reaches ${who}`).toBeGreaterThan(0);
    // …and nothing else.
    expect(found('corvania', [M.pairAsk, M.pairYes, M.red, 'pair:aldoria|brennmark'])).toEqual([]);
    expect(found('kragan', [M.pairAsk, M.pairYes, M.coalition, M.direct])).toEqual([]);
    expect(found('observer', [M.pairAsk, M.pairYes, M.coalition, M.red, M.direct])).toEqual([]);
    expect(found('aldoria', [M.red, M.direct])).toEqual([]);
  });

  it('typing is relayed only to the other readers of that channel', async () => {
    await (p.brennmark as Player).until(() => (typingSeen.brennmark ?? []).length > 0);
    expect(typingSeen.brennmark).toEqual([{ channel: 'pair:aldoria|brennmark', seat: 'aldoria', name: 'Ana' }]);
    for (const who of ['aldoria', 'corvania', 'kragan', 'observer']) expect(typingSeen[who]).toEqual([]);
    // The White Cell reads every channel, so it sees who is typing anywhere.
    expect(facTyping).toEqual([{ channel: 'pair:aldoria|brennmark', seat: 'aldoria', name: 'Ana' }]);
    const t = await (p.corvania as Player).ask('typing', { channel: 'pair:aldoria|brennmark' });
    expect(t).toMatchObject({ ok: false, code: 'not-in-channel' });
  });

  it('refuses, with typed errors and no change: unknown or foreign channels, bad text, observers, the broadcast', async () => {
    const before = godChat(fac).length;
    const cleo = p.corvania as Player;
    expect(await cleo.ask('postMessage', { channel: 'pair:aldoria|brennmark', text: 'let me in' })).toMatchObject({ ok: false, code: 'not-in-channel' });
    expect(await cleo.ask('postMessage', { channel: 'pair:brennmark|aldoria', text: 'x' })).toMatchObject({ ok: false, code: 'unknown-channel' });
    expect(await cleo.ask('postMessage', { channel: 'pair:corvania|atlantis', text: 'x' })).toMatchObject({ ok: false, code: 'unknown-channel' });
    expect(await cleo.ask('postMessage', { channel: 'broadcast', text: 'x' })).toMatchObject({ ok: false, code: 'not-in-channel' });
    expect(await cleo.ask('postMessage', { channel: 'coalition', text: 'x'.repeat(501) })).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await cleo.ask('postMessage', { channel: 'coalition', text: '   ' })).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await cleo.ask('postMessage', { channel: 'coalition', text: 'ring\u0007' })).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await cleo.ask('hideMessage', { id: 0 })).toMatchObject({ ok: false, code: 'not-facilitator' });
    expect(await (p.observer as Player).ask('postMessage', { channel: 'broadcast', text: 'x' })).toMatchObject({ ok: false, code: 'read-only' });
    expect(await fac.ask('postMessage', { channel: 'coalition', text: 'x' })).toMatchObject({ ok: false, code: 'not-in-channel' });
    expect(cleo.left).toBeNull();
    await fac.must('postMessage', { channel: 'direct:corvania', text: 'still here?' });
    expect(godChat(fac)).toHaveLength(before + 1);
  });

  it('rate-limits chat per seat: its connections share one budget, and a new connection gets no fresh one', async () => {
    // A match of its own, so that no earlier test has spent Corvania's budget.
    const fresh = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 12 });
    const join = (seat: string, name: string) => Player.join(srv.url, { matchId: fresh.matchId, code: codeOf(fresh, seat), name });
    const cat = await join('corvania', 'Cat');
    const ana = await join('aldoria', 'Ana');
    let cal: Player | null = null;
    try {
      const post = (who: Player, i: number) => who.ask('postMessage', { channel: 'pair:corvania|duvessa', text: `flood ${i}` });
      const replies = [];
      for (let i = 0; i < 6; i++) replies.push(await post(cat, i));
      expect(replies.map((r) => r.ok)).toEqual([true, true, true, true, true, false]);
      expect(replies[5]).toMatchObject({ ok: false, code: 'chat-rate-limited' });
      expect(replies[5]?.message).toMatch(/too fast/);
      // A second connection on the same seat — another tab, or a reconnection — shares the spent budget.
      cal = await join('corvania', 'Cal');
      expect(await post(cal, 99)).toMatchObject({ ok: false, code: 'chat-rate-limited' });
      // Other seats have their own budget.
      await ana.must('postMessage', { channel: 'coalition', text: 'Ana is not limited by Cat' });
      await new Promise((r) => setTimeout(r, 2100));
      expect(await cal.ask('postMessage', { channel: 'pair:corvania|duvessa', text: 'one more after 2 s' })).toMatchObject({ ok: true });
    } finally {
      for (const x of [cat, ana, cal]) await x?.leave();
    }
  });

  it('the facilitator mutes a person (not the seat) and hides a message, which stays in the record marked', async () => {
    const ben = p.brennmark as Player;
    const bea = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'brennmark'), name: 'Bea' });
    try {
      await fac.must('muteMember', { seat: 'brennmark', name: 'Ben', muted: true });
      expect(await ben.ask('postMessage', { channel: 'coalition', text: 'am I muted?' })).toMatchObject({ ok: false, code: 'muted' });
      await bea.must('postMessage', { channel: 'coalition', text: 'Bea can talk' });
      expect(values(fac.state.chatGod.muted).map((m) => [m.seat, m.name])).toEqual([['brennmark', 'Ben']]);
      await fac.must('muteMember', { seat: 'brennmark', name: 'Ben', muted: false });
      await ben.must('postMessage', { channel: 'coalition', text: 'back' });

      const id = godChat(fac).find((m) => m.text.includes(M.pairAsk)).id as number;
      await fac.must('hideMessage', { id });
      await ben.until((s) => chatOf(s, 'brennmark').some((m) => m.id === id && m.hidden));
      const seen = seatChat(ben, 'brennmark').find((m) => m.id === id);
      expect(seen).toMatchObject({ hidden: true, text: '', author: 'Ana' });
      expect(godChat(fac).find((m) => m.id === id)).toMatchObject({ hidden: true, author: 'Ana' });
      expect(godChat(fac).find((m) => m.id === id).text).toContain(M.pairAsk);
      expect(await fac.ask('hideMessage', { id: 99999 })).toMatchObject({ ok: false, code: 'unknown-message' });
    } finally {
      await bea.leave();
    }
  });

  it('the record holds the talk with its audience; replaying it gives the same chat, and "view as" a seat its channels only', async () => {
    const res = await fetch(`${srv.url}/api/matches/${match.matchId}/record`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } });
    const parsed = parseRecord(await res.json());
    if (!parsed.ok) throw new Error(parsed.error.message);
    const record = parsed.value as MatchRecord<never>;
    const scenario = findScenario('baltic-shield');
    if (!scenario) throw new Error('no scenario');
    const r = replay(cyberAlliance, scenario, record);
    if (!r.ok) throw new Error(r.error.message);
    await fac.ask('typing', { channel: 'broadcast' }); // a reply after the next patch: fac's state is current
    const seats = cyberAlliance.seats(r.match.state);
    const asFac = chatFor(r.match.chat, seats, 'facilitator');
    expect(asFac.map((m) => [m.id, m.channel, m.text, m.hidden])).toEqual(godChat(fac).map((m) => [m.id, m.channel, m.text, m.hidden]));
    const asCor = chatFor(r.match.chat, seats, 'corvania' as never);
    expect(asCor.map((m) => m.id)).toEqual(seatChat(p.corvania as Player, 'corvania').map((m) => m.id).sort((a, b) => a - b));
  });
});
