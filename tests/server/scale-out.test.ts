import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MatchSession } from '../../client/net/session.ts';
import type { MatchRecord } from '../../shared/engine/match.ts';
import type { JoinOptions, Reply } from '../../shared/protocol/common.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import type { MatchSummary } from '../../server/store/store.ts';
import { codeOf, createMatch, organizerAuth } from './harness.ts';
import { freePort, getJson, killAllServerProcesses, startServerProcess, statusLog, until, type ServerProcess } from './processes.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (map: any): any[] => (map ? [...map.values()] : []);
const state = (s: MatchSession): any => s.state;

const REDIS_URL = process.env.REDIS_URL;
const DATABASE_URL = process.env.DATABASE_URL;
const SKIPPED = 'scale-out over Redis — skipped: REDIS_URL not set (e.g. REDIS_URL=redis://127.0.0.1:6379)';
// The default reporter shows only a count of skipped tests; say why, where it will be seen.
if (!REDIS_URL) console.warn(SKIPPED);

async function must(reply: Promise<Reply>): Promise<Reply> {
  const r = await reply;
  if (!r.ok) throw new Error(`refused: ${r.code}: ${r.message}`);
  return r;
}

/** An empty Redis logical database (1–15), claimed for this file; flushed afterwards. */
async function claimRedisDb(url: string): Promise<{ url: string; redis: Redis }> {
  const dbs = Array.from({ length: 15 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
  for (const db of dbs) {
    const u = new URL(url);
    u.pathname = `/${db}`;
    const redis = new Redis(u.toString(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    if ((await redis.dbsize()) === 0 && (await redis.set('sovereign-effects:test-claim', '1', 'NX')) === 'OK') return { url: u.toString(), redis };
    redis.disconnect();
  }
  throw new Error('no empty Redis database among 1–15 to run the scale-out test in');
}

/** The room listing the Redis driver holds for a match. */
async function listing(redis: Redis, matchId: string): Promise<{ processId: string; publicAddress: string } | null> {
  const raw = await redis.hget('roomcaches', matchId);
  return raw ? (JSON.parse(raw) as { processId: string; publicAddress: string }) : null;
}

/**
 * docs/design.md §8 "several processes behind one address": two real server processes sharing
 * Redis (Colyseus' presence and driver: server/scale-out.ts) and one archive — PostgreSQL when
 * DATABASE_URL is set (a schema of its own, dropped after), else one SQLite file both open.
 * A match's room lives in one process; a client whose requests reach the other one is seated
 * in it; the room is created once even when the first joins reach both processes at once.
 */
describe.skipIf(!REDIS_URL)(REDIS_URL ? `scale-out: two real processes sharing Redis and ${DATABASE_URL ? 'PostgreSQL' : 'one SQLite file'}` : SKIPPED, () => {
  let dir = '';
  const schema = `se_scale_${randomBytes(5).toString('hex')}`;
  const sessions: MatchSession[] = [];
  let redis: Redis | undefined;
  let a: ServerProcess;
  let b: ServerProcess;
  let byAddress: Map<string, ServerProcess>;
  let match: NewMatch;
  let seat: MatchSession;
  /** Addresses of the processes that hosted a room so far. */
  const hosts = new Set<string>();

  const open = async (server: ServerProcess, join: JoinOptions) => {
    const s = await MatchSession.open({ endpoint: server.url, join, backoff: { firstMs: 100, maxMs: 1000 }, reconnectForMs: 3000, rejoinForMs: 30_000 });
    sessions.push(s);
    return s;
  };
  /** The process hosting a match's room and the address it announced, from the shared listing. */
  const host = async (matchId: string): Promise<{ process: ServerProcess; address: string }> => {
    const l = await listing(redis as Redis, matchId);
    const p = l && byAddress.get(l.publicAddress);
    if (!l || !p) throw new Error(`no listing for ${matchId}: ${JSON.stringify(l)}`);
    hosts.add(l.publicAddress);
    return { process: p, address: l.publicAddress };
  };

  beforeAll(async () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined); // the SDK's reconnection chatter
    dir = mkdtempSync(path.join(tmpdir(), 'se-scale-'));
    const claimed = await claimRedisDb(REDIS_URL as string);
    redis = claimed.redis;
    const [portA, portB] = [await freePort(), await freePort()];
    const archive: Record<string, string> = DATABASE_URL ? { DATABASE_URL, DATABASE_SCHEMA: schema } : { DATA_DIR: dir };
    // Colyseus makes a second concurrent joinOrCreate for the same match wait up to 0.5 s for
    // the first to create the room, then create one itself. A negative wait removes that
    // grace, so simultaneous first joins race to create the room — what MatchRoomDriver.insert
    // settles (a room whose match takes longer than 0.5 s to load races the same way).
    const race = { COLYSEUS_MAX_CONCURRENT_CREATE_ROOM_WAIT_TIME: '-1' };
    // A takes the default address (127.0.0.1:PORT); B announces one with a path prefix, the
    // form a proxy routing /<port>/… to each process uses (README "Several processes").
    const addressA = `127.0.0.1:${portA}`;
    const addressB = `127.0.0.1:${portB}/${portB}`;
    [a, b] = await Promise.all([
      startServerProcess(portA, { ...archive, REDIS_URL: claimed.url, ...race }),
      startServerProcess(portB, { ...archive, REDIS_URL: claimed.url, PUBLIC_ADDRESS: addressB, ...race }),
    ]);
    byAddress = new Map([
      [addressA, a],
      [addressB, b],
    ]);
    expect(a.output()).toContain(`connect to ${addressA}`);
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await killAllServerProcesses();
    if (redis) {
      await redis.flushdb().catch(() => undefined);
      redis.disconnect();
    }
    if (DATABASE_URL) {
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it("a seat whose requests reach the other process lands in the room: it sees the facilitator's start, the facilitator sees its order", async () => {
    match = await createMatch(a.url, { scenario: 'baltic-shield', seed: 3, planningSeconds: 1800 });
    const { matchId } = match;
    const fac = await open(a, { matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    const home = await host(matchId);
    const other = home.process === a ? b : a;
    expect(fac.room?.connection.url?.startsWith(`ws://${home.address}/`)).toBe(true);
    await must(fac.send('setBot', { seat: 'corvania', bot: true }));
    await must(fac.send('setBot', { seat: 'duvessa', bot: true }));
    await must(fac.send('startMatch'));

    const ana = await open(other, { matchId, code: codeOf(match, 'aldoria'), name: 'Ana' });
    seat = ana;
    // Matchmaking went through `other`; the socket went to the process hosting the room.
    expect(ana.room?.connection.url?.startsWith(`ws://${home.address}/`)).toBe(true);
    await until(() => state(ana).phase === 'briefing', 5000, 'the seat sees the start');
    await until(() => state(fac).seats.get('aldoria').players.includes('Ana'), 5000, 'the facilitator sees the seat');
    expect([...state(ana).privates.keys()]).toEqual(['aldoria']);

    await must(fac.send('advancePhase'));
    await until(() => state(ana).phase === 'planning', 5000, 'planning');
    await must(ana.send('submitOrder', { order: { type: 'defend', network: 'ald-mod', action: 'harden' } }));
    await until(() => values(state(fac).god.orders).some((o) => o.seat === 'aldoria' && o.type === 'defend'), 5000, 'the facilitator sees the order');
    expect(values(state(ana).privates.get('aldoria').orders).map((o) => o.type)).toEqual(['defend']);
  });

  it('both processes list the match, and the archive holds one log of it', async () => {
    const { matchId } = match;
    const [listA, listB] = await Promise.all([a, b].map((p) => getJson<{ matches: MatchSummary[] }>(`${p.url}/api/matches`, organizerAuth())));
    for (const list of [listA, listB]) expect(list?.matches.find((m) => m.id === matchId)).toMatchObject({ phase: 'planning', turn: 1 });
    const auth = { authorization: `Bearer ${match.facilitatorToken}` };
    const [recA, recB] = await Promise.all([a, b].map((p) => getJson<MatchRecord<unknown>>(`${p.url}/api/matches/${matchId}/record`, auth)));
    expect(recB).toEqual(recA);
    const fac = sessions[0] as MatchSession;
    await until(() => state(fac).god.applied === recA?.entries.length, 5000, 'the facilitator has applied the whole log');

    // One archive: a single row for the match and one contiguous log, whichever process wrote.
    let rows: { matches: number; entries: number; maxIdx: number };
    if (DATABASE_URL) {
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      const m = await c.query(`SELECT count(*)::int AS n FROM "${schema}".matches WHERE id = $1`, [matchId]);
      const e = await c.query(`SELECT count(*)::int AS n, max(idx)::int AS max FROM "${schema}".entries WHERE match_id = $1`, [matchId]);
      await c.end();
      rows = { matches: m.rows[0].n, entries: e.rows[0].n, maxIdx: e.rows[0].max };
    } else {
      const db = new DatabaseSync(path.join(dir, 'matches.sqlite'), { readOnly: true });
      const m = db.prepare('SELECT count(*) AS n FROM matches WHERE id = ?').get(matchId) as { n: number };
      const e = db.prepare('SELECT count(*) AS n, max(idx) AS max FROM entries WHERE match_id = ?').get(matchId) as { n: number; max: number };
      db.close();
      rows = { matches: m.n, entries: e.n, maxIdx: e.max };
    }
    expect(rows).toEqual({ matches: 1, entries: recA?.entries.length, maxIdx: (recA?.entries.length ?? 0) - 1 });
  });

  it('first joins reaching both processes at the same moment make one room per match', async () => {
    for (let round = 0; round < 8; round++) {
      const m = await createMatch((round % 2 ? a : b).url, { scenario: 'baltic-shield', seed: 10 + round });
      const [fac, ben] = await Promise.all([
        open(a, { matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' }),
        open(b, { matchId: m.matchId, code: codeOf(m, 'brennmark'), name: 'Ben' }),
      ]);
      // Two rooms would each see only their own client.
      await until(() => state(fac).seats.get('brennmark').connected === 1, 5000, `round ${round}: the facilitator sees Ben`);
      await must(fac.send('startMatch'));
      await until(() => state(ben).phase === 'briefing', 5000, `round ${round}: Ben sees the start`);
      const home = await host(m.matchId);
      for (const s of [fac, ben]) expect(s.room?.connection.url?.startsWith(`ws://${home.address}/`)).toBe(true);
      await Promise.all([fac.close(), ben.close()]);
    }
    // Matchmaking puts a new room on the process with the fewest: both addresses, the default
    // and the one with a path prefix, have carried a room's WebSocket by now.
    expect(hosts.size).toBe(2);
  });

  it('when the process hosting a room dies, a session whose requests reach the survivor rejoins there: the room is rebuilt from the shared archive', async () => {
    const { matchId } = match;
    const home = await host(matchId);
    const survivor = home.process === a ? b : a;
    const seen = statusLog(seat);
    await home.process.kill();
    await until(() => seat.status === 'connected' && seen.includes('rejoining'), 30_000, 'the seat is back');
    expect(seen).toEqual(['reconnecting', 'rejoining', 'connected']);
    const now = await host(matchId);
    expect(now.process).toBe(survivor);
    expect(seat.room?.connection.url?.startsWith(`ws://${now.address}/`)).toBe(true);
    await until(() => state(seat).phase === 'planning', 5000, 'state after the rejoin');
    expect(state(seat).turn).toBe(1);
    expect(values(state(seat).privates.get('aldoria').orders).map((o) => o.type)).toEqual(['defend']);
    await must(seat.send('setReady', { ready: true }));
    await until(() => state(seat).seats.get('aldoria').ready, 5000, 'ready');
    const list = await getJson<{ matches: MatchSummary[] }>(`${survivor.url}/api/matches`, organizerAuth());
    expect(list.matches.find((m) => m.id === matchId)).toMatchObject({ phase: 'planning', turn: 1 });
  });
});
