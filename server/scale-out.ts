import type { matchMaker, Presence } from '@colyseus/core';

export interface ScaleOut {
  readonly presence?: Presence;
  readonly driver?: matchMaker.MatchMakerDriver;
  readonly publicAddress?: string;
}

/**
 * The hook for several server processes behind one address (DESIGN.md §8 "Scale-out:
 * Colyseus' Redis presence and driver when REDIS_URL is set"). Without REDIS_URL: one
 * process, local presence and driver. With it: not wired in this build yet — refuse to
 * start rather than run processes that would each host their own copy of a match.
 * (To wire: `new RedisPresence(url)`, `new RedisDriver(url)` and PUBLIC_ADDRESS; see
 * /work/shared/STACK-NOTES.md "Scale-out with Redis".)
 */
export async function scaleOutFromEnv(env: { readonly REDIS_URL?: string | undefined; readonly PUBLIC_ADDRESS?: string | undefined }): Promise<ScaleOut> {
  if (!env.REDIS_URL) return {};
  throw new Error('REDIS_URL is set, but Redis scale-out is not wired into this build yet (server/scale-out.ts).');
}
