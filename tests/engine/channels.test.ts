import { describe, expect, it } from 'vitest';
import { audienceOf, canRead, channelsFor, mayPost, pairChannel, parseChannel, type SeatSide } from '../../shared/engine/channels.ts';
import { chatFor, exchangeBefore, linkedMessages, MAX_CHAT_TEXT } from '../../shared/engine/chat.ts';
import { createMatch, type LogEntry, type Match } from '../../shared/engine/match.ts';
import { parseRecord } from '../../shared/engine/record-schema.ts';
import { replay } from '../../shared/engine/replay.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import { countingGame, countScenario } from './counting-game.ts';
import { apply, control, refused } from './helpers.ts';

const s = (id: string) => id as SeatId;
const seats: SeatSide[] = [
  { id: s('aldoria'), side: 'ally' },
  { id: s('brennmark'), side: 'ally' },
  { id: s('corvania'), side: 'ally' },
  { id: s('kragan'), side: 'adversary' },
];

const chat = (seat: string, channel: string, text: string, author = 'Ann', at = 0): LogEntry<never> => ({ at, kind: 'chat', seat: seat as SeatId, author, channel, text });

describe('channels', () => {
  it('a seat reads the broadcast, its direct line, its side channel and a bilateral with every other seat', () => {
    expect(channelsFor(seats, s('brennmark'))).toEqual(['broadcast', 'direct:brennmark', 'coalition', 'pair:aldoria|brennmark', 'pair:brennmark|corvania', 'pair:brennmark|kragan']);
    expect(channelsFor(seats, s('kragan'))).toEqual(['broadcast', 'direct:kragan', 'red', 'pair:aldoria|kragan', 'pair:brennmark|kragan', 'pair:corvania|kragan']);
  });

  it('the facilitator reads every channel, the observer only the broadcast', () => {
    const all = channelsFor(seats, 'facilitator');
    expect(all).toHaveLength(3 + 4 + 6);
    for (const id of all) expect(canRead(seats, 'facilitator', id)).toBe(true);
    expect(channelsFor(seats, 'observer')).toEqual(['broadcast']);
    expect(canRead(seats, 'observer', 'coalition')).toBe(false);
  });

  it('a seat never reads a channel it is not part of', () => {
    expect(canRead(seats, s('corvania'), pairChannel('brennmark', 'aldoria'))).toBe(false);
    expect(canRead(seats, s('kragan'), 'coalition')).toBe(false);
    expect(canRead(seats, s('aldoria'), 'red')).toBe(false);
    expect(canRead(seats, s('aldoria'), 'direct:brennmark')).toBe(false);
    for (const viewer of seats) {
      for (const id of channelsFor(seats, viewer.id)) {
        const c = parseChannel(id, seats);
        if (!c.ok) throw new Error(`${id}: ${c.error.message}`);
        expect(audienceOf(c.value, seats)).toContain(viewer.id);
      }
    }
  });

  it('unknown channels are refused by name; a bilateral names its seats in order', () => {
    expect(parseChannel('pair:brennmark|aldoria', seats)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(parseChannel('pair:aldoria|nowhere', seats)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(parseChannel('pair:aldoria|aldoria', seats)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(parseChannel('direct:nowhere', seats)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(parseChannel('lobby', seats)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    // Without an adversary seat there is no red channel; seats without a side are allies.
    expect(parseChannel('red', [{ id: s('a') }, { id: s('b') }])).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(channelsFor([{ id: s('a') }, { id: s('b') }], s('a'))).toEqual(['broadcast', 'direct:a', 'coalition', 'pair:a|b']);
  });

  it('the facilitator posts only in the broadcast and direct lines; seats never in the broadcast', () => {
    expect(mayPost(seats, 'facilitator', 'broadcast').ok).toBe(true);
    expect(mayPost(seats, 'facilitator', 'direct:kragan').ok).toBe(true);
    expect(mayPost(seats, 'facilitator', 'coalition')).toMatchObject({ ok: false, error: { code: 'not-in-channel' } });
    expect(mayPost(seats, s('aldoria'), 'broadcast')).toMatchObject({ ok: false, error: { code: 'not-in-channel' } });
    expect(mayPost(seats, s('aldoria'), 'direct:aldoria').ok).toBe(true);
    expect(mayPost(seats, s('corvania'), 'pair:aldoria|brennmark')).toMatchObject({ ok: false, error: { code: 'not-in-channel' } });
    expect(mayPost(seats, s('kragan'), 'red').ok).toBe(true);
    expect(mayPost(seats, s('kragan'), 'coalition')).toMatchObject({ ok: false, error: { code: 'not-in-channel' } });
  });
});

describe('chat in the match log', () => {
  const game = countingGame();
  const lobby = createMatch(game, countScenario, 1);

  it('a message is recorded with its channel, turn and a sequence id, in any phase but ended', () => {
    const m = apply(game, lobby, chat('ann', 'pair:ann|bob', 'I share if you hunt forward'), control({ type: 'start' }), chat('bob', 'pair:ann|bob', 'Deal', 'Bo', 5));
    expect(m.chat?.messages.map((x) => [x.id, x.turn, x.phase, x.seat, x.author, x.text])).toEqual([
      [0, 0, 'lobby', 'ann', 'Ann', 'I share if you hunt forward'],
      [1, 1, 'briefing', 'bob', 'Bo', 'Deal'],
    ]);
    const ended = apply(game, m, control({ type: 'end', reason: 'done' }));
    expect(refused(game, ended, chat('ann', 'coalition', 'late')).code).toBe('match-ended');
  });

  it('refuses what a seat may not post, and bad text, each with its code', () => {
    expect(refused(game, lobby, chat('cy', 'pair:ann|bob', 'eavesdrop')).code).toBe('not-in-channel');
    expect(refused(game, lobby, chat('ann', 'pair:bob|ann', 'x')).code).toBe('unknown-channel');
    expect(refused(game, lobby, chat('ann', 'coalition', ' padded ')).code).toBe('bad-message');
    expect(refused(game, lobby, chat('ann', 'coalition', 'x'.repeat(MAX_CHAT_TEXT + 1))).code).toBe('bad-message');
    expect(refused(game, lobby, chat('ann', 'coalition', 'bell\u0007')).code).toBe('bad-message');
    expect(apply(game, lobby, chat('ann', 'coalition', 'x'.repeat(MAX_CHAT_TEXT))).chat?.messages).toHaveLength(1);
  });

  it('a muted person is refused until unmuted; others on the seat still talk', () => {
    const muted = apply(game, lobby, { at: 0, kind: 'moderate', action: { type: 'mute', seat: s('ann'), name: 'Ann', muted: true } });
    expect(refused(game, muted, chat('ann', 'coalition', 'hello')).code).toBe('muted');
    expect(apply(game, muted, chat('ann', 'coalition', 'hello', 'Annette')).chat?.messages).toHaveLength(1);
    const back = apply(game, muted, { at: 0, kind: 'moderate', action: { type: 'mute', seat: s('ann'), name: 'Ann', muted: false } });
    expect(apply(game, back, chat('ann', 'coalition', 'hello')).chat?.messages).toHaveLength(1);
    expect(refused(game, lobby, { at: 0, kind: 'moderate', action: { type: 'mute', seat: s('zed'), name: 'Z', muted: true } }).code).toBe('unknown-seat');
  });

  it('a hidden message keeps its place: players see it without text, the facilitator sees it marked', () => {
    const m = apply(game, lobby, chat('ann', 'coalition', '<b>rude</b>'), chat('bob', 'coalition', 'calm down', 'Bo'), { at: 0, kind: 'moderate', action: { type: 'hide', id: 0, hidden: true } });
    const seatsOf = game.seats(m.state);
    expect(chatFor(m.chat, seatsOf, s('bob')).map((x) => [x.id, x.hidden, x.text])).toEqual([
      [0, true, ''],
      [1, false, 'calm down'],
    ]);
    expect(chatFor(m.chat, seatsOf, 'facilitator')[0]).toMatchObject({ id: 0, hidden: true, text: '<b>rude</b>' });
    expect(refused(game, m, { at: 0, kind: 'moderate', action: { type: 'hide', id: 9, hidden: true } }).code).toBe('unknown-message');
  });

  it('"view as" a seat gives exactly the channels it had', () => {
    const m = apply(game, lobby, chat('ann', 'pair:ann|bob', 'secret'), chat('cy', 'direct:cy', 'help', 'Cy'), chat('bob', 'coalition', 'all', 'Bo'));
    const seatsOf = game.seats(m.state);
    expect(chatFor(m.chat, seatsOf, s('cy')).map((x) => x.text)).toEqual(['help', 'all']);
    expect(chatFor(m.chat, seatsOf, s('ann')).map((x) => x.text)).toEqual(['secret', 'all']);
    expect(chatFor(m.chat, seatsOf, 'observer')).toEqual([]);
  });

  it('the AAR finds the exchange that led to a linked share', () => {
    const link = { kind: 'share' as const, ref: 'o-abc' };
    const m = apply(
      game,
      lobby,
      chat('ann', 'pair:ann|bob', 'Dual-key share if you hunt forward?'),
      chat('bob', 'coalition', 'elsewhere', 'Bo'),
      chat('bob', 'pair:ann|bob', 'Agreed', 'Bo'),
      { at: 0, kind: 'chat', seat: s('ann'), author: 'Ann', channel: 'pair:ann|bob', text: 'Share offered', link },
    );
    const [linked] = linkedMessages(m.chat, 'share', 'o-abc');
    expect(linked?.id).toBe(3);
    expect(exchangeBefore(m.chat, 3).map((x) => x.text)).toEqual(['Dual-key share if you hunt forward?', 'Agreed', 'Share offered']);
  });
});

describe('records with chat', () => {
  const scenario = findScenario('baltic-shield');
  if (!scenario) throw new Error('no baltic-shield');

  it('replay of a record with chat gives the same chat, and bad chat entries are refused with their index', () => {
    const entries: LogEntry<unknown>[] = [
      { at: 1, kind: 'chat', seat: s('aldoria'), author: 'Ann', channel: 'pair:aldoria|brennmark', text: 'share?' },
      { at: 2, kind: 'control', action: { type: 'start' } },
      { at: 3, kind: 'chat', seat: 'facilitator', author: 'White', channel: 'broadcast', text: 'Turn 1 begins' },
      { at: 4, kind: 'moderate', action: { type: 'hide', id: 0, hidden: true } },
    ];
    const record = { format: 1, ruleset: 'cyber-alliance', scenario: { id: scenario.id, version: scenario.version }, seed: 3, entries };
    const parsed = parseRecord(JSON.parse(JSON.stringify(record)));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const r = replay(cyberAlliance, scenario, parsed.value);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.match.chat?.messages.map((x) => [x.id, x.channel, x.hidden])).toEqual([
      [0, 'pair:aldoria|brennmark', true],
      [1, 'broadcast', false],
    ]);
    let live: Match<unknown, unknown> = createMatch(cyberAlliance, scenario, 3);
    live = apply(cyberAlliance, live, ...(entries as LogEntry<never>[]));
    expect(r.match.chat).toEqual(live.chat);

    const bad = parseRecord({ ...record, entries: [...entries, { at: 5, kind: 'chat', seat: 'aldoria', author: 'Ann', channel: 'coalition', text: 'x'.repeat(501) }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-record' } });
    expect(bad.ok ? '' : bad.error.message).toContain('entries.4.text');
    const eaves = replay(cyberAlliance, scenario, { ...parsed.value, entries: [...parsed.value.entries, { at: 5, kind: 'chat', seat: s('corvania'), author: 'Eve', channel: 'pair:aldoria|brennmark', text: 'hi' }] });
    expect(eaves).toMatchObject({ ok: false, error: { index: 4, code: 'not-in-channel' } });
  });
});
