/**
 * Update rules: what kpack's validating webhook refuses when an object that exists is changed (the create rules run
 * too). Image I-2, I-16, I-17 (pkg/apis/build/v1alpha2/image_validation.go validateTag, validateVolumeCache); Build
 * BD-8 (build_validation.go validateImmutableFields: kmp.ShortDiff of the defaulted specs). I-15 is not checked:
 * kpack's webhook only ever marks the default StorageClass expandable (true) or not at all, never false.
 */
import { firstDifference, goMarshal, withKpackDefaults } from '../canonical';
import { get, isObj, Obj, show, str } from '../json';
import { compareQuantities, quantityAsStored } from '../kubernetes/quantity';
import { kpack } from '../report';
import { schemaFor } from '../schema';
import { RuleContext } from './context';

/** I-2: an Image's tag cannot change. */
export function checkImageTagUnchanged(spec: Obj, previous: Obj, ctx: RuleContext): void {
  const was = str(get(previous, 'spec'), 'tag') ?? '';
  const now = str(spec, 'tag');
  if (now === undefined || now === was) return;
  ctx.report.add('I-2', 'spec.tag', `spec.tag cannot change: the Image was created with ${show(was)}, now it says ${show(now)}; `
    + 'create a new Image for a new tag' + kpack(`Immutable field changed: got: ${now}, want: ${was}`));
}

/** I-16 and I-17: a volume cache (with a size before and after) cannot shrink, nor change its StorageClass. */
export function checkImageCacheUpdate(spec: Obj, previous: Obj, ctx: RuleContext): void {
  // Both as kpack's mutating webhook defaults them first (an Image without a cache gets the default volume).
  const defaulted = (s: unknown) => withKpackDefaults('Image', isObj(s) ? s : {}, ctx.features, ctx.defaultStorageClass ?? true);
  const before = get(get(defaulted(get(previous, 'spec')), 'cache'), 'volume');
  const after = get(get(defaulted(spec), 'cache'), 'volume');
  const sizeBefore = get(before, 'size');
  const sizeAfter = get(after, 'size');
  if (sizeBefore === undefined || sizeBefore === null || sizeAfter === undefined || sizeAfter === null) return;
  // kpack's validating webhook compares the sizes as stored (its mutating webhook stores `1000E` as `1`).
  const x = quantityAsStored(sizeBefore);
  const y = quantityAsStored(sizeAfter);
  if (x === undefined || y === undefined) return;
  if (compareQuantities(y.quantity, x.quantity) < 0) {
    const current = x.storedText ?? String(sizeBefore);
    const requested = y.storedText ?? String(sizeAfter);
    const written = y.storedText === undefined ? '' : ` (written ${show(sizeAfter)}, which kpack stores as ${show(requested)})`;
    ctx.report.add('I-16', 'spec.cache.volume.size', `spec.cache.volume.size ${show(requested)}${written} is smaller than the cache's `
      + `${show(current)}: a cache volume can grow, never shrink` + kpack(`Field cannot be decreased: current: ${current}, requested: ${requested}`));
    return;
  }
  const classBefore = str(before, 'storageClassName') ?? '';
  const classAfter = str(after, 'storageClassName') ?? '';
  if (classBefore !== classAfter) {
    ctx.report.add('I-17', 'spec.cache.volume.storageClassName', `spec.cache.volume.storageClassName ${show(classAfter)} cannot `
      + `change from ${show(classBefore)} while the Image has a volume cache` + kpack(`Immutable field changed: got: ${classAfter}, want: ${classBefore}`));
  }
}

/** BD-8: a Build's spec cannot change at all. */
export function checkBuildUnchanged(spec: Obj, previous: Obj, ctx: RuleContext): void {
  const schema = schemaFor(ctx.version);
  const specType = schema?.types.get(schema.kinds.get('Build') ?? '');
  const before = get(previous, 'spec');
  if (!specType) return;
  const type = { tag: 'struct' as const, struct: specType };
  const stored = (s: unknown) => goMarshal(withKpackDefaults('Build', isObj(s) ? s : {}, ctx.features, true), type);
  const where = firstDifference(stored(before), stored(spec), type, 'spec');
  if (where === undefined) return;
  ctx.report.add('BD-8', where, `${where} changed, but a Build cannot change once created: create a new Build`
    + kpack('Immutable fields changed (-old +new)'));
}
