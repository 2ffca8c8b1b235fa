import { CODE_ALPHABET, CODE_LENGTH } from '../store/index.ts';
import { lockSeconds, type BackoffPolicy } from './throttle.ts';

const YEAR = 365 * 86_400;

/**
 * How many wrong guesses one address gets checked in `seconds` under `policy`, for the best
 * pacing a guesser can choose (README "Security"): either keep going (`free` guesses, wait out
 * each lock, up to the longest), or stop after some lock and come back when the memory of the
 * locks has run out, to climb the cheap locks again. Plain arithmetic over the policy; the
 * throttle tests check that the real throttle, on a fake clock, allows exactly the counts this
 * gives for both ways.
 */
export function guessesIn(policy: BackoffPolicy, seconds = YEAR): { greedy: number; pausing: number; best: number } {
  const greedy = (() => {
    let t = 0;
    let n = 0;
    let batches = 0;
    while (t < seconds) {
      batches++;
      t += lockSeconds(policy, ++n);
    }
    return batches * policy.free;
  })();
  let pausing = 0;
  // Pause after the k-th lock: a cycle is the k batches and k-1 locks before it, then the memory of the locks.
  for (let k = 1; k <= 40; k++) {
    let climb = 0;
    for (let n = 1; n < k; n++) climb += lockSeconds(policy, n);
    const cycle = climb + Math.max(policy.memorySeconds, lockSeconds(policy, k));
    const full = Math.floor(seconds / cycle);
    let rest = seconds - full * cycle;
    let extra = 0;
    for (let n = 1; n <= k && rest > 0; n++) {
      extra++;
      rest -= lockSeconds(policy, n);
    }
    pausing = Math.max(pausing, (full * k + extra) * policy.free);
  }
  return { greedy, pausing, best: Math.max(greedy, pausing) };
}

/** The join-code space: CODE_ALPHABET.length ^ CODE_LENGTH. */
export const CODE_SPACE = CODE_ALPHABET.length ** CODE_LENGTH;

/** Expected years for `addresses` guessers at `perYear` guesses each to hit one of `liveCodes` codes (each guess hits with probability liveCodes / CODE_SPACE). */
export function yearsToGuess(perYear: number, liveCodes: number, addresses = 1): number {
  return CODE_SPACE / liveCodes / (perYear * addresses);
}
