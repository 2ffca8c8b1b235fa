import { parentPort, workerData } from 'node:worker_threads';
import { SqliteDb, type SqliteOptions } from './sqlite-db.ts';

/**
 * The archive's thread (docs/design.md §8.2): owns the SQLite connection, so that
 * every blocking call — above all the fsync of a commit — happens here and the server's event
 * loop keeps serving meanwhile. It answers one request at a time, in the order they came:
 * `{ id, method, args }` → `{ id, ok, value | error }`. Only the methods listed are callable.
 */
const CALLABLE = new Set([
  'init', 'durability', 'createMatch', 'getMatch', 'findCode', 'replaceCode', 'writeBatch', 'entriesJson', 'turns', 'listMatches',
  'addAnnotation', 'annotations', 'deleteAnnotation', 'saveScenario', 'scenarioContent', 'addOrganizer', 'organizerById', 'organizerByKeyHash', 'listOrganizers', 'setOrganizerKey', 'addSignIn', 'takeSignIn',
  'listMatchesOf', 'countMatchesOf', 'adoptUnowned', 'archiveBytes', 'close',
]);

interface Request {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

const { path, options } = workerData as { path: string; options: SqliteOptions };
let db: SqliteDb | null = null;
let openError: Error | null = null;
try {
  db = new SqliteDb(path, options);
} catch (e) {
  openError = e instanceof Error ? e : new Error(String(e));
}

parentPort?.on('message', (req: Request) => {
  try {
    if (!db) throw openError ?? new Error('the archive is not open');
    if (!CALLABLE.has(req.method)) throw new Error(`the archive has no method ${req.method}`);
    const fn = (db as unknown as Record<string, (...a: unknown[]) => unknown>)[req.method] as (...a: unknown[]) => unknown;
    const value = fn.apply(db, req.args as unknown[]);
    parentPort?.postMessage({ id: req.id, ok: true, value });
  } catch (e) {
    const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
    parentPort?.postMessage({ id: req.id, ok: false, error });
  }
});
