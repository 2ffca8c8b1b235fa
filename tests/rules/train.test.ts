import { describe, it, expect } from 'vitest';
import { Table, ofType } from '../fixtures/tiny-scenario.ts';

describe('train', () => {
  it('training needs trust above the threshold', () => {
    const t = new Table(); // alpha–bravo 70, alpha–charlie 50, threshold 60
    const r = t.submit('alpha', { type: 'order', order: { type: 'train', trainee: 'charlie' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'low-trust' } });
    expect(r.ok ? '' : r.error.message).toContain('60');
    expect(t.submit('alpha', { type: 'order', order: { type: 'train', trainee: 'bravo' } })).toMatchObject({ ok: true });
  });

  it("the trainee's skill rises after the delay and the trainer gains influence", () => {
    const t = new Table();
    t.answer('bravo', t.order('alpha', { type: 'train', trainee: 'bravo' }), true);
    const started = t.resolve();
    expect(ofType(started, 'TrainingStarted')).toMatchObject([{ audience: { kind: 'seats', seats: ['alpha', 'bravo'] }, data: { due: 3 } }]);
    t.resolve();
    expect(t.nation('bravo').skill).toBe(3);
    const done = t.resolve();
    expect(t.nation('bravo').skill).toBe(4);
    expect(t.nation('alpha').influence).toBe(2);
    expect(ofType(done, 'TrainingCompleted').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha', 'bravo'] }]);
    expect(t.state.trainings).toEqual([]);
  });

  it('training needs the trainee to accept', () => {
    for (const answer of [false, null] as const) {
      const t = new Table();
      const id = t.order('alpha', { type: 'train', trainee: 'bravo' });
      if (answer !== null) t.answer('bravo', id, answer);
      const events = t.resolve();
      expect(t.state.trainings).toEqual([]);
      expect(ofType(events, 'OfferDeclined').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha'] }]);
    }
  });

  it('no training of oneself, of the adversary, or twice at once; skill never passes 5', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { type: 'train', trainee: 'alpha' } })).toMatchObject({ ok: false, error: { code: 'train-self' } });
    expect(t.submit('alpha', { type: 'order', order: { type: 'train', trainee: 'red' } })).toMatchObject({ ok: false, error: { code: 'not-an-ally' } });
    t.answer('bravo', t.order('alpha', { type: 'train', trainee: 'bravo' }), true);
    t.resolve();
    expect(t.submit('alpha', { type: 'order', order: { type: 'train', trainee: 'bravo' } })).toMatchObject({ ok: false, error: { code: 'already-training' } });
    t.tweak((s) => { s.nations.find((n) => n.id === 'alpha')!.skill = 5; });
    // the trainee's skill is private: the offer is accepted, and the skill stays capped at 5
    t.answer('alpha', t.order('bravo', { type: 'train', trainee: 'alpha' }), true);
    for (let i = 0; i < 3; i++) t.resolve();
    expect(t.nation('alpha').skill).toBe(5);
  });
});
