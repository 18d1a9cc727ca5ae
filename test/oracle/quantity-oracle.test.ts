/**
 * Quantities in kpack objects, judged by kpack's own code (the oracle): which ones kpack's webhook decodes, and what
 * it stores of each (Go's `MarshalJSON`: the text as written when Go keeps it, else the canonical form). The engine
 * must refuse exactly the ones kpack refuses and name, as `stored-differently` advice, exactly the ones kpack stores
 * in another form, with that form. Every quantity field of the Image is tried: the cache size (a pointer), the build
 * resources (maps). Needs Go; skipped with a note without it (CI requires Go).
 */
import { buildOracle, goAvailable, judge, ORACLE_VERSIONS } from './oracle-client';
import { validate } from '../../src/validation/validator';
import { baseline } from '../validation/fixtures';
import { quantityVectors } from '../validation/kubernetes/vectors';

const GO = goAvailable();
if (!GO) {
  // eslint-disable-next-line no-console
  console.warn('quantity-oracle: Go is not installed, so quantities are not judged by kpack\'s own code');
}
const describeWithGo = GO ? describe : describe.skip;

/**
 * The quantities tried: those of the Kubernetes vectors whose stored form differs from the text or that Go refuses
 * for white space or escaped characters, and a sample of the rest, each once.
 */
function quantities(): string[] {
  const picked = new Set<string>(['2G', '2Gi', ' 2Gi', '\u00a02Gi', '\t2Gi', '2Gi\n', '\u20282Gi', '1024Mi', '1000m', '0.0001', '1000E',
    '01Ki', '+1Ki', '1.500k', '10e2', '1E3', '0', '0.0Gi', '1.5Gi', '0.5Ki', '-1Gi']);
  quantityVectors.forEach((v, i) => {
    if (v.stored !== undefined && (v.stored !== v.input.trim() || i % 7 === 0)) picked.add(v.input);
  });
  return [...picked].slice(0, 400);
}

/** Where a quantity goes in an Image, and how to put it there. */
const PLACES: ReadonlyArray<readonly [string, (spec: any, q: string) => void]> = [
  ['spec.cache.volume.size', (spec, q) => spec.cache.volume.size = q],
  ['spec.build.resources.requests.memory', (spec, q) => spec.build.resources = { requests: { memory: q } }],
];

describeWithGo.each(ORACLE_VERSIONS.map(v => [v]))('kpack %s: quantities', version => {
  beforeAll(() => buildOracle(version), 600_000);

  test.each(PLACES.map(([path, put]) => [path, put] as const))('%s: refused and stored as kpack refuses and stores them', (path, put) => {
    const values = quantities();
    const manifests = values.map((q, i) => {
      const image = baseline('Image');
      image.metadata.name = `app-${i}`;
      put(image.spec, q);
      return image;
    });
    const lines = judge(version, manifests);
    const wrong: unknown[] = [];
    let admitted = 0;
    let storedOtherwise = 0;
    lines.forEach((line, i) => {
      const findings = validate([manifests[i]], { kpackVersion: version, defaultStorageClass: true });
      const engineAdmits = !findings.some(f => f.stage === 'admission');
      // Only the field itself: the runtime rules judge the same value as Kubernetes does, elsewhere.
      const advice = findings.find(f => f.rule === 'stored-differently' && f.path === path);
      const segments = path.split('.');
      const persisted = segments.reduce((o: any, k) => o?.[k], line.persisted);
      if (engineAdmits !== line.admitted) {
        wrong.push({ quantity: values[i], kpack: line.admitted ? 'admits' : line.errors.map(e => e.message), engine: findings.map(f => f.rule) });
        return;
      }
      if (!line.admitted) return;
      admitted++;
      const differs = persisted !== values[i];
      if (differs) storedOtherwise++;
      const saysStored = advice?.message.match(/ is stored by kpack as (".*?"): /)?.[1];
      if (differs ? saysStored !== JSON.stringify(persisted) : advice !== undefined) {
        wrong.push({ quantity: values[i], stored: persisted, engine: advice?.message ?? '(no advice)' });
      }
    });
    expect(wrong).toEqual([]);
    // The comparison says something: many are admitted, and many of those stored in another form.
    expect(admitted).toBeGreaterThan(150);
    expect(storedOtherwise).toBeGreaterThan(50);
  }, 120_000);
});
