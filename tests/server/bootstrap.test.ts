import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { bootstrapOwner, KEY_FILE } from '../../server/auth/bootstrap.ts';
import { addOrganizer, newKeyFor } from '../../server/auth/organizer-admin.ts';
import { OWNER_ID } from '../../server/auth/organizers.ts';
import { hashToken, openStore } from '../../server/store/index.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';

/** Issue 13: the two-line start makes an organizer key on first start, keeps it in the data folder (0600), and ORGANIZER_KEY overrides it. */
describe('the owner organizer at start', () => {
  it('SQLite: first start makes the key file (mode 0600); later starts read it; the archive holds only its hash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'se-boot-'));
    try {
      const store = new SqliteStore(path.join(dir, 'matches.sqlite'));
      await store.init();
      const first = await bootstrapOwner(store, { DATA_DIR: dir }, 1);
      const file = path.join(dir, KEY_FILE);
      expect(first).toEqual({ kind: 'file', file, created: true });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const key = readFileSync(file, 'utf8').trim();
      expect(key).toMatch(/^seo_[A-Za-z0-9_-]{43}$/);
      expect((await store.organizerById(OWNER_ID))?.keyHash).toBe(hashToken(key));
      expect(await bootstrapOwner(store, { DATA_DIR: dir }, 2)).toEqual({ kind: 'file', file, created: false });
      expect(readFileSync(file, 'utf8').trim()).toBe(key);
      // A key file others can read is tightened.
      chmodSync(file, 0o644);
      await bootstrapOwner(store, { DATA_DIR: dir }, 3);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ORGANIZER_KEY overrides: the owner’s key becomes that one, and no file is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'se-boot-'));
    try {
      const store = new SqliteStore(path.join(dir, 'matches.sqlite'));
      await store.init();
      await bootstrapOwner(store, { DATA_DIR: dir }, 1);
      const key = `seo_${randomBytes(24).toString('base64url')}`;
      expect(await bootstrapOwner(store, { DATA_DIR: dir, ORGANIZER_KEY: key }, 2)).toEqual({ kind: 'env' });
      expect((await store.organizerById(OWNER_ID))?.keyHash).toBe(hashToken(key));
      await expect(bootstrapOwner(store, { ORGANIZER_KEY: 'short' }, 3)).rejects.toThrow(/ORGANIZER_KEY/);
      await expect(bootstrapOwner(store, { ORGANIZER_KEY: 'x'.repeat(40) }, 3)).rejects.toThrow(/starts with "seo_"/);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('matches made before organizers existed become the owner’s', async () => {
    const store = new SqliteStore(':memory:');
    await store.init();
    await store.createMatch({ id: 'old', ruleset: 'cyber-alliance', scenarioId: 'baltic-shield', scenarioVersion: '1', seed: 1, createdAt: 1, facilitatorTokenHash: hashToken('t'), codes: [], organizerId: null }, { updatedAt: 1, phase: 'lobby', turn: 0, seatsFilled: 0, seatsTotal: 0 });
    await bootstrapOwner(store, { ORGANIZER_KEY: `seo_${'k'.repeat(30)}` }, 5);
    expect((await store.getMatch('old'))?.organizerId).toBe(OWNER_ID);
    await store.close();
  });

  it('an archive from before organizers gets its column on open, and its matches stay readable', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'se-boot-'));
    try {
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(path.join(dir, 'matches.sqlite'));
      db.exec(`CREATE TABLE matches (id TEXT PRIMARY KEY, ruleset TEXT NOT NULL, scenario_id TEXT NOT NULL, scenario_version TEXT NOT NULL, seed INTEGER NOT NULL,
        created_at INTEGER NOT NULL, facilitator_token_hash TEXT NOT NULL, updated_at INTEGER NOT NULL, phase TEXT NOT NULL, turn INTEGER NOT NULL,
        seats_filled INTEGER NOT NULL, seats_total INTEGER NOT NULL) STRICT`);
      db.exec(`INSERT INTO matches VALUES ('legacy', 'cyber-alliance', 'baltic-shield', '1', 1, 1, 'h', 1, 'lobby', 0, 0, 5)`);
      db.close();
      const store = await openStore({ DATA_DIR: dir });
      expect(await store.getMatch('legacy')).toMatchObject({ id: 'legacy', organizerId: null });
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('organizers are added by name with a key shown once; a name is taken once; a new key replaces the old', async () => {
    const store = new SqliteStore(':memory:');
    await store.init();
    const a = await addOrganizer(store, 'Ms Field', 1);
    expect(a.ok && a.value.key).toMatch(/^seo_/);
    expect(await addOrganizer(store, 'Ms Field', 2)).toMatchObject({ ok: false, error: { code: 'name-taken' } });
    expect(await addOrganizer(store, '  ', 2)).toMatchObject({ ok: false, error: { code: 'bad-name' } });
    expect(await addOrganizer(store, '<script>', 2)).toMatchObject({ ok: false, error: { code: 'bad-name' } });
    const k = await newKeyFor(store, 'Ms Field');
    expect(k.ok && a.ok && k.value.key !== a.value.key).toBe(true);
    expect(await newKeyFor(store, 'Nobody')).toMatchObject({ ok: false, error: { code: 'unknown-organizer' } });
    await store.close();
  });

  const DATABASE_URL = process.env.DATABASE_URL;
  it.skipIf(!DATABASE_URL)('PostgreSQL without ORGANIZER_KEY: the key is made once and shown once; later starts find it in the archive; no file is written', async () => {
    const schema = `se_test_${randomBytes(6).toString('hex')}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'se-boot-'));
    const store = await openStore({ DATABASE_URL, DATABASE_SCHEMA: schema });
    try {
      const first = await bootstrapOwner(store, { DATABASE_URL, DATA_DIR: dir }, 1);
      expect(first.kind).toBe('created');
      const key = first.kind === 'created' ? first.key : '';
      expect((await store.organizerById(OWNER_ID))?.keyHash).toBe(hashToken(key));
      expect(await bootstrapOwner(store, { DATABASE_URL, DATA_DIR: dir }, 2)).toEqual({ kind: 'archive' });
      expect(existsSync(path.join(dir, KEY_FILE))).toBe(false);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
