/**
 * Organizers of a server's archive (README "Security"): the people who may create matches.
 *
 *     npm run organizer -- add "Ms Field"     # prints the new organizer's key, once
 *     npm run organizer -- list
 *     npm run organizer -- key "Ms Field"     # a new key; the old one and its sessions stop working
 *     npm run organizer -- link owner         # a one-time browser sign-in link
 *
 * It opens the archive the server uses (DATA_DIR, or DATABASE_URL / DATABASE_SCHEMA), so run it
 * with the server's environment; it can run while the server runs.
 */
import { addOrganizer, findOrganizer, newKeyFor } from '../server/auth/organizer-admin.ts';
import { OWNER_ID, SIGN_IN_SECONDS, Organizers } from '../server/auth/organizers.ts';
import { AttemptThrottle } from '../server/auth/throttle.ts';
import { openStore } from '../server/store/index.ts';
import type { MatchStore } from '../server/store/store.ts';
import { CliError, parseCli, runCli, UsageError } from './lib/cli.ts';

const NAME = 'organizer';
const HINT = 'npm run organizer -- --help';

const USAGE = [
  'Usage: npm run organizer -- add <name>',
  '       npm run organizer -- list',
  '       npm run organizer -- key <name or id>',
  '       npm run organizer -- link <name or id> [--url http://host:port]',
  '',
  'Organizers create matches and see their own matches only. The server makes the first one,',
  `"${OWNER_ID}", at its first start; add one per teacher so that "own matches" means something.`,
  '',
  '  add <name>     a new organizer; prints its key once (only a hash is stored)',
  '  list           every organizer, with how many matches each keeps',
  '  key <who>      a new key for an organizer: the old key and every session signed in',
  '                 with it stop working; prints the key once',
  '  link <who>     a one-time sign-in link for a browser (valid 24 h, one use)',
  '',
  'Options:',
  '  --url <url>    the server address to put in a link (default http://localhost:$PORT)',
  '  -h, --help     show this help',
  '',
  'The archive is the server\'s: DATA_DIR (default ./data) or DATABASE_URL and DATABASE_SCHEMA.',
].join('\n');

async function withStore<T>(fn: (store: MatchStore) => Promise<T>): Promise<T> {
  const store = await openStore(process.env);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCli(argv, { help: { type: 'boolean', short: 'h' }, url: { type: 'string' } }, true);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, ...rest] = positionals;
  const who = rest.join(' ').trim();
  if (!command) throw new UsageError('say what to do: add, list, key or link.');
  if (!['add', 'list', 'key', 'link'].includes(command)) throw new UsageError(`unknown command "${command}": add, list, key or link.`);
  if (command !== 'list' && !who) throw new UsageError(`${command} needs an organizer's name${command === 'add' ? '' : ' or id'}.`);
  await withStore(async (store) => {
    switch (command) {
      case 'add': {
        const r = await addOrganizer(store, who, Date.now());
        if (!r.ok) throw new CliError(r.error.message);
        process.stdout.write(`Added organizer "${r.value.organizer.name}" (${r.value.organizer.id}).\nKey (shown once; send it as "Authorization: Bearer <key>", or paste it on /new):\n${r.value.key}\n`);
        return;
      }
      case 'list': {
        for (const o of await store.listOrganizers()) {
          process.stdout.write(`${o.id}\t${o.name}\t${await store.countMatchesOf(o.id)} matches\tsince ${new Date(o.createdAt).toISOString().slice(0, 10)}\n`);
        }
        return;
      }
      case 'key': {
        const r = await newKeyFor(store, who);
        if (!r.ok) throw new CliError(r.error.message);
        process.stdout.write(`New key for "${r.value.organizer.name}" (the old one no longer works; its sessions are signed out):\n${r.value.key}\n`);
        return;
      }
      case 'link': {
        const o = await findOrganizer(store, who);
        if (!o) throw new CliError(`There is no organizer "${who}".`);
        const token = await new Organizers(store, new AttemptThrottle(), Date.now).newSignIn(o.id);
        const base = (values.url ?? `http://localhost:${process.env.PORT || 2567}`).replace(/\/+$/, '');
        process.stdout.write(`One-time sign-in link for "${o.name}" (one use, ${SIGN_IN_SECONDS / 3600} h):\n${base}/signin?once=${token}\n`);
        return;
      }
    }
  });
}

runCli(NAME, HINT, () => main(process.argv.slice(2)));
