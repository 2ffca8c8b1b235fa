/**
 * The MatchStore contract (server/store/store.ts), run against both archives:
 * SQLite always (a temp file), PostgreSQL when DATABASE_URL is set (a schema of its own per
 * test, dropped afterwards). SQLite's crash test is store.durability.test.ts; the codes, tokens
 * and openStore are store.helpers.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/engine/match.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { PostgresStore } from '../../server/store/postgres.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { StoreConflict, type MatchStore, type OrganizerRecord } from '../../server/store/store.ts';
import type { CommitStats } from '../../server/store/group-commit.ts';
import { hashToken, newJoinCode } from '../../server/store/index.ts';
import { aMatch } from './fixtures/a-match.ts';

/** Where a store keeps its data: every `open()` is a new store (new connection) on the same archive. */
interface Backing {
  open(): MatchStore;
  dispose(): Promise<void>;
}

let serial = 0;
const seat = (id: string) => id as SeatId;

function anOrganizer(name: string, createdAt: number): OrganizerRecord {
  return { id: `org-${++serial}-${randomBytes(3).toString('hex')}`, name, keyHash: hashToken(`key of ${name} ${randomBytes(8).toString('hex')}`), sessionSecret: randomBytes(16).toString('hex'), createdAt };
}

/** A log exercising every entry kind, nesting, null, unicode and key order. */
const LOG: LogEntry<unknown>[] = [
  { at: 1, kind: 'control', action: { type: 'start' } },
  { at: 2, kind: 'control', action: { type: 'openPlanning' } },
  { at: 3, kind: 'input', seat: seat('blue'), input: { type: 'operate', target: 'red', ops: [{ z: 1, a: [1.5, -2, 0] }], note: 'Ünïcødé – “quotes” 🛰️' } },
  { at: 4, kind: 'ready', seat: seat('blue'), ready: true },
  { at: 5, kind: 'audit', action: 'kick', detail: { seat: 'red', by: 'facilitator', reason: null, rejoin: false } },
  { at: 6, kind: 'input', seat: 'facilitator', input: { type: 'inject', payload: { nested: { deep: [null, true, 'x'] } } } },
  { at: 7, kind: 'control', action: { type: 'closePlanning', reason: 'all-ready' } },
];

function isPlain(x: unknown): boolean {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

async function settle(promises: Promise<void>[]): Promise<{ won: number; conflicts: number; other: unknown[] }> {
  const results = await Promise.allSettled(promises);
  const won = results.filter((r) => r.status === 'fulfilled').length;
  const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const conflicts = rejected.filter((e) => e instanceof StoreConflict).length;
  return { won, conflicts, other: rejected.filter((e) => !(e instanceof StoreConflict)) };
}

/** THE contract: every MatchStore must pass this. */
function matchStoreContract(name: string, makeBacking: () => Promise<Backing>, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip ?? false)(name, () => {
    let backing: Backing;
    let opened: MatchStore[];

    /** A new, initialised store on this test's archive. */
    async function open(): Promise<MatchStore> {
      const store = backing.open();
      opened.push(store);
      await store.init();
      return store;
    }

    beforeEach(async () => {
      opened = [];
      backing = await makeBacking();
    });
    afterEach(async () => {
      for (const s of opened) await s.close();
      await backing.dispose();
    });

    it('init is idempotent, and a second store can init the same archive', async () => {
      const a = await open();
      await a.init();
      const b = await open();
      expect(await b.listMatches()).toEqual([]);
    });

    it('creates a match and reads back its meta (codes in order, observer seat null) as plain objects', async () => {
      const store = await open();
      const { meta, summary } = aMatch();
      await store.createMatch(meta, summary);
      const got = await store.getMatch(meta.id);
      expect(got).toStrictEqual(meta);
      expect(isPlain(got)).toBe(true);
      expect(got?.codes.every(isPlain)).toBe(true);
      expect(got?.codes.at(-1)?.seat).toBeNull();
    });

    it('resolves join codes to match and seat; the observer code to seat null; an unknown code to null', async () => {
      const store = await open();
      const one = aMatch();
      const two = aMatch();
      await store.createMatch(one.meta, one.summary);
      await store.createMatch(two.meta, two.summary);
      for (const { meta } of [one, two]) {
        for (const c of meta.codes) {
          const found = await store.findCode(c.code);
          expect(found).toStrictEqual({ matchId: meta.id, seat: c.seat });
          expect(isPlain(found)).toBe(true);
        }
      }
      expect(await store.findCode('NOSUCH')).toBeNull();
      expect(await store.findCode('')).toBeNull();
    });

    it('replaces a seat code and the observer code: the old code stops working, a taken code is refused', async () => {
      const store = await open();
      const { meta, summary } = aMatch();
      await store.createMatch(meta, summary);
      const seatCode = meta.codes.find((c) => c.seat !== null)!;
      const observer = meta.codes.find((c) => c.seat === null)!;
      const fresh = newJoinCode();
      await store.replaceCode(meta.id, seatCode.seat, fresh);
      expect(await store.findCode(seatCode.code)).toBeNull();
      expect(await store.findCode(fresh)).toStrictEqual({ matchId: meta.id, seat: seatCode.seat });
      const freshObserver = newJoinCode();
      await store.replaceCode(meta.id, null, freshObserver);
      expect(await store.findCode(observer.code)).toBeNull();
      expect(await store.findCode(freshObserver)).toStrictEqual({ matchId: meta.id, seat: null });
      await expect(store.replaceCode(meta.id, seatCode.seat, freshObserver)).rejects.toBeInstanceOf(StoreConflict);
      await expect(store.replaceCode(meta.id, 'no-such-seat', newJoinCode())).rejects.toThrow(/no seat/);
      expect((await store.getMatch(meta.id))!.codes.find((c) => c.seat === seatCode.seat)!.code).toBe(fresh);
    });

    it('refuses a duplicate match id or join code with StoreConflict, writing nothing', async () => {
      const store = await open();
      const first = aMatch();
      await store.createMatch(first.meta, first.summary);
      await expect(store.createMatch(first.meta, first.summary)).rejects.toBeInstanceOf(StoreConflict);

      const clash = aMatch();
      const stolen = first.meta.codes[0]!.code;
      const meta = { ...clash.meta, codes: [{ code: newJoinCode(), seat: 'blue' }, { code: stolen, seat: 'red' }] };
      await expect(store.createMatch(meta, clash.summary)).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.getMatch(meta.id)).toBeNull();
      expect(await store.findCode(meta.codes[0]!.code)).toBeNull();
      expect(await store.findCode(stolen)).toStrictEqual({ matchId: first.meta.id, seat: first.meta.codes[0]!.seat });
      expect((await store.listMatches()).map((m) => m.id)).toEqual([first.meta.id]);
    });

    it('appends in order and reads the log back equal, in order, byte for byte', async () => {
      const store = await open();
      const { meta, summary } = aMatch();
      await store.createMatch(meta, summary);
      for (const [i, e] of LOG.entries()) await store.append(meta.id, i, e);
      const got = await store.entries(meta.id);
      expect(got).toStrictEqual(LOG);
      expect(JSON.stringify(got)).toBe(JSON.stringify(LOG)); // key order kept too
      expect(got.every(isPlain)).toBe(true);
    });

    it('keeps each match its own log', async () => {
      const store = await open();
      const a = aMatch();
      const b = aMatch();
      await store.createMatch(a.meta, a.summary);
      await store.createMatch(b.meta, b.summary);
      await store.append(a.meta.id, 0, LOG[0]!);
      await store.append(b.meta.id, 0, LOG[1]!);
      await store.append(a.meta.id, 1, LOG[2]!);
      expect(await store.entries(a.meta.id)).toStrictEqual([LOG[0], LOG[2]]);
      expect(await store.entries(b.meta.id)).toStrictEqual([LOG[1]]);
    });

    it('rejects an append at a wrong index with StoreConflict and writes nothing', async () => {
      const store = await open();
      const { meta, summary } = aMatch();
      await store.createMatch(meta, summary);
      await expect(store.append(meta.id, 1, LOG[0]!)).rejects.toBeInstanceOf(StoreConflict); // gap at the start
      expect(await store.entries(meta.id)).toEqual([]);
      await store.append(meta.id, 0, LOG[0]!);
      await store.append(meta.id, 1, LOG[1]!);
      await expect(store.append(meta.id, 1, LOG[2]!)).rejects.toBeInstanceOf(StoreConflict); // taken
      await expect(store.append(meta.id, 0, LOG[2]!)).rejects.toBeInstanceOf(StoreConflict); // taken
      await expect(store.append(meta.id, 3, LOG[2]!)).rejects.toBeInstanceOf(StoreConflict); // gap
      expect(await store.entries(meta.id)).toStrictEqual([LOG[0], LOG[1]]);
      await store.append(meta.id, 2, LOG[2]!); // the right index still works afterwards
      expect(await store.entries(meta.id)).toStrictEqual(LOG.slice(0, 3));
    });

    it('refuses appends to a match that does not exist (not a conflict) and bad indices', async () => {
      const store = await open();
      await expect(store.append('no-such-match', 0, LOG[0]!)).rejects.toThrow(/no match/);
      await expect(store.append('no-such-match', 3, LOG[0]!)).rejects.toThrow(/no match/);
      const { meta, summary } = aMatch();
      await store.createMatch(meta, summary);
      await expect(store.append(meta.id, -1, LOG[0]!)).rejects.toBeInstanceOf(RangeError);
      await expect(store.append(meta.id, 0.5, LOG[0]!)).rejects.toBeInstanceOf(RangeError);
      expect(await store.entries(meta.id)).toEqual([]);
    });

    it('writes the appends of many matches made in one loop turn in one transaction, each in order', async () => {
      const store = (await open()) as MatchStore & { commitStats: CommitStats };
      const matches = [aMatch(), aMatch(), aMatch(), aMatch()];
      for (const m of matches) await store.createMatch(m.meta, m.summary);
      const before = store.commitStats.batches;
      await Promise.all(matches.flatMap((m) => [store.appendAll(m.meta.id, 0, LOG.slice(0, 2)), store.appendAll(m.meta.id, 2, LOG.slice(2, 4)), store.updateSummary(m.meta.id, { phase: 'planning', turn: 1, seatsFilled: 1, updatedAt: 9 })]));
      expect(store.commitStats.batches - before).toBe(1);
      for (const m of matches) expect(await store.entries(m.meta.id)).toStrictEqual(LOG.slice(0, 4));
    });

    it('refuses a conflicting append alone: the other writes of its transaction commit', async () => {
      const store = await open();
      const a = aMatch();
      const b = aMatch();
      await store.createMatch(a.meta, a.summary);
      await store.createMatch(b.meta, b.summary);
      const r = await Promise.allSettled([store.append(a.meta.id, 0, LOG[0]!), store.append(b.meta.id, 5, LOG[1]!), store.append(a.meta.id, 1, LOG[2]!)]);
      expect(r.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((r[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflict);
      expect(await store.entries(a.meta.id)).toStrictEqual([LOG[0], LOG[2]]);
      expect(await store.entries(b.meta.id)).toEqual([]);
    });

    it('lets exactly one of two concurrent appends at the same index succeed', async () => {
      const store = await open();
      const { meta, summary } = aMatch();
      await store.createMatch(meta, summary);
      for (let i = 0; i < 10; i++) {
        const r = await settle([store.append(meta.id, i, LOG[0]!), store.append(meta.id, i, LOG[1]!)]);
        expect(r).toEqual({ won: 1, conflicts: 1, other: [] });
      }
      expect(await store.entries(meta.id)).toHaveLength(10);
    });

    it('keeps one log when two stores on the same archive race (as two server processes would)', async () => {
      const a = await open();
      const b = await open();
      const { meta, summary } = aMatch();
      await a.createMatch(meta, summary);
      const winners: LogEntry<unknown>[] = [];
      for (let i = 0; i < 20; i++) {
        const fromA: LogEntry<unknown> = { at: i, kind: 'input', seat: seat('blue'), input: { from: 'a', i } };
        const fromB: LogEntry<unknown> = { at: i, kind: 'input', seat: seat('red'), input: { from: 'b', i } };
        const results = await Promise.allSettled([a.append(meta.id, i, fromA), b.append(meta.id, i, fromB), a.append(meta.id, i, fromA)]);
        const won = results.flatMap((r, k) => (r.status === 'fulfilled' ? [k === 1 ? fromB : fromA] : []));
        expect(won).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StoreConflict);
        winners.push(won[0]!);
      }
      expect(await a.entries(meta.id)).toStrictEqual(winners);
      expect(await b.entries(meta.id)).toStrictEqual(winners);
    });

    it('saves turn snapshots and lists them by turn; saving a turn again replaces it', async () => {
      const store = await open();
      const { meta, summary } = aMatch();
      await store.createMatch(meta, summary);
      expect(await store.turns(meta.id)).toEqual([]);
      const s2 = { turn: 2, entries: 14, state: { nations: [{ id: 'red', score: 3 }], flags: { z: true, a: null } } };
      const s1 = { turn: 1, entries: 6, state: { nations: [{ id: 'red', score: 1 }], flags: {} } };
      await store.saveTurn(meta.id, s2);
      await store.saveTurn(meta.id, s1);
      expect(await store.turns(meta.id)).toStrictEqual([s1, s2]);
      const s1b = { turn: 1, entries: 7, state: 'replaced' };
      await store.saveTurn(meta.id, s1b);
      const got = await store.turns(meta.id);
      expect(got).toStrictEqual([s1b, s2]);
      expect(got.every(isPlain)).toBe(true);
      await expect(store.saveTurn('no-such-match', s1)).rejects.toThrow(/no match/);
    });

    it('updates summaries and lists matches newest first', async () => {
      const store = await open();
      const old = aMatch(1_000);
      const mid = aMatch(2_000, ['blue', 'red', 'green']);
      const recent = aMatch(3_000);
      for (const m of [mid, recent, old]) await store.createMatch(m.meta, m.summary);
      await store.updateSummary(old.meta.id, { phase: 'planning', turn: 2, seatsFilled: 2, updatedAt: 9_000 });
      const list = await store.listMatches();
      expect(list.map((m) => m.id)).toEqual([recent.meta.id, mid.meta.id, old.meta.id]);
      expect(list.every(isPlain)).toBe(true);
      expect(list[2]).toStrictEqual({
        id: old.meta.id,
        scenarioId: 'grey-meridian',
        scenarioVersion: '1.2.0',
        createdAt: 1_000,
        updatedAt: 9_000,
        phase: 'planning',
        turn: 2,
        seatsFilled: 2,
        seatsTotal: 2,
      });
      expect(list[1]).toMatchObject({ phase: 'lobby', turn: 0, seatsFilled: 0, seatsTotal: 3, updatedAt: 2_000 });
      await expect(store.updateSummary('no-such-match', { phase: 'x', turn: 0, seatsFilled: 0, updatedAt: 0 })).rejects.toThrow(/no match/);
    });

    it('keeps everything across close and reopen', async () => {
      const first = await open();
      const { meta, summary } = aMatch();
      await first.createMatch(meta, summary);
      for (const [i, e] of LOG.entries()) await first.append(meta.id, i, e);
      await first.saveTurn(meta.id, { turn: 1, entries: LOG.length, state: { ok: true } });
      await first.updateSummary(meta.id, { phase: 'debrief', turn: 1, seatsFilled: 2, updatedAt: 5 });
      await first.close();
      await first.close(); // closing twice is harmless

      const again = await open();
      expect(await again.getMatch(meta.id)).toStrictEqual(meta);
      expect(await again.findCode(meta.codes[1]!.code)).toStrictEqual({ matchId: meta.id, seat: meta.codes[1]!.seat });
      expect(await again.entries(meta.id)).toStrictEqual(LOG);
      expect(await again.turns(meta.id)).toStrictEqual([{ turn: 1, entries: LOG.length, state: { ok: true } }]);
      expect(await again.listMatches()).toStrictEqual([
        { id: meta.id, scenarioId: meta.scenarioId, scenarioVersion: meta.scenarioVersion, createdAt: meta.createdAt, updatedAt: 5, phase: 'debrief', turn: 1, seatsFilled: 2, seatsTotal: 2 },
      ]);
      await again.append(meta.id, LOG.length, LOG[0]!); // and the log goes on where it stopped
      await expect(again.append(meta.id, LOG.length, LOG[0]!)).rejects.toBeInstanceOf(StoreConflict);
    });

    it('saves annotations with the match, lists them by turn, time and id, deletes one, and keeps them across reopen', async () => {
      const store = await open();
      const { meta, summary } = aMatch();
      const other = aMatch();
      await store.createMatch(meta, summary);
      await store.createMatch(other.meta, other.summary);
      const late = { id: 'b', turn: 3, text: 'Why did Aldoria decline? “sovereign” – 🛰️ <b>', at: 1_763_790_000_000, author: 'White Cell' };
      const early = { id: 'z', turn: 1, text: 'Three shares at once.', at: 1_763_790_000_500, author: null };
      const sameTurn = { id: 'a', turn: 3, text: 'Same moment, ordered by id.', at: 1_763_790_000_000, author: null };
      await store.addAnnotation(meta.id, late);
      await store.addAnnotation(meta.id, { id: 'z', turn: 1, text: 'Three shares at once.', at: 1_763_790_000_500 });
      await store.addAnnotation(meta.id, sameTurn);
      await store.addAnnotation(other.meta.id, { ...late, text: 'another match' });
      const got = await store.annotations(meta.id);
      expect(got).toStrictEqual([early, sameTurn, late]);
      expect(got.every(isPlain)).toBe(true);
      await expect(store.addAnnotation(meta.id, { ...late, text: 'again' })).rejects.toBeInstanceOf(StoreConflict);
      await expect(store.addAnnotation('no-such-match', early)).rejects.toThrow(/no match/);
      expect(await store.deleteAnnotation(meta.id, 'a')).toBe(true);
      expect(await store.deleteAnnotation(meta.id, 'a')).toBe(false);
      expect(await store.deleteAnnotation(meta.id, 'nothing')).toBe(false);
      expect(await store.deleteAnnotation(meta.id, 'b')).toBe(true);
      expect(await store.annotations(meta.id)).toStrictEqual([early]);
      expect(await store.annotations(other.meta.id)).toStrictEqual([{ ...late, text: 'another match' }]);
      await store.close();
      const again = await open();
      expect(await again.annotations(meta.id)).toStrictEqual([early]);
      expect(await again.annotations('no-such-match')).toEqual([]);
    });

    it('keeps the exact scenario text of a match, once, across reopen; a shipped-scenario match has none', async () => {
      const store = await open();
      const { meta, summary } = aMatch();
      const other = aMatch();
      await store.createMatch(meta, summary);
      await store.createMatch(other.meta, other.summary);
      // Odd spacing, key order and characters must come back byte for byte.
      const text = '{\n  "id": "ödland",  "b": 1, "a": [1,2 ,3], "t": "“quoted” <b> 🛰️"\n}\n';
      await store.saveScenario(meta.id, text);
      expect(await store.scenarioContent(meta.id)).toBe(text);
      expect(await store.scenarioContent(other.meta.id)).toBeNull();
      await expect(store.saveScenario(meta.id, '{}')).rejects.toBeInstanceOf(StoreConflict);
      await expect(store.saveScenario('no-such-match', text)).rejects.toThrow(/no match/);
      await store.close();
      const again = await open();
      expect(await again.scenarioContent(meta.id)).toBe(text);
      expect(await again.scenarioContent('no-such-match')).toBeNull();
    });

    it('adds organizers, finds them by id and key hash, refuses a taken id, name or key, and lists them oldest first', async () => {
      const store = await open();
      const ann = anOrganizer('Ann', 10);
      const bob = anOrganizer('Bob', 20);
      await store.addOrganizer(bob);
      await store.addOrganizer(ann);
      expect(await store.organizerById(ann.id)).toStrictEqual(ann);
      expect(isPlain(await store.organizerById(ann.id))).toBe(true);
      expect(await store.organizerByKeyHash(bob.keyHash)).toStrictEqual(bob);
      expect(await store.organizerById('nobody')).toBeNull();
      expect(await store.organizerByKeyHash(hashToken('no key'))).toBeNull();
      for (const clash of [{ ...anOrganizer('Other', 30), id: ann.id }, { ...anOrganizer('Other', 30), name: 'Ann' }, { ...anOrganizer('Other', 30), keyHash: ann.keyHash }]) {
        await expect(store.addOrganizer(clash)).rejects.toBeInstanceOf(StoreConflict);
      }
      expect((await store.listOrganizers()).map((o) => o.name)).toEqual(['Ann', 'Bob']);
      const again = await open();
      expect(await again.organizerById(bob.id)).toStrictEqual(bob);
    });

    it('gives an organizer a new key and session secret; the old key no longer finds it; a key another has is refused', async () => {
      const store = await open();
      const ann = anOrganizer('Ann', 10);
      const bob = anOrganizer('Bob', 20);
      await store.addOrganizer(ann);
      await store.addOrganizer(bob);
      const fresh = hashToken('new key for Ann');
      expect(await store.setOrganizerKey(ann.id, fresh, 'new-secret')).toBe(true);
      expect(await store.organizerByKeyHash(ann.keyHash)).toBeNull();
      expect(await store.organizerByKeyHash(fresh)).toMatchObject({ id: ann.id, sessionSecret: 'new-secret' });
      await expect(store.setOrganizerKey(ann.id, bob.keyHash, 'x')).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.setOrganizerKey('nobody', hashToken('k'), 'x')).toBe(false);
    });

    it('uses a one-time sign-in token once, never after it expires, and drops expired ones', async () => {
      const store = await open();
      const ann = anOrganizer('Ann', 10);
      await store.addOrganizer(ann);
      await store.addSignIn(hashToken('one'), ann.id, 2_000, 1_000);
      await store.addSignIn(hashToken('late'), ann.id, 1_500, 1_000);
      expect(await store.takeSignIn(hashToken('one'), 1_200)).toBe(ann.id);
      expect(await store.takeSignIn(hashToken('one'), 1_200)).toBeNull();
      expect(await store.takeSignIn(hashToken('late'), 1_600)).toBeNull();
      expect(await store.takeSignIn(hashToken('never'), 1_000)).toBeNull();
      // Two stores taking the same token at once (two processes): exactly one gets it.
      await store.addSignIn(hashToken('race'), ann.id, 9_000, 1_000);
      const other = await open();
      const got = await Promise.all([store.takeSignIn(hashToken('race'), 2_000), other.takeSignIn(hashToken('race'), 2_000)]);
      expect(got.filter((x) => x === ann.id)).toHaveLength(1);
    });

    it('keeps a match’s organizer, lists and counts an organizer’s matches newest first, a page at a time', async () => {
      const store = await open();
      const ann = anOrganizer('Ann', 10);
      const bob = anOrganizer('Bob', 20);
      await store.addOrganizer(ann);
      await store.addOrganizer(bob);
      const anns = [];
      for (let i = 0; i < 5; i++) {
        // Two of them share a creation time: the id orders them.
        const m = aMatch(1_700_000_000_000 + (i < 2 ? 0 : i) * 1000);
        const meta = { ...m.meta, organizerId: ann.id };
        await store.createMatch(meta, m.summary);
        anns.push(meta);
      }
      const bobs = aMatch(1_800_000_000_000);
      await store.createMatch({ ...bobs.meta, organizerId: bob.id }, bobs.summary);
      const orphan = aMatch(1_600_000_000_000);
      await store.createMatch(orphan.meta, orphan.summary);
      expect((await store.getMatch(anns[0]!.id))?.organizerId).toBe(ann.id);
      expect((await store.getMatch(orphan.meta.id))?.organizerId).toBeNull();
      expect(await store.countMatchesOf(ann.id)).toBe(5);
      expect(await store.countMatchesOf(bob.id)).toBe(1);
      const newestFirst = [...anns].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((m) => m.id);
      const seen: string[] = [];
      let after: { createdAt: number; id: string } | undefined;
      for (let page = 0; page < 4; page++) {
        const rows = await store.listMatchesOf(ann.id, { limit: 2, after });
        seen.push(...rows.map((r) => r.id));
        if (rows.length < 2) break;
        const last = rows.at(-1)!;
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).toEqual(newestFirst);
      expect((await store.listMatchesOf(bob.id, { limit: 10 })).map((r) => r.id)).toEqual([bobs.meta.id]);
      expect(await store.listMatchesOf('nobody', { limit: 10 })).toEqual([]);
      // Matches made before organizers existed go to the one that adopts them.
      expect(await store.adoptUnowned(ann.id)).toBe(1);
      expect(await store.countMatchesOf(ann.id)).toBe(6);
      expect(await store.adoptUnowned(ann.id)).toBe(0);
    });

    it('measures its own size in bytes, and the size grows with what it holds', async () => {
      const store = await open();
      const before = await store.archiveBytes();
      expect(before).toBeGreaterThan(0);
      const { meta, summary } = aMatch();
      await store.createMatch(meta, summary);
      // Random text: PostgreSQL compresses a repeated one to almost nothing.
      for (let i = 0; i < 200; i++) await store.append(meta.id, i, { at: 1, kind: 'audit', action: 'pad', detail: { text: randomBytes(3000).toString('base64') } });
      expect(await store.archiveBytes()).toBeGreaterThan(before + 400_000);
    });

    it('knows nothing of a match that does not exist', async () => {
      const store = await open();
      expect(await store.getMatch('no-such-match')).toBeNull();
      expect(await store.entries('no-such-match')).toEqual([]);
      expect(await store.turns('no-such-match')).toEqual([]);
      expect(await store.listMatches()).toEqual([]);
    });
  });
}

// ── SQLite: always ────────────────────────────────────────────────────────────────────────────
matchStoreContract('MatchStore contract: SQLite (node:sqlite, temp file)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'se-store-'));
  const file = path.join(dir, 'matches.sqlite');
  return { open: () => new SqliteStore(file), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

// ── PostgreSQL: when DATABASE_URL is set ─────────────────────────────────────────────────────
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  // The default reporter shows only a count of skipped tests; say why, where it will be seen.
  console.warn('MatchStore contract: PostgreSQL — skipped: DATABASE_URL not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)');
}
matchStoreContract(
  DATABASE_URL ? 'MatchStore contract: PostgreSQL (own schema per test)' : 'MatchStore contract: PostgreSQL — skipped: DATABASE_URL not set',
  async () => {
    const url = DATABASE_URL!;
    const schema = `se_test_${randomBytes(6).toString('hex')}`;
    return {
      open: () => new PostgresStore(url, schema, { max: 4 }),
      dispose: async () => {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await admin.end();
        }
      },
    };
  },
  { skip: !DATABASE_URL },
);
