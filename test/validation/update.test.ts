/** Update rules: kpack refuses some changes to objects that exist (previousManifests). */
import { baseline, baselineSet, expectFinding, validate } from './fixtures';
import { Finding } from '../../src/validation';

function update(kind: string, change: (o: any) => void, options: { defaultStorageClass?: boolean } = {}): Finding[] {
  const previous = baselineSet();
  const next = baselineSet();
  const target = next.find(o => o.kind === kind)!;
  change(target);
  return validate(next, { previousManifests: previous, ...options }).filter(f => f.kind === kind);
}

test('an unchanged re-apply of every kind is fine', () => {
  expect(validate(baselineSet(), { previousManifests: baselineSet() })).toEqual([]);
});

test('I-2: an Image tag cannot change; on update kpack does not check the tag grammar', () => {
  expectFinding(update('Image', o => { o.spec.tag = 'registry.example.com/apps/other'; }), {
    rule: 'I-2', path: 'spec.tag', message: /cannot change: the Image was created with "registry.example.com\/apps\/app"/,
  });
});

test('I-16 and I-17: a cache volume can grow, not shrink, and keeps its StorageClass', () => {
  expect(update('Image', o => { o.spec.cache.volume.size = '3G'; })).toEqual([]);
  // the same quantity: no update rule; kpack stores it as "2G", which the advice names
  expect(update('Image', o => { o.spec.cache.volume.size = '2000M'; }).map(f => f.rule)).toEqual(['stored-differently']);
  expectFinding(update('Image', o => { o.spec.cache.volume.size = '1G'; }), { rule: 'I-16', path: 'spec.cache.volume.size', message: /smaller than/ });
  expectFinding(update('Image', o => { o.spec.cache.volume.storageClassName = 'slow'; }), {
    rule: 'I-17', path: 'spec.cache.volume.storageClassName', message: /cannot change from "fast"/,
  });
  // No cache written: kpack's default volume (no StorageClass) replaces the one with "fast".
  expectFinding(update('Image', o => { delete o.spec.cache; }), { rule: 'I-17', path: 'spec.cache.volume.storageClassName', message: /"" cannot change/ });
});

test('I-16 compares the sizes as kpack stores them: 1000E is stored as 1 (fuzz seed 17)', () => {
  const i16 = (before: string, after: string) => {
    const previous = baselineSet();
    const next = baselineSet();
    previous.find(o => o.kind === 'Image')!.spec.cache.volume.size = before;
    next.find(o => o.kind === 'Image')!.spec.cache.volume.size = after;
    return validate(next, { previousManifests: previous }).filter(f => f.rule === 'I-16');
  };
  expectFinding(i16('2G', '1000E'), {
    rule: 'I-16',
    path: 'spec.cache.volume.size',
    message: /"1" \(written "1000E", which kpack stores as "1"\) is smaller than the cache's "2G".*current: 2G, requested: 1/,
  });
  // stored as 1 before: 2G is growth
  expect(i16('1000E', '2G')).toEqual([]);
});

test('BD-8: a Build cannot change at all, however it is written', () => {
  expectFinding(update('Build', o => { o.spec.tags = ['registry.example.com/apps/app:b2']; }), { rule: 'BD-8', path: 'spec.tags[0]', message: /cannot change once created/ });
  // Written differently, stored the same: kpack's default service account, a value struct written empty.
  expect(update('Build', o => { o.spec.runImage = {}; o.spec.resources = {}; }).filter(f => f.rule === 'BD-8')).toEqual([]);
  const previous = baseline('Build');
  previous.spec.serviceAccountName = 'default';
  const next = baseline('Build');
  delete next.spec.serviceAccountName;
  expect(validate([next], { previousManifests: [previous] }).filter(f => f.rule === 'BD-8')).toEqual([]);
});

test('other kinds re-run their create rules only', () => {
  expect(update('Builder', o => { o.spec.tag = 'registry.example.com/builders/other:latest'; }).filter(f => f.stage === 'admission')).toEqual([]);
});
