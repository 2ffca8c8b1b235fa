import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '@colyseus/sdk';
import { MatchSession, type SessionOptions } from '../../client/net/session.ts';
import type { MatchRecord } from '../../shared/engine/match.ts';
import type { Reply } from '../../shared/protocol/common.ts';
import { codeOf, createMatch } from './harness.ts';
import { freePort, getJson, killAllServerProcesses, sleep, startServerProcess, statusLog, until, type ServerProcess } from './processes.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (map: any): any[] => (map ? [...map.values()] : []);
const state = (s: MatchSession): any => s.state;

async function must(reply: Promise<Reply>): Promise<Reply> {
  const r = await reply;
  if (!r.ok) throw new Error(`refused: ${r.code}: ${r.message}`);
  return r;
}

/**
 * docs/design.md §7–§8 on a real process: everything acknowledged is in the archive before the
 * reply, a room is rebuilt by replaying the log, and clients (client/net/session.ts) come
 * back by themselves — through the SDK's reconnection when only the connection dropped, by
 * joining again when the server itself restarted.
 */
describe('a real server process: SIGKILL mid-planning and restart', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'se-restart-'));
  const sessions: MatchSession[] = [];

  beforeAll(() => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined); // the SDK's reconnection chatter
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await killAllServerProcesses();
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  const open = async (options: Omit<SessionOptions, 'backoff'>) => {
    const s = await MatchSession.open({ ...options, backoff: { firstMs: 100, maxMs: 1000 } });
    sessions.push(s);
    return s;
  };

  it('the match comes back at the same turn and phase with every order given, and the sessions rejoin on their own', async () => {
    const port = await freePort();
    let server: ServerProcess = await startServerProcess(port, { DATA_DIR: dir });
    const match = await createMatch(server.url, { scenario: 'baltic-shield', seed: 77, planningSeconds: 1800 });
    const { matchId } = match;
    const fac = await open({ endpoint: server.url, join: { matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' } });
    const ana = await open({ endpoint: server.url, join: { matchId, code: codeOf(match, 'aldoria'), name: 'Ana' } });
    const ben = await open({ endpoint: server.url, join: { matchId, code: codeOf(match, 'brennmark'), name: 'Ben' } });
    const joinedAt = Date.now();
    const seen = { fac: statusLog(fac), ana: statusLog(ana), ben: statusLog(ben) };

    await must(fac.send('setBot', { seat: 'corvania', bot: true }));
    await must(fac.send('setBot', { seat: 'duvessa', bot: true }));
    await must(fac.send('startMatch'));
    await must(fac.send('advancePhase'));
    await must(ana.send('submitOrder', { order: { type: 'defend', network: 'ald-mod', action: 'harden' } }));
    await must(ben.send('submitOrder', { order: { type: 'share', copy: 'k-brn-tidewater', to: 'aldoria' } }));
    await must(ben.send('setReady', { ready: true }));
    await until(() => state(fac).seats.get('brennmark').ready && state(ana).phase === 'planning', 5000, 'ready seen');
    const before = {
      applied: state(fac).god.applied as number,
      turn: state(ana).turn as number,
      deadline: state(ana).deadline as number,
      sessionIds: [fac, ana, ben].map((s) => s.room?.sessionId),
    };
    expect(before.turn).toBe(1);
    expect(before.applied).toBeGreaterThan(5);

    // People sit in planning for minutes; the SDK only tries its own reconnection for a room
    // that has been up 5 s (reconnection.minUptime), so let that path be the one taken.
    await sleep(Math.max(0, joinedAt + 5200 - Date.now()));

    // SIGKILL: no graceful shutdown, the sockets just die.
    await server.kill();
    await until(() => [fac, ana, ben].every((s) => s.status === 'reconnecting' || s.status === 'rejoining'), 10_000, 'sessions noticed the loss');
    server = await startServerProcess(port, { DATA_DIR: dir });

    // No join call here: the sessions come back by themselves.
    await until(() => [fac, ana, ben].every((s) => s.status === 'connected'), 30_000, 'sessions connected again');
    // The SDK tried the old session first; the restarted server has no such room, so it gave up and the session joined afresh.
    for (const log of Object.values(seen)) expect(log).toEqual(['reconnecting', 'rejoining', 'connected']);
    expect(ana.room?.sessionId).not.toBe(before.sessionIds[1]);
    expect(ana.room?.roomId).toBe(matchId);
    // Each session's private part arrives in its own first patch: wait for Ben's too, not only Ana's and the facilitator's.
    await until(
      () => state(fac).god.applied === before.applied && state(ana).seats.get('aldoria').connected === 1 && state(ana).privates?.get('aldoria') !== undefined && state(ben).privates?.get('brennmark') !== undefined,
      5000,
      'state after rejoin',
    );

    expect(state(ana).phase).toBe('planning');
    expect(state(ana).turn).toBe(before.turn);
    expect(state(ana).deadline).toBe(before.deadline);
    expect(state(ana).seats.get('brennmark').ready).toBe(true);
    expect(state(ana).seats.get('aldoria').ready).toBe(false);
    expect(values(state(ana).privates.get('aldoria').orders).map((o) => o.type)).toEqual(['defend']);
    expect(values(state(ben).privates.get('brennmark').orders).map((o) => o.type)).toEqual(['share']);
    expect(values(state(ana).privates.get('aldoria').inbox).map((r) => r.kind)).toEqual(['shareOffer']);
    expect([...state(ana).privates.keys()]).toEqual(['aldoria']);

    // Play goes on to resolution.
    const offer = values(state(ana).privates.get('aldoria').inbox)[0];
    await must(ana.send('answerRequest', { request: offer.id, accept: true }));
    await must(ana.send('setReady', { ready: true }));
    await until(() => state(ana).phase === 'debrief' && state(fac).phase === 'debrief', 10_000, 'resolution');
    expect(values(state(ana).privates.get('aldoria').arsenal).some((c) => c.capability === 'brn-tidewater')).toBe(true);
    const record = await getJson<MatchRecord<unknown>>(`${server.url}/api/matches/${matchId}/record`, { authorization: `Bearer ${match.facilitatorToken}` });
    expect(record.entries.filter((e) => e.kind === 'control' && (e.action as { type: string }).type === 'closePlanning')).toHaveLength(1);
    expect(record.entries.length).toBeGreaterThan(before.applied);
  });

  it('a dropped connection comes back through the SDK reconnection: same session, reconnecting → connected', async () => {
    const port = await freePort();
    const server = await startServerProcess(port, { DATA_DIR: dir });
    const match = await createMatch(server.url, { scenario: 'baltic-shield', seed: 5 });
    const ana = await open({ endpoint: server.url, join: { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' } });
    const seen = statusLog(ana);
    const sessionId = ana.room?.sessionId;
    // The SDK only reconnects a room that has been up for 5 s (reconnection.minUptime).
    await sleep(5200);
    // What the SDK does itself when the browser goes offline.
    ana.room?.connection.close(CloseCode.MAY_TRY_RECONNECT);
    await until(() => seen.includes('reconnecting') && ana.status === 'connected', 15_000, 'reconnected');
    expect(seen).toEqual(['reconnecting', 'connected']);
    expect(ana.room?.sessionId).toBe(sessionId);
    const r = await ana.send('setReady', { ready: true });
    expect(r.code).toBe('wrong-phase');
    await ana.close();
    expect(ana.status).toBe('closed');
    await server.kill();
  });
});
