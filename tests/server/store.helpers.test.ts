/**
 * The archive's helpers (server/store/index.ts): token hashes, join codes and facilitator
 * tokens, and openStore choosing SQLite or PostgreSQL from the environment.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, formatJoinCode, hashToken, newFacilitatorToken, newJoinCode, normalizeJoinCode, openStore, tokenMatches } from '../../server/store/index.ts';

const DATABASE_URL = process.env.DATABASE_URL;

describe('store helpers', () => {
  it('hashes tokens as sha256 hex and compares them', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = newFacilitatorToken();
    expect(tokenMatches(token, hashToken(token))).toBe(true);
    expect(tokenMatches(token + 'x', hashToken(token))).toBe(false);
    expect(tokenMatches(token, 'short')).toBe(false);
  });

  it('makes 12-character join codes from the unambiguous alphabet, shows them in groups of four, and normalises typed codes', () => {
    const codes = Array.from({ length: 2000 }, newJoinCode);
    for (const c of codes) expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{12}$`));
    expect(new Set(codes).size).toBe(2000);
    expect(new Set(codes.join('')).size).toBe(CODE_ALPHABET.length); // every letter gets used
    expect(formatJoinCode('K7QM2XPA9DF4')).toBe('K7QM-2XPA-9DF4');
    expect(normalizeJoinCode(' k7qm 2xpa-9df4 ')).toBe('K7QM2XPA9DF4');
    expect(normalizeJoinCode(formatJoinCode('K7QM2XPA9DF4'))).toBe('K7QM2XPA9DF4');
  });

  it('makes facilitator tokens of 24 random bytes in base64url', () => {
    const t = newFacilitatorToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(24);
    expect(newFacilitatorToken()).not.toBe(t);
  });

  it('openStore: SQLite under DATA_DIR (folder created) without DATABASE_URL; PostgreSQL with it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'se-store-open-'));
    try {
      const dataDir = path.join(dir, 'nested', 'data');
      const store = await openStore({ DATA_DIR: dataDir });
      expect(store.kind).toBe('sqlite');
      expect(await store.listMatches()).toEqual([]);
      await store.close();
      expect(existsSync(path.join(dataDir, 'matches.sqlite'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (!DATABASE_URL) return;
    const schema = `se_test_${randomBytes(6).toString('hex')}`;
    const store = await openStore({ DATABASE_URL, DATABASE_SCHEMA: schema });
    try {
      expect(store.kind).toBe('postgres');
      expect(await store.listMatches()).toEqual([]);
    } finally {
      await store.close();
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
