/**
 * The organizer key of the bench's server (child.ts) and its clients (workloads.ts): a fixed
 * key is fine for a server that listens on 127.0.0.1 for the length of a bench run.
 */
export const BENCH_ORGANIZER_KEY = 'seo_bench-organizer-key-on-127.0.0.1-only';
