import { Construct } from 'constructs';
import type { BuilderOptions } from '../builder-options';
import { BuildpackRef, OrderGroup } from '../builder-order';
import { ClusterLifecycle } from '../cluster-lifecycle';
import { AppChecks } from './checks';
import { expectKind, undefinedIfEmpty } from './render';
import * as kpack from '../imports/kpack';

/** The state and rendering Builder and ClusterBuilder share. */
export class BuilderSpecState {
  public readonly groups: BuildpackRef[][] = [];

  constructor(private readonly scope: Construct, public readonly options: BuilderOptions) {
    expectKind('stack', options.stack, 'ClusterStack');
    if (options.store) expectKind('store', options.store, 'ClusterStore');
    if (options.lifecycle) expectKind('lifecycle', options.lifecycle, 'ClusterLifecycle');
    for (const g of options.order ?? []) this.addGroup(g.group);
  }

  public addGroup(buildpacks: BuildpackRef[]): void {
    if (buildpacks.length === 0) throw new Error('an order group needs at least one buildpack');
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
