import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryReducer } from '../../server/memory-reducer.ts';
import { createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

describe('the memory reducer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects once, after the server has been quiet for quietMs since the last match ended', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const m = new MemoryReducer({ quietMs: 30_000, collect });
    for (let i = 0; i < 4; i++) m.matchOpened();
    m.matchEnded();
    vi.advanceTimersByTime(20_000);
    m.matchEnded(); // a class ends over a few seconds: the wait starts again
    m.matchEnded();
    vi.advanceTimersByTime(29_999);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    expect(m.stats.runs).toBe(1);
    vi.advanceTimersByTime(600_000);
    expect(collect).toHaveBeenCalledTimes(1); // nothing ended since: nothing to give back
    m.close();
  });

  it('leaves a server that stays busy to V8: no collection while more than half of the peak is live', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const m = new MemoryReducer({ quietMs: 1_000, collect });
    for (let i = 0; i < 10; i++) m.matchOpened();
    for (let i = 0; i < 4; i++) m.matchEnded(); // 6 of 10 still live
    vi.advanceTimersByTime(5_000);
    expect(collect).not.toHaveBeenCalled();
    m.matchEnded(); // 5 of 10: half the peak is gone
    vi.advanceTimersByTime(1_000);
    expect(collect).toHaveBeenCalledTimes(1);
    // The next one measures from what was live then (5): new matches and a few endings...
    for (let i = 0; i < 3; i++) m.matchOpened(); // 8 live, peak 8
    m.matchEnded(); // 7 of 8
    vi.advanceTimersByTime(1_000);
    expect(collect).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 3; i++) m.matchEnded(); // 4 of 8
    vi.advanceTimersByTime(1_000);
    expect(collect).toHaveBeenCalledTimes(2);
    m.close();
  });

  it('never collects when turned off (quietMs 0) or when no match ended', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const off = new MemoryReducer({ quietMs: 0, collect });
    off.matchOpened();
    off.matchEnded();
    const idle = new MemoryReducer({ quietMs: 1_000, collect });
    vi.advanceTimersByTime(10_000);
    expect(collect).not.toHaveBeenCalled();
    off.close();
    idle.close();
  });

  it('a failing collection is logged and does not throw out of the timer', () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const m = new MemoryReducer({ quietMs: 10, collect: () => { throw new Error('boom'); }, log: (l) => log.push(l) });
    m.matchOpened();
    m.matchEnded();
    vi.advanceTimersByTime(10);
    expect(log).toEqual(['memory: the collection after 1 ended match(es) failed: boom']);
    expect(m.stats.runs).toBe(0);
  });

  it("uses V8's own collector without --expose-gc, and it frees garbage", async () => {
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    const m = new MemoryReducer({ quietMs: 5 });
    let junk: unknown[] | null = Array.from({ length: 400_000 }, (_, i) => ({ i, s: `garbage ${i}` }));
    expect(junk.length).toBe(400_000);
    junk = null;
    const before = process.memoryUsage().heapUsed;
    m.matchOpened();
    m.matchEnded();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(m.stats.runs).toBe(1);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 10 * 2 ** 20);
    expect(junk).toBeNull();
  });
});

describe('the server gives memory back after its matches end', () => {
  let srv: TestServer | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it('a disposed room arms one collection, which runs once the server is quiet', async () => {
    srv = await startTestServer({ app: { reduceMemoryAfterMs: 100 } });
    const match = await createMatch(srv.url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed: 5 });
    const fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    expect(srv.running.memory.stats.runs).toBe(0);
    await fac.leave();
    const deadline = Date.now() + 5_000;
    while (srv.running.memory.stats.runs === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(srv.running.memory.stats.runs).toBe(1);
  });
});
