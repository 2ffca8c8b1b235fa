import type { ReplayStep } from '../../shared/engine/keyframes.ts';
import { el } from '../screens/dom.ts';

/**
 * The timeline: a range input over every step (with a tick at the start of each turn),
 * step back / forward, turn back / forward, play / pause at 1×, 2× or 4×, and the keyboard:
 * ← / → step, Home / End, space play / pause, [ / ] turn back / forward.
 */

export interface TimelineHooks {
  /** Moves to `step` (already clamped). */
  seek(step: number): void;
  /** The first step of the previous / next turn from `step`. */
  turnStep(step: number, direction: -1 | 1): number;
}

export interface Timeline {
  readonly root: HTMLElement;
  /** Shows `step` as current (called after every seek). */
  show(step: number): void;
  stop(): void;
  dispose(): void;
}

/** Steps per second at 1×. */
const BASE_RATE = 4;

export function createTimeline(steps: readonly ReplayStep[], hooks: TimelineHooks): Timeline {
  const last = steps.length - 1;
  const ticks = el('datalist', { id: 'rp-turn-ticks' });
  const turnStarts = steps.filter((s, i) => i === 0 || s.turn !== steps[i - 1]?.turn);
  for (const s of turnStarts) ticks.append(el('option', { value: String(s.step), label: `turn ${s.turn}` }));
  const range = el('input', { type: 'range', min: '0', max: String(last), value: '0', step: '1', list: 'rp-turn-ticks', 'data-testid': 'scrubber', 'aria-label': 'Step in the match' });
  const button = (label: string, title: string, testid: string) => el('button', { type: 'button', title, 'aria-label': title, 'data-testid': testid }, label);
  const first = button('|◀', 'First step (Home)', 'first');
  const turnBack = button('◀◀ turn', 'Previous turn ([)', 'turn-back');
  const back = button('◀', 'Step back (←)', 'step-back');
  const play = button('▶ play', 'Play / pause (space)', 'play');
  const forward = button('▶', 'Step forward (→)', 'step-forward');
  const turnForward = button('turn ▶▶', 'Next turn (])', 'turn-forward');
  const end = button('▶|', 'Last step (End)', 'last');
  const speed = el('select', { 'aria-label': 'Playback speed', 'data-testid': 'speed' }, el('option', { value: '1' }, '1×'), el('option', { value: '2' }, '2×'), el('option', { value: '4' }, '4×'));
  const label = el('span', { class: 'rp-where', 'data-testid': 'where', 'aria-live': 'polite' });
  const keys = el('span', { class: 'rp-keys muted' }, 'Keys: ← → step · [ ] turn · Home End · space play');
  const root = el('div', { class: 'rp-timeline', 'data-testid': 'timeline' }, el('div', { class: 'rp-buttons' }, first, turnBack, back, play, forward, turnForward, end, speed, label, keys), range, ticks);

  let current = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const go = (step: number) => hooks.seek(Math.max(0, Math.min(last, step)));
  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.textContent = '▶ play';
    root.dataset.playing = 'false';
  };
  const start = () => {
    stop();
    if (current >= last) go(0);
    play.textContent = '‖ pause';
    root.dataset.playing = 'true';
    timer = setInterval(() => {
      if (current >= last) return stop();
      go(current + 1);
    }, 1000 / (BASE_RATE * Number(speed.value)));
  };
  const toggle = () => (timer === null ? start() : stop());

  range.addEventListener('input', () => go(Number(range.value)));
  first.addEventListener('click', () => go(0));
  end.addEventListener('click', () => go(last));
  back.addEventListener('click', () => go(current - 1));
  forward.addEventListener('click', () => go(current + 1));
  turnBack.addEventListener('click', () => go(hooks.turnStep(current, -1)));
  turnForward.addEventListener('click', () => go(hooks.turnStep(current, 1)));
  play.addEventListener('click', toggle);
  speed.addEventListener('change', () => {
    if (timer !== null) start();
  });

  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'range') || t.tagName === 'SELECT')) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // Space on a focused button is that button's own click.
    if (t?.tagName === 'BUTTON' && e.key === ' ') return;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => go(current - 1),
      ArrowRight: () => go(current + 1),
      Home: () => go(0),
      End: () => go(last),
      ' ': toggle,
      '[': () => go(hooks.turnStep(current, -1)),
      ']': () => go(hooks.turnStep(current, 1)),
    };
    const act = actions[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };
  document.addEventListener('keydown', onKey);

  return {
    root,
    show(step) {
      current = step;
      range.value = String(step);
      const s = steps[step];
      if (s) label.textContent = `Turn ${s.turn} · ${s.phase} · step ${step} of ${last}${s.step > 0 ? ` · ${s.label}${s.actor ? ` (${s.actor})` : ''}` : ''}`;
      root.dataset.step = String(step);
      root.dataset.turn = String(s?.turn ?? 0);
    },
    stop,
    dispose() {
      stop();
      document.removeEventListener('keydown', onKey);
    },
  };
}
