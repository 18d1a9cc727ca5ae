import { Construct } from 'constructs';
import type { BuilderOptions } from '../builder-options';
import { BuildpackRef, OrderGroup } from '../builder-order';
import { ClusterLifecycle } from '../cluster-lifecycle';
import { AppChecks } from './checks';
import { checkAdditionalLabels } from './prop-rules';
import { PropChecks } from './props';
import { undefinedIfEmpty } from './render';
import * as kpack from '../imports/kpack';
import { isPlainObject } from '../validation/kubernetes/problem';

/** The state and rendering Builder and ClusterBuilder share. */
export class BuilderSpecState {
  public readonly groups: BuildpackRef[][] = [];

  constructor(private readonly scope: Construct, public readonly options: BuilderOptions) {
    for (const g of options.order ?? []) this.groups.push([...g.group]);
  }

  public addGroup(buildpacks: BuildpackRef[]): void {
    const checks = PropChecks.forConstruct((this.scope as any).kind ?? 'Builder', this.scope);
    checkGroup(checks, 'addGroup()', buildpacks);
    checks.throwIfFailed();
    this.groups.push([...buildpacks]);
  }

  public get order(): OrderGroup[] {
    return this.groups.map(group => ({ group: [...group] }));
  }

  /**
   * The spec fields both kinds share. kpack defaults `store.kind` only on a (namespaced) Builder, and the
   * lifecycle only where the version has ClusterLifecycles; we write exactly what kpack would fill in.
   */
  public render(namespaced: boolean): Omit<kpack.ClusterBuilderSpec, 'serviceAccountRef'> {
    const o = this.options;
    const hasLifecycles = AppChecks.of(this.scope).kpackVersion.hasClusterLifecycle;
    return {
      tag: o.tag,
      stack: { kind: 'ClusterStack', name: o.stack.name },
      // kpack stores `store` as a value: `{kind: ClusterStore}` on a Builder (defaulted), `{}` on a ClusterBuilder.
      store: o.store ? { kind: 'ClusterStore', name: o.store.name } : (namespaced ? { kind: 'ClusterStore' } : {}),
      lifecycle: o.lifecycle || hasLifecycles
        ? { kind: 'ClusterLifecycle', name: o.lifecycle?.name ?? ClusterLifecycle.DEFAULT_NAME }
        : undefined,
      order: undefinedIfEmpty(this.groups.map(group => ({ group: group.map(ref => ref._toKube()) }))),
      additionalLabels: o.additionalLabels && undefinedIfEmpty({ ...o.additionalLabels }),
    };
  }
}

/** What Builder and ClusterBuilder take in common (`BuilderOptions`). */
export function checkBuilderOptions(checks: PropChecks, p: Record<string, any>): void {
  checks.string('tag', p.tag, { required: true, nonEmpty: true, expected: 'where kpack writes the builder image, e.g. "registry.example.com/builders/java:v1"' });
  checks.ref('stack', p.stack, 'a ClusterStack', ['ClusterStack'], true);
  checks.ref('store', p.store, 'a ClusterStore', ['ClusterStore']);
  checks.ref('lifecycle', p.lifecycle, 'a ClusterLifecycle', ['ClusterLifecycle']);
  if (p.order !== undefined && p.order !== null
    && checks.expect(Array.isArray(p.order), 'order', p.order, 'a list of { group: BuildpackRef[] }')) {
    (p.order as unknown[]).forEach((g, i) => {
      if (checks.expect(isPlainObject(g), `order[${i}]`, g, 'an order group: { group: BuildpackRef[] }')) {
        checkGroup(checks, `order[${i}].group`, (g as any).group);
      }
    });
  }
  checkAdditionalLabels(checks, p.additionalLabels);
}

/** One order group: a non-empty list of `BuildpackRef`s. */
function checkGroup(checks: PropChecks, path: string, group: unknown): void {
  if (!checks.expect(Array.isArray(group), path, group, 'a list of BuildpackRefs (BuildpackRef.fromId, .fromBuildpack or .fromClusterBuildpack)')) return;
  const refs = group as unknown[];
  if (refs.length === 0) checks.fail(`${path}: an order group needs at least one buildpack`);
  refs.forEach((ref, i) => checks.instance(`${path}[${i}]`, ref, BuildpackRef,
    'a BuildpackRef (BuildpackRef.fromId, .fromBuildpack or .fromClusterBuildpack)', true));
}
