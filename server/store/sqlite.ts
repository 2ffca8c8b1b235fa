import { Worker } from 'node:worker_threads';
import type { Annotation } from '../../shared/aar/types.ts';
import type { LogEntry } from '../../shared/engine/match.ts';
import { checkIndex, checkSeed } from './checks.ts';
import { GroupCommit, moveTheTurn, rebuildError, type CommitStats } from './group-commit.ts';
import type { SqliteOptions } from './sqlite-db.ts';
import type { MatchCursor, MatchMeta, MatchStore, MatchSummary, OrganizerRecord, StoreWrite, SummaryUpdate, TurnSnapshot, WriteOutcome } from './store.ts';

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
}

/**
 * The embedded archive (docs/design.md §8.2): a SQLite file (WAL, `synchronous=FULL`)
 * whose connection lives in a worker thread (sqlite-worker.ts, over sqlite-db.ts), so the
 * server's event loop never waits on the disk. Writes of one loop turn are group-committed
 * (group-commit.ts): one transaction, one fsync, for every match of the process.
 *
 * If the thread dies (it should not: every error is answered), the calls on their way are
 * refused and the next call starts a new thread on the same file.
 */
export class SqliteStore implements MatchStore {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  readonly #options: SqliteOptions;
  readonly #group = new GroupCommit((writes) => this.#call('writeBatch', [writes]) as Promise<readonly WriteOutcome[]>);
  #worker: Worker | null = null;
  #initialised = false;
  #closed = false;
  #next = 1;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  /** `path` is the database file (created if missing; its folder must exist) or `:memory:`. */
  constructor(path: string, options: SqliteOptions = {}) {
    this.path = path;
    this.#options = options;
  }

  /** Group-commit counters: how many transactions carried how many writes. */
  get commitStats(): CommitStats {
    return this.#group.stats;
  }

  /** The archive thread's V8 heap (bytes used, and held from the system), for diagnostics; null while no thread runs. */
  async threadHeap(): Promise<{ used: number; held: number } | null> {
    const h = await this.#worker?.getHeapStatistics();
    return h ? { used: h.used_heap_size, held: h.total_physical_size } : null;
  }

  /** The connection's journal mode and synchronous level (FULL = 2), for tests and diagnostics. */
  durability(): Promise<{ journalMode: string; synchronous: number }> {
    return this.#call('durability', []) as Promise<{ journalMode: string; synchronous: number }>;
  }

  async init(): Promise<void> {
    await this.#call('init', []);
    this.#initialised = true;
  }

  async createMatch(meta: MatchMeta, summary: Omit<MatchSummary, 'id' | 'scenarioId' | 'scenarioVersion' | 'createdAt'>): Promise<void> {
    checkSeed(meta.seed);
    await this.#call('createMatch', [meta, summary]);
  }

  getMatch(id: string): Promise<MatchMeta | null> {
    return this.#call('getMatch', [id]) as Promise<MatchMeta | null>;
  }

  findCode(code: string): Promise<{ matchId: string; seat: string | null } | null> {
    return this.#call('findCode', [code]) as Promise<{ matchId: string; seat: string | null } | null>;
  }

  async replaceCode(matchId: string, seat: string | null, code: string): Promise<void> {
    await this.#call('replaceCode', [matchId, seat, code]);
  }

  append(matchId: string, index: number, entry: LogEntry<unknown>): Promise<void> {
    return this.appendAll(matchId, index, [entry]);
  }

  async appendAll(matchId: string, index: number, entries: readonly LogEntry<unknown>[]): Promise<void> {
    checkIndex(index);
    await this.#group.submit({ kind: 'append', matchId, index, json: entries.map((e) => JSON.stringify(e)) }, moveTheTurn(entries));
  }

  async entries(matchId: string): Promise<LogEntry<unknown>[]> {
    const json = (await this.#call('entriesJson', [matchId])) as string[];
    return json.map((j) => JSON.parse(j) as LogEntry<unknown>);
  }

  async saveTurn(matchId: string, snapshot: TurnSnapshot): Promise<void> {
    await this.#group.submit({ kind: 'saveTurn', matchId, turn: snapshot.turn, entries: snapshot.entries, json: JSON.stringify(snapshot.state) ?? 'null' });
  }

  turns(matchId: string): Promise<TurnSnapshot[]> {
    return this.#call('turns', [matchId]) as Promise<TurnSnapshot[]>;
  }

  async updateSummary(matchId: string, summary: SummaryUpdate): Promise<void> {
    const { phase, turn, seatsFilled, updatedAt } = summary;
    await this.#group.submit({ kind: 'summary', matchId, summary: { phase, turn, seatsFilled, updatedAt } });
  }

  listMatches(): Promise<MatchSummary[]> {
    return this.#call('listMatches', []) as Promise<MatchSummary[]>;
  }

  async saveScenario(matchId: string, content: string): Promise<void> {
    await this.#call('saveScenario', [matchId, content]);
  }

  scenarioContent(matchId: string): Promise<string | null> {
    return this.#call('scenarioContent', [matchId]) as Promise<string | null>;
  }

  async addAnnotation(matchId: string, annotation: Annotation): Promise<void> {
    await this.#call('addAnnotation', [matchId, annotation]);
  }

  annotations(matchId: string): Promise<Annotation[]> {
    return this.#call('annotations', [matchId]) as Promise<Annotation[]>;
  }

  deleteAnnotation(matchId: string, id: string): Promise<boolean> {
    return this.#call('deleteAnnotation', [matchId, id]) as Promise<boolean>;
  }

  async addOrganizer(o: OrganizerRecord): Promise<void> {
    await this.#call('addOrganizer', [o]);
  }

  organizerById(id: string): Promise<OrganizerRecord | null> {
    return this.#call('organizerById', [id]) as Promise<OrganizerRecord | null>;
  }

  organizerByKeyHash(keyHash: string): Promise<OrganizerRecord | null> {
    return this.#call('organizerByKeyHash', [keyHash]) as Promise<OrganizerRecord | null>;
  }

  listOrganizers(): Promise<OrganizerRecord[]> {
    return this.#call('listOrganizers', []) as Promise<OrganizerRecord[]>;
  }

  setOrganizerKey(id: string, keyHash: string, sessionSecret: string): Promise<boolean> {
    return this.#call('setOrganizerKey', [id, keyHash, sessionSecret]) as Promise<boolean>;
  }

  async addSignIn(tokenHash: string, organizerId: string, expiresAt: number, now: number): Promise<void> {
    await this.#call('addSignIn', [tokenHash, organizerId, expiresAt, now]);
  }

  takeSignIn(tokenHash: string, now: number): Promise<string | null> {
    return this.#call('takeSignIn', [tokenHash, now]) as Promise<string | null>;
  }

  listMatchesOf(organizerId: string, page: { readonly limit: number; readonly after?: MatchCursor | undefined }): Promise<MatchSummary[]> {
    return this.#call('listMatchesOf', [organizerId, page.limit, page.after ?? null]) as Promise<MatchSummary[]>;
  }

  countMatchesOf(organizerId: string): Promise<number> {
    return this.#call('countMatchesOf', [organizerId]) as Promise<number>;
  }

  adoptUnowned(organizerId: string): Promise<number> {
    return this.#call('adoptUnowned', [organizerId]) as Promise<number>;
  }

  archiveBytes(): Promise<number> {
    return this.#call('archiveBytes', []) as Promise<number>;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#group.drained();
    this.#closed = true;
    const worker = this.#worker;
    if (!worker) return;
    await this.#send(worker, 'close', []).catch(() => undefined);
    this.#worker = null;
    await worker.terminate();
  }

  /** One request to the archive's thread (started on first use, or again after it died). */
  #call(method: string, args: readonly unknown[]): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('the archive is closed'));
    let worker = this.#worker;
    if (!worker) {
      worker = this.#start();
      if (this.#initialised && method !== 'init') void this.#send(worker, 'init', []).catch(() => undefined);
    }
    return this.#send(worker, method, args);
  }

  #send(worker: Worker, method: string, args: readonly unknown[] | readonly [readonly StoreWrite[]]): Promise<unknown> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // A pending call keeps the process alive (a CLI awaiting its records); an idle store does not.
      worker.ref();
      worker.postMessage({ id, method, args });
    });
  }

  #start(): Worker {
    const worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), { workerData: { path: this.path, options: this.#options } });
    worker.unref();
    worker.on('message', (r: Reply) => {
      const p = this.#pending.get(r.id);
      if (!p) return;
      this.#pending.delete(r.id);
      if (this.#pending.size === 0) worker.unref();
      if (r.ok) p.resolve(r.value);
      else p.reject(rebuildError(r.error ?? { name: 'Error', message: 'the archive failed' }));
    });
    const died = (why: string) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      const error = new Error(`the archive's thread stopped: ${why}`);
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
    worker.on('error', (e) => died(e.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    this.#worker = worker;
    return worker;
  }
}
