/**
 * SQLite durability: the archive's file opens in WAL mode with synchronous=FULL, and a writer
 * SIGKILLed mid-stream (a child process appending) loses nothing it acknowledged.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { aMatch } from './fixtures/a-match.ts';
import { durableEntry } from './fixtures/durable-entry.ts';

describe('SqliteStore durability', () => {
  const child = fileURLToPath(new URL('./fixtures/append-until-killed.ts', import.meta.url));
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'se-store-kill-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the file in WAL mode with synchronous=FULL', async () => {
    const store = new SqliteStore(path.join(dir, 'matches.sqlite'));
    await store.init();
    expect(await store.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
    await store.close();
  });

  it('keeps every entry acknowledged before SIGKILL', async () => {
    const file = path.join(dir, 'matches.sqlite');
    const { meta, summary } = aMatch();
    const setup = new SqliteStore(file);
    await setup.init();
    await setup.createMatch(meta, summary);
    await setup.close();

    const KILL_AFTER = 40;
    const proc = spawn(process.execPath, [child, file, meta.id], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = -1;
    let stderr = '';
    let buffered = '';
    let killedAt = -1;
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^acked (\d+)$/.exec(line);
        if (m) acked = Math.max(acked, Number(m[1]));
      }
      if (killedAt < 0 && acked >= KILL_AFTER) {
        killedAt = acked;
        proc.kill('SIGKILL');
      }
    });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.on('close', (code, signal) => resolve({ code, signal })),
    );
    expect(exit, `the child should have been killed; stderr:\n${stderr}`).toEqual({ code: null, signal: 'SIGKILL' });
    expect(killedAt).toBeGreaterThanOrEqual(KILL_AFTER);

    const reopened = new SqliteStore(file);
    await reopened.init();
    try {
      const log = await reopened.entries(meta.id);
      // Every acknowledged entry is there (acks read after the kill was sent count too), in order;
      // at most one more — committed, but killed before it could say so.
      expect(log.length).toBeGreaterThanOrEqual(acked + 1);
      expect(log.length).toBeLessThanOrEqual(acked + 2);
      expect(log).toStrictEqual(log.map((_, i) => durableEntry(i)));
      // And the file is writable where the child stopped.
      await reopened.append(meta.id, log.length, durableEntry(log.length));
    } finally {
      await reopened.close();
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }
  });
});

// ── Helpers the server uses with the store ───────────────────────────────────────────────────
