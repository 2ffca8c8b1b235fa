import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';

/** The Node version pinned as a devDependency, e.g. "^24.21.0" → 24. */
function pinnedMajor(): number {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { devDependencies?: Record<string, string> };
  const range = pkg.devDependencies?.['node'] ?? '';
  const major = Number(/\d+/.exec(range)?.[0]);
  if (!Number.isInteger(major)) throw new Error(`package.json pins no node version: "${range}"`);
  return major;
}

describe('runtime', () => {
  it('the tests run on the pinned Node (24 or later), not whatever node the system has', () => {
    const running = Number(process.versions.node.split('.')[0]);
    expect(pinnedMajor()).toBeGreaterThanOrEqual(24);
    expect(running).toBeGreaterThanOrEqual(pinnedMajor());
  });
});
