import type { Rejection } from '../../shared/engine/result.ts';
import type { HttpContext } from './context.ts';

/**
 * Why a new match may not be created now, or null (README "Security": caps): the organizer
 * already keeps `matchesPerOrganizer` matches (`too-many-matches`), or the archive has grown
 * past `archiveBytes` (`archive-full`). Both are typed refusals; nothing is created.
 */
export async function createCap(ctx: HttpContext, organizerId: string | null): Promise<Rejection | null> {
  const { matchesPerOrganizer, archiveBytes } = ctx.limits;
  if (organizerId !== null && (await ctx.store.countMatchesOf(organizerId)) >= matchesPerOrganizer) {
    return { code: 'too-many-matches', message: `You already have ${matchesPerOrganizer} matches on this server, the most one organizer may keep. Ask the server's owner to raise MAX_MATCHES_PER_ORGANIZER.` };
  }
  const bytes = await ctx.store.archiveBytes();
  if (bytes >= archiveBytes) {
    const mb = (n: number) => Math.round(n / 1024 ** 2);
    return { code: 'archive-full', message: `The match archive is full (${mb(bytes)} MB of ${mb(archiveBytes)} MB): no new match can be created. Ask the server's owner to make room or raise MAX_ARCHIVE_MB.` };
  }
  return null;
}
