/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `BENCH_CPU_PROF=<folder>` for the
 * server benches): the functions with the most self time, and the share of samples under
 * each of the project's top-level folders and packages. A bench that misses a figure shows
 * why with this.
 *
 *   npm run bench:profile -- <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';

interface Node {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly Node[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file || args.includes('--help')) {
  process.stdout.write('usage: npm run bench:profile -- <file.cpuprofile> [--top N]\n');
  process.exit(file ? 0 : 2);
}
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
// A sample stands for the time until the next one (timeDeltas[i] is the gap *before* sample i:
// the first one's is the wait from the profile's start, which belongs to no function).
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
const sampled = [...self.values()].reduce((a, b) => a + b, 0);
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
/** Shares are of the busy time: idle samples are left out. */
const total = sampled - [...self].filter(([id]) => idleIds.has(id)).reduce((a, [, t]) => a + t, 0);

/** Where a frame's code lives: a package, a project folder, node itself, or V8. */
function area(url: string): string {
  if (!url) return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const local = /\/(shared|server|bench|client|scripts)\/([^/]+)/.exec(url);
  return local ? `${local[1]}/${local[2]}` : url;
}

const fnSelf = new Map<string, number>();
const areaIncl = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id);
  if (!n || idleIds.has(id)) continue;
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'}  ${f.url ? `${f.url.replace(/^.*\/(node_modules|shared|server|bench)\//, '$1/')}:${f.lineNumber + 1}` : ''}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + t);
  // Inclusive by area: each sample counts once for every area on its stack.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const a = area(byId.get(cur)?.callFrame.url ?? '');
    if (!seen.has(a)) {
      seen.add(a);
      areaIncl.set(a, (areaIncl.get(a) ?? 0) + t);
    }
  }
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(sampled / 1e6).toFixed(2)} s sampled, ${(total / 1e6).toFixed(2)} s busy; shares below are of the busy time`);
console.log(`\nself time, top ${top}:`);
for (const [k, t] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);
console.log('\ninclusive time by area (a sample counts for every area on its stack):');
for (const [k, t] of [...areaIncl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);
