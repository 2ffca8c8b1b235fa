import { ok, reject, type Result } from '../engine/result.ts';
import { isAlly, nationOf, trustBetween } from './access.ts';
import type { EventSink } from './events.ts';
import type { CyberState, NationId } from './types.ts';

/** Train (docs/design.md §4.8): on a cyber range, only between allies above the trust threshold. */
export function validateTrain(s: CyberState, seat: NationId, trainee: string): Result<void> {
  if (!isAlly(s, seat) || !isAlly(s, trainee)) return reject('not-an-ally', 'Training is between two allies.');
  if (seat === trainee) return reject('train-self', 'You cannot train yourself.');
  const need = s.rules.tunables.trainTrust;
  const trust = trustBetween(s, seat, trainee);
  if (trust < need) return reject('low-trust', `Your trust with ${nationOf(s, trainee)?.name} is ${trust}; training needs ${need}.`);
  if (s.trainings.some((t) => t.trainer === seat && t.trainee === trainee)) return reject('already-training', 'You are already training that ally.');
  return ok(undefined);
}

export function startTraining(s: CyberState, ev: EventSink, trainer: NationId, trainee: NationId): void {
  if (!validateTrain(s, trainer, trainee).ok) return;
  const due = s.turn + s.rules.tunables.trainDelay;
  s.trainings.push({ trainer, trainee, due });
  ev.to([trainer, trainee], 'TrainingStarted', `${nationOf(s, trainer)?.name} is training ${nationOf(s, trainee)?.name} on its cyber range (skill rises after turn ${due}).`, { trainer, trainee, due });
}

/** The trainee's skill rises after the delay; the trainer gains influence. */
export function completeTrainings(s: CyberState, ev: EventSink): void {
  const due = s.trainings.filter((t) => t.due <= s.turn);
  s.trainings = s.trainings.filter((t) => t.due > s.turn);
  for (const t of due) {
    const trainee = nationOf(s, t.trainee);
    const trainer = nationOf(s, t.trainer);
    if (!trainee || !trainer) continue;
    trainee.skill = Math.min(5, trainee.skill + 1);
    trainer.influence += 2;
    ev.to([t.trainer, t.trainee], 'TrainingCompleted', `${trainee.name} finished training with ${trainer.name}: skill ${trainee.skill}.`, { trainer: t.trainer, trainee: t.trainee });
  }
}
