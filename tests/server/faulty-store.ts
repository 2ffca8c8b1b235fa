import type { Annotation } from '../../shared/aar/types.ts';
import type { LogEntry } from '../../shared/engine/match.ts';
import type { MatchCursor, MatchMeta, MatchStore, MatchSummary, OrganizerRecord, SummaryUpdate, TurnSnapshot } from '../../server/store/store.ts';

/** A store whose appends (or the reads a join makes) can be made to fail, to check "durable before acknowledged" and what a join hears. */
export class FaultyStore implements MatchStore {
  readonly inner: MatchStore;
  failAppends = false;
  /** getMatch and findCode throw, as an archive that lost its disk would. */
  failReads = false;
  appended = 0;

  constructor(inner: MatchStore) {
    this.inner = inner;
  }
  get kind() {
    return this.inner.kind;
  }
  init() {
    return this.inner.init();
  }
  createMatch(meta: MatchMeta, summary: Omit<MatchSummary, 'id' | 'scenarioId' | 'scenarioVersion' | 'createdAt'>) {
    return this.inner.createMatch(meta, summary);
  }
  getMatch(id: string) {
    if (this.failReads) return Promise.reject(new Error('SQLITE_IOERR: disk I/O error'));
    return this.inner.getMatch(id);
  }
  findCode(code: string) {
    if (this.failReads) return Promise.reject(new Error('SQLITE_IOERR: disk I/O error'));
    return this.inner.findCode(code);
  }
  replaceCode(matchId: string, seat: string | null, code: string) {
    return this.inner.replaceCode(matchId, seat, code);
  }
  append(matchId: string, index: number, entry: LogEntry<unknown>) {
    return this.appendAll(matchId, index, [entry]);
  }
  async appendAll(matchId: string, index: number, entries: readonly LogEntry<unknown>[]) {
    if (this.failAppends) throw new Error('disk full');
    await this.inner.appendAll(matchId, index, entries);
    this.appended += entries.length;
  }
  entries(matchId: string) {
    return this.inner.entries(matchId);
  }
  saveTurn(matchId: string, snapshot: TurnSnapshot) {
    return this.inner.saveTurn(matchId, snapshot);
  }
  turns(matchId: string) {
    return this.inner.turns(matchId);
  }
  updateSummary(matchId: string, summary: SummaryUpdate) {
    return this.inner.updateSummary(matchId, summary);
  }
  listMatches() {
    return this.inner.listMatches();
  }
  addAnnotation(matchId: string, annotation: Annotation) {
    return this.inner.addAnnotation(matchId, annotation);
  }
  annotations(matchId: string) {
    return this.inner.annotations(matchId);
  }
  deleteAnnotation(matchId: string, id: string) {
    return this.inner.deleteAnnotation(matchId, id);
  }
  saveScenario(matchId: string, content: string) {
    return this.inner.saveScenario(matchId, content);
  }
  scenarioContent(matchId: string) {
    return this.inner.scenarioContent(matchId);
  }
  addOrganizer(o: OrganizerRecord) {
    return this.inner.addOrganizer(o);
  }
  organizerById(id: string) {
    return this.inner.organizerById(id);
  }
  organizerByKeyHash(hash: string) {
    return this.inner.organizerByKeyHash(hash);
  }
  listOrganizers() {
    return this.inner.listOrganizers();
  }
  setOrganizerKey(id: string, keyHash: string, secret: string) {
    return this.inner.setOrganizerKey(id, keyHash, secret);
  }
  addSignIn(tokenHash: string, organizerId: string, expiresAt: number, now: number) {
    return this.inner.addSignIn(tokenHash, organizerId, expiresAt, now);
  }
  takeSignIn(tokenHash: string, now: number) {
    return this.inner.takeSignIn(tokenHash, now);
  }
  listMatchesOf(organizerId: string, page: { limit: number; after?: MatchCursor }) {
    return this.inner.listMatchesOf(organizerId, page);
  }
  countMatchesOf(organizerId: string) {
    return this.inner.countMatchesOf(organizerId);
  }
  adoptUnowned(organizerId: string) {
    return this.inner.adoptUnowned(organizerId);
  }
  archiveBytes() {
    return this.inner.archiveBytes();
  }
  close() {
    return this.inner.close();
  }
}
