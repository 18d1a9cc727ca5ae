/** The app-wide synth checks (src/private/checks.ts): one engine run and one render per object per synth. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { ClusterStack } from '../src';
import * as validator from '../src/validation/validator';

function stackApp(charts: number): { app: App; stacks: ClusterStack[] } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-checks-')) });
  const stacks = Array.from({ length: charts }, (_, i) => new ClusterStack(new Chart(app, `c${i}`), 'stack', {
    metadata: { name: `base-${i}` },
    stackId: 'io.buildpacks.stacks.jammy',
    buildImage: 'paketobuildpacks/build-jammy-base',
    runImage: 'paketobuildpacks/run-jammy-base',
  }));
  return { app, stacks };
}

afterEach(() => jest.restoreAllMocks());

test.each(['synth', 'synthYaml'] as const)('app.%s() with three charts runs the rule engine once, not once per chart', method => {
  const spy = jest.spyOn(validator, 'validatePositioned');
  const { app } = stackApp(3);
  app[method]();
  expect(spy).toHaveBeenCalledTimes(1);
  app[method]();
  expect(spy).toHaveBeenCalledTimes(2);
});

test('a change between two synths is checked and rendered by the second', () => {
  const { app, stacks } = stackApp(2);
  expect(app.synthYaml()).toContain('paketobuildpacks/build-jammy-base');
  // An escape-hatch change after the first synth: the second synth must see it, not reuse the first's results.
  ApiObject.of(stacks[1]).addJsonPatch(JsonPatch.replace('/spec/buildImage/image', 'Bad Image'));
  // Reported on the owning L2 construct, whose validation is added by the pass that finds the error.
  expect(() => app.synthYaml()).toThrow(/\[c1\/stack\] spec\.buildImage\.image "Bad Image" is not a valid image reference/);
});

test('an error fixed between two synths is not reported by the second', () => {
  const { app, stacks } = stackApp(2);
  const patched = ApiObject.of(stacks[0]);
  patched.addJsonPatch(JsonPatch.replace('/spec/buildImage/image', 'Bad Image'));
  expect(() => app.synthYaml()).toThrow(/\[c0\/stack\] spec\.buildImage\.image "Bad Image"/);
  patched.addJsonPatch(JsonPatch.replace('/spec/buildImage/image', 'paketobuildpacks/build-jammy-base:v2'));
  expect(app.synthYaml()).toContain('paketobuildpacks/build-jammy-base:v2');
});

test('a failed synth throws the findings without stack frames (cdk8s synth prints the uncaught error); other errors keep theirs', () => {
  const { app, stacks } = stackApp(1);
  ApiObject.of(stacks[0]).addJsonPatch(JsonPatch.replace('/spec/buildImage/image', 'Bad Image'));
  let thrown: any;
  try {
    app.synth();
  } catch (error) {
    thrown = error;
  }
  expect(thrown.message).toMatch(/^Validation failed with the following errors:\n {2}\[c0\/stack\] spec\.buildImage\.image "Bad Image"/);
  expect(thrown.stack).toBe(`Error: ${thrown.message}`);

  const other = stackApp(1).app;
  new Chart(other, 'broken').toJson = () => { throw new TypeError('a bug elsewhere'); };
  let bug: any;
  try {
    other.synth();
  } catch (error) {
    bug = error;
  }
  expect(bug).toBeInstanceOf(TypeError);
  expect(bug.stack).toMatch(/\n\s+at /);
});
