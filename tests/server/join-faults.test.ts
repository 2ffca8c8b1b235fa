import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { FaultyStore } from './faulty-store.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/**
 * What a join hears when the archive fails under it, and what an ended match's review does not
 * write: a person reads a sentence (never the archive's own error), the log keeps the detail.
 */
describe('joins when the archive fails, and joins to an ended match', () => {
  let srv: TestServer | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it('an archive that cannot be read refuses the join with a sentence; the detail goes to the log only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'se-join-faults-'));
    const store = new FaultyStore(new SqliteStore(path.join(dir, 'matches.sqlite')));
    srv = await startTestServer({ dir, store });
    const match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    store.failReads = true;
    const refused = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' }).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(refused).toMatch(/The server could not open this match just now; nothing changed\. Try again in a moment\./);
    expect(refused).not.toMatch(/SQLITE|disk I\/O/);
    expect(srv.logs.some((l) => l.includes('SQLITE_IOERR'))).toBe(true);
    store.failReads = false;
    const ana = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' });
    await ana.leave();
  });

  it('opening an ended match for the review records no join and logs nothing', async () => {
    srv = await startTestServer();
    const match = await createMatch(srv.url, { scenario: 'baltic-shield' });
    const fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    await fac.must('endMatch', { reason: 'Out of time.' });
    await fac.leave();
    const before = (await srv.store.entries(match.matchId)).length;
    for (const name of ['Reviewer', 'Projector']) {
      const p = await Player.join(srv.url, name === 'Projector' ? { matchId: match.matchId, code: match.observerCode, name } : { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name });
      await p.leave();
    }
    expect((await srv.store.entries(match.matchId)).length).toBe(before);
    expect(srv.logs.filter((l) => l.includes('could not be recorded'))).toEqual([]);
  });
});
