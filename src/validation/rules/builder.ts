/**
 * Builder (B-1..B-7) and ClusterBuilder (CB-1, CB-2, plus B-1..B-7) rules. The objects are checked as written,
 * before kpack's defaulting: a Builder gets `stack.kind: ClusterStack` and `store.kind: ClusterStore` when empty,
 * a ClusterBuilder does not (kpack-api.md §16.2). B-8 (no service account) cannot happen before defaulting.
 */
import { arr, obj, Obj, show, str } from '../json';
import { kpack, kpackInvalid } from '../report';
import { checkImage, element, missing, struct } from './common';
import { RuleContext } from './context';
import { checkServiceAccountRef } from './service-account-ref';

const ORDER_KINDS = new Set(['Buildpack', 'ClusterBuildpack']);

export function checkBuilder(spec: Obj, ctx: RuleContext): void {
  checkBuilderSpec(spec, ctx, false);
}

export function checkClusterBuilder(spec: Obj, ctx: RuleContext): void {
  checkServiceAccountRef(spec, ctx, ['CB-1', 'CB-2'], true, 'with push access to spec.tag');
  checkBuilderSpec(spec, ctx, true);
}

function checkBuilderSpec(spec: Obj, ctx: RuleContext, cluster: boolean): void {
  checkImage(ctx, 'B-1', 'spec.tag', str(spec, 'tag'), 'tag',
    'where kpack writes the builder image, e.g. registry.example.com/builders/base:latest');
  checkStack(spec, ctx, cluster);
  checkStore(spec, ctx, cluster);
  (arr(spec, 'order') ?? []).forEach((value, i) => {
    const entry = element(value);
    const group = entry && arr(entry, 'group');
    group?.forEach((ref, j) => {
      const buildpack = element(ref);
      if (buildpack) checkOrderEntry(buildpack, `spec.order[${i}].group[${j}]`, ctx);
    });
  });
}

function checkStack(spec: Obj, ctx: RuleContext, cluster: boolean): void {
  const stack = struct(spec, 'stack');
  if (!stack) return;
  const name = str(stack, 'name');
  const kind = str(stack, 'kind');
  if (name === '') {
    missing(ctx, 'B-2', 'spec.stack.name', 'the ClusterStack to build on');
  } else if (name !== undefined && kind !== undefined && kind !== 'ClusterStack') {
    if (kind === '' && !cluster) return; // defaulted to ClusterStack
    const problem = kind === ''
      ? 'spec.stack.kind is required on a ClusterBuilder: set it to "ClusterStack" (kpack defaults it only on Builders)'
      : `spec.stack.kind ${show(kind)} must be "ClusterStack"`;
    ctx.report.add('B-3', 'spec.stack.kind', problem + kpackInvalid(kind));
  }
}

function checkStore(spec: Obj, ctx: RuleContext, cluster: boolean): void {
  const store = obj(spec, 'store');
  if (!store) return;
  const name = str(store, 'name');
  let kind = str(store, 'kind');
  if (name === undefined || kind === undefined) return;
  if (kind === '' && !cluster) kind = 'ClusterStore'; // Builder default
  if ((name === '' && kind === '') || kind === 'ClusterStore') return;
  const problem = kind === ''
    ? 'spec.store.kind is required on a ClusterBuilder that names a store: set it to "ClusterStore" (kpack defaults it only on Builders)'
    : `spec.store.kind ${show(kind)} must be "ClusterStore"`;
  ctx.report.add('B-4', 'spec.store.kind', problem + kpack(`invalid value: ${kind}: must be one of ClusterStore`));
  if (name === '') missing(ctx, 'B-4', 'spec.store.name', 'the ClusterStore whose buildpacks the builder may use');
}

function checkOrderEntry(ref: Obj, path: string, ctx: RuleContext): void {
  const image = str(ref, 'image');
  const id = str(ref, 'id');
  const name = str(ref, 'name');
  const kind = str(ref, 'kind');
  if (image !== undefined && image !== '') {
    ctx.report.add('B-6', `${path}.image`, `${path}.image ${show(image)} is not supported: refer to the buildpack by id, `
      + 'or by kind and name' + kpack(`must not set the field(s): ${path}.image reference currently not supported`));
  }
  if (image === '' && id === '' && name === '' && kind === '') {
    ctx.report.add('B-7', path, `${path} must give a buildpack id, or the kind and name of a Buildpack or ClusterBuildpack`
      + kpack('expected exactly one, got neither'));
  }
  if (name === undefined || kind === undefined || (name === '' && kind === '') || ORDER_KINDS.has(kind)) return;
  const problem = kind === ''
    ? `${path}.kind is required with a name: "Buildpack" (in the builder's namespace) or "ClusterBuildpack"`
    : `${path}.kind ${show(kind)} must be "Buildpack" or "ClusterBuildpack"`;
  ctx.report.add('B-5', `${path}.kind`, problem + kpack(`invalid value: ${kind}: must be one of Buildpack, ClusterBuildpack`));
  if (name === '') missing(ctx, 'B-5', `${path}.name`, 'the name of the Buildpack or ClusterBuildpack');
}
