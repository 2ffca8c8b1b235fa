import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry, MatchRecord } from '../../shared/engine/match.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { createMatch } from './harness.ts';
import { Player } from './player.ts';
import { freePort, getJson, killAllServerProcesses, sleep, startServerProcess, until, type ServerProcess } from './processes.ts';

const MATCHES = 3;
const KILLS = 3;
/** Every batch holds its transaction open this long (fault injection), so a kill lands inside one. */
const COMMIT_DELAY_MS = 40;

interface Ack {
  readonly matchId: string;
  readonly seat: string;
  readonly turn: number;
  readonly capabilityId: string;
  readonly targetSeat: string;
}

/** The turn each input entry was given in: turns start with `start` and `nextTurn`. */
function ordersByTurn(entries: readonly LogEntry<unknown>[]): Set<string> {
  const seen = new Set<string>();
  let turn = 0;
  for (const e of entries) {
    if (e.kind === 'control' && (e.action.type === 'start' || e.action.type === 'nextTurn')) turn += 1;
    if (e.kind === 'input' && e.ready === true) {
      const o = e.input as { capabilityId: string; targetSeat: string };
      seen.add(`${e.seat}|${turn}|${o.capabilityId}|${o.targetSeat}`);
    }
  }
  return seen;
}

/**
 * Group commit and SIGKILL (docs/design.md §8.2): several matches' orders go to disk
 * together, and the process is killed while a batch is on its way — each batch holds its
 * transaction open for a while, so the kill lands in one. After every restart, every order
 * any client heard "ok" for is in the log, at its turn; what was not acknowledged may or may
 * not be there, but the log always replays.
 */
describe('SIGKILL while batches are on their way to disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'se-restart-batch-'));
  const players: Player[] = [];

  afterAll(async () => {
    // Most of these connections died with their process: leaving is bounded.
    await Promise.all(players.map((p) => Promise.race([p.room.leave(true).catch(() => undefined), sleep(1000)])));
    await killAllServerProcesses();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every order acknowledged before a kill is in the log after the restart, over three kills', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dir, SE_TEST_COMMIT_DELAY_MS: String(COMMIT_DELAY_MS) };
    let server: ServerProcess = await startServerProcess(port, env);
    const matches: NewMatch[] = [];
    for (let i = 0; i < MATCHES; i++) matches.push(await createMatch(server.url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed: 100 + i }));
    const acked: Ack[] = [];
    /** Orders sent whose reply the kill cut off: they were waiting on a batch when it came. */
    let cutOff = 0;

    for (let kill = 0; kill < KILLS; kill++) {
      let running = true;
      const loops: Promise<void>[] = [];
      for (const m of matches) {
        const fac = await Player.join(server.url, { matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' });
        players.push(fac);
        await until(() => typeof fac.state?.phase === 'string', 5000, 'the first state');
        if (fac.state.phase === 'lobby') await fac.must('startMatch');
        for (const [i, s] of m.seats.entries()) {
          const p = await Player.join(server.url, { matchId: m.matchId, code: s.code, name: `bot ${s.seat}` });
          players.push(p);
          // One order a turn, paced under the per-client flood limit; the kill cuts it short.
          loops.push(
            (async () => {
              let ordered = 0;
              while (running) {
                const st = p.state;
                if (st?.phase === 'planning' && st.turn > ordered) {
                  const turn = st.turn as number;
                  const caps = [...st.privates.get(s.seat).capabilities.keys()].sort() as string[];
                  const order = { capabilityId: caps[(turn + i) % caps.length] as string, targetSeat: (m.seats[(i + 1) % m.seats.length] as { seat: string }).seat };
                  ordered = turn;
                  const r = await p.ask('submitOrder', { order }, 3000).catch(() => null);
                  if (r?.ok && running) acked.push({ matchId: m.matchId, seat: s.seat, turn, ...order });
                  if (!r) cutOff += 1;
                }
                await sleep(110);
              }
            })(),
          );
        }
      }
      await sleep(1500 + 500 * kill);
      const before = acked.length;
      await server.kill();
      running = false;
      await Promise.all(loops);
      // Only what was acknowledged while the process lived counts.
      acked.splice(before);
      server = await startServerProcess(port, env);
      for (const m of matches) {
        const record = await getJson<MatchRecord<unknown>>(`${server.url}/api/matches/${m.matchId}/record`, { authorization: `Bearer ${m.facilitatorToken}` });
        const kept = ordersByTurn(record.entries);
        const mine = acked.filter((a) => a.matchId === m.matchId);
        for (const a of mine) expect(kept.has(`${a.seat}|${a.turn}|${a.capabilityId}|${a.targetSeat}`), `acked ${JSON.stringify(a)} lost at kill ${kill + 1}`).toBe(true);
      }
    }
    // The kills cut into live play: many orders were acknowledged across several turns each,
    // and some were on their way to disk when a kill came.
    expect(acked.length).toBeGreaterThan(MATCHES * 6 * 3);
    expect(cutOff).toBeGreaterThan(0);
    expect(new Set(acked.map((a) => a.turn)).size).toBeGreaterThan(3);
    // And the rebuilt rooms replay their logs: one more join opens each match.
    for (const m of matches) {
      const p = await Player.join(server.url, { matchId: m.matchId, code: (m.seats[0] as { code: string }).code, name: 'after' });
      players.push(p);
      await until(() => p.state?.phase === 'planning', 5000, `match ${m.matchId} back in planning`);
    }
    console.info(`restart-batch: ${acked.length} orders acknowledged and kept over ${KILLS} kills; ${cutOff} were on their way when a kill came`);
  }, 60_000);
});
