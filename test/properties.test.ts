/**
 * Property-based tests: random props for Image and Builder give either our clear error or output the rule
 * engine accepts; never a TypeError from inside.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { NamespacedBuilder, BuildpackRef, ClusterStack, ClusterStore, Image, ImageCache, ImageSource, KpackValidator, Severity } from '../src';

const word = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'a', 'app', 'My App', 'x:y', '@', 'registry.io', 'kubernetes.io/os'));
const imageRef = fc.oneof(word, fc.tuple(fc.constantFrom('registry.io/', 'index.docker.io/', 'localhost:5000/', ''), word, fc.constantFrom('', ':1', ':latest', '@sha256:' + 'a'.repeat(64)))
  .map(([r, n, t]) => `${r}${n}${t}`));

/** Synthesizes, and asserts the outcome is either a clean manifest set or our validation error. */
function checkOutcome(chart: Chart) {
  let manifests: any[];
  try {
    manifests = Testing.synth(chart);
  } catch (e) {
    const message = (e as Error).message;
    expect(e).not.toBeInstanceOf(TypeError);
    expect(message).toMatch(/^Validation failed with the following errors:\n {2}\[test\//);
    return;
  }
  const errors = KpackValidator.validateManifests(manifests).filter(f => f.severity === Severity.ERROR);
  expect(errors).toEqual([]);
}

/** Eager errors must be our own plain Errors with a message, never TypeErrors. */
function construct(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    expect(e).not.toBeInstanceOf(TypeError);
    expect((e as Error).message.length).toBeGreaterThan(10);
    return false;
  }
}

test('random Image props: clear error or admitted output', () => {
  fc.assert(fc.property(
    imageRef, fc.array(imageRef, { maxLength: 3 }), imageRef, word, fc.integer({ min: -2, max: 20 }),
    fc.dictionary(word, word, { maxKeys: 3 }), fc.option(word), fc.constantFrom('git', 'blob', 'registry'), fc.integer({ min: -1, max: 3 }),
    (tag, additionalTags, sourceImage, revision, limit, nodeSelector, creationTime, sourceKind, strip) => {
      const chart = Testing.chart();
      const builder = NamespacedBuilder.fromBuilderName(chart, 'b', 'builder');
      if (construct(() => new Image(chart, 'image', {
        tag,
        additionalTags,
        builder,
        source: sourceKind === 'git' ? ImageSource.fromGit('https://github.com/x/y', revision)
          : sourceKind === 'blob' ? ImageSource.fromBlob('https://x/y.zip', { stripComponents: strip })
            : ImageSource.fromRegistry(sourceImage),
        failedBuildHistoryLimit: limit,
        nodeSelector,
        creationTime: creationTime ?? undefined,
        cache: ImageCache.none(),
        env: { A: kplus.EnvValue.fromValue(revision) },
      }))) checkOutcome(chart);
    }), { numRuns: 150 });
});

test('random Builder props: clear error or admitted output', () => {
  fc.assert(fc.property(
    imageRef, word, imageRef, fc.array(fc.array(fc.tuple(word, fc.option(word), fc.boolean()), { maxLength: 3 }), { maxLength: 3 }),
    (tag, stackId, buildImage, groups) => {
      const chart = Testing.chart();
      const store = new ClusterStore(chart, 'store', { sources: [{ image: 'a/store' }] });
      if (construct(() => {
        const stack = new ClusterStack(chart, 'stack', { stackId, buildImage, runImage: 'a/run' });
        const builder = new NamespacedBuilder(chart, 'builder', { tag, stack, store });
        for (const g of groups) {
          builder.addGroup(...g.map(([id, version, optional]) => BuildpackRef.fromId(id, { version: version ?? undefined, optional })));
        }
      })) checkOutcome(chart);
    }), { numRuns: 150 });
});
