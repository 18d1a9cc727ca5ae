/**
 * JavaScript-style wrong input, found systematically (the harness: test/fuzz/constructs.ts): each subject (a
 * construct, a static factory, an import, a mutator, KpackPlatform) starts from valid arguments, and fast-check mutates
 * them. Every outcome must be either our clear error (an Error, not a TypeError/RangeError/ReferenceError, whose
 * message starts with the construct or factory and names a prop, without stack frames, never echoing a secret) or an
 * app that synthesizes (or fails synth with cdk8s's validation message). What synthesizes is recorded and judged by
 * kpack's and Kubernetes' own code in `npm test`'s oracle step (test/oracle/judge.ts); `npm run fuzz -- --runs N`
 * judges many more apps directly (test/fuzz/run.ts).
 *
 * Seeded and bounded for `npm test`; `FUZZ_RUNS=2000 FUZZ_SEED=7 npx jest test/properties-constructs.test.ts` runs
 * more.
 */
import * as fc from 'fast-check';
import { context, mutation, runApp, SUBJECTS, ValuePool } from './fuzz/constructs';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20250101);
const stats = { apps: 0, errors: 0, accepted: 0, failures: 0 };

describe.each(SUBJECTS.map(s => [s.name, s] as const))('%s: wrong input gives a clear error, never a TypeError', (_name, subject) => {
  test('valid arguments synthesize', () => {
    const outcome = runApp(subject, []);
    expect(outcome.kind === 'error' || outcome.kind === 'failure' ? `${outcome.where}: ${outcome.message}` : outcome.kind).toBe('synthesized');
    // the context's own objects synthesize too (the subject is what may fail)
    expect(context().chart.toJson().length).toBeGreaterThan(0);
  });

  test.each<[ValuePool]>([['wrong'], ['plausible']])(`${RUNS} argument sets mutated with %s values`, valuePool => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), mutations => {
      const outcome = runApp(subject, mutations, valuePool);
      stats.apps++;
      if (outcome.kind === 'failure') {
        stats.failures++;
        throw new Error(`${outcome.where}: ${outcome.message}`);
      }
      if (outcome.kind === 'error') stats.errors++;
      else stats.accepted++;
    }), { numRuns: RUNS, seed: SEED + SUBJECTS.indexOf(subject) });
  });
});

afterAll(() => {
  if (process.env.FUZZ_RUNS) {
    process.stdout.write(`construct fuzz: ${stats.apps} apps, ${stats.errors} clear errors, ${stats.accepted} synthesized, ${stats.failures} failures\n`);
  }
});
