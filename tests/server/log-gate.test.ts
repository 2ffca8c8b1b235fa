import { logger } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogGate } from '../../server/log-gate.ts';
import { startTestServer, type TestServer } from './harness.ts';

describe('the log gate', () => {
  it('lets the first line of each kind through, then writes one count a minute', () => {
    let t = 0;
    const out: string[] = [];
    const gate = new LogGate((l) => out.push(l), () => t);
    for (let i = 0; i < 1000; i++) gate.write(`Error: couldn't decode message from client ${i} (0x${(i * 7919).toString(16)})\n    at decode (x.js:1:1)`);
    gate.write('something else');
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/client 0 /);
    t = 59_000;
    gate.tick();
    expect(out).toHaveLength(2);
    t = 60_000;
    gate.tick();
    expect(out.slice(2)).toEqual(["(999 more in the last minute like: Error: couldn't decode message from client 1 (0x1eef))"]);
    gate.tick();
    expect(out).toHaveLength(3);
  });

  it('holds at most so many kinds a minute, and says how many it left out', () => {
    const out: string[] = [];
    let t = 0;
    const gate = new LogGate((l) => out.push(l), () => t, { maxKinds: 3 });
    for (const w of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) gate.write(`${w} failed`);
    expect(out).toEqual(['alpha failed', 'beta failed', 'gamma failed']);
    t = 60_000;
    gate.tick();
    expect(out.at(-1)).toBe('(2 more log lines of other kinds in the last minute, not shown)');
  });
});

describe('the server’s Colyseus logger', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('goes through the gate: a thousand errors a client can provoke make one line', () => {
    const before = srv.logs.length;
    for (let i = 0; i < 1000; i++) logger.error(new Error(`WebSocket frame from ${i} is invalid`));
    expect(srv.logs.slice(before)).toHaveLength(1);
  });
});
