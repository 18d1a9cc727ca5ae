import { ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { IKpackResource, KpackResource } from './base';
import { BuildpackRef, OrderGroup } from './builder-order';
import { IClusterLifecycle } from './cluster-lifecycle';
import { IClusterStack } from './cluster-stack';
import { IClusterStore } from './cluster-store';
import * as kpack from './imports/kpack';
import { BuilderSpecState } from './private/builder-spec';

/** A Builder or ClusterBuilder: what an Image builds with. */
export interface IBuilder extends IKpackResource {}

/** What Builder and ClusterBuilder have in common. */
export interface BuilderOptions {
  /**
   * Where kpack writes the builder image, e.g. `registry.example.com/builders/java:v1`. Give an explicit tag:
   * without one (or with `:latest`) kpack writes `<repository>:builder-<namespace>-<name>` instead.
   */
  readonly tag: string;

  /** The ClusterStack the builder is built on. */
  readonly stack: IClusterStack;

  /**
   * The ClusterStore order entries given by id are resolved from (after Buildpacks and ClusterBuildpacks).
   * @default - no store: ids resolve from Buildpacks and ClusterBuildpacks only
   */
  readonly store?: IClusterStore;

  /**
   * The ClusterLifecycle the builder uses (kpack v0.17 and later).
   * @default - kpack's `default-lifecycle`, written out
   */
  readonly lifecycle?: IClusterLifecycle;

  /**
   * The order: groups tried in turn during detection. Add more with `addGroup()`.
   * @default - no groups yet
   */
  readonly order?: OrderGroup[];

  /**
   * Extra labels kpack writes on the builder image.
   * @default - none
   */
  readonly additionalLabels?: { [key: string]: string };
}

/** What Builder and ClusterBuilder share: the spec fields and the order. */
export abstract class BuilderBase extends KpackResource implements IBuilder {
  private readonly spec: BuilderSpecState;

  /** @internal */
  protected constructor(scope: Construct, id: string, options: BuilderOptions, gvk: GroupVersionKind, metadata?: ApiObjectMetadata) {
    super(scope, id, gvk, metadata);
    this.spec = new BuilderSpecState(this, options);
  }

  /** Appends a group of buildpacks to the order. */
  public addGroup(...buildpacks: BuildpackRef[]): void {
    this.spec.addGroup(buildpacks);
  }

  /** The order. Returns a copy; use `addGroup()` to add a group. */
  public get order(): OrderGroup[] {
    return this.spec.order;
  }

  /**
   * The spec fields both kinds share, as kpack would default them for this kind.
   * @internal
   */
  protected _renderBuilderSpec(namespaced: boolean): Omit<kpack.ClusterBuilderSpec, 'serviceAccountRef'> {
    return this.spec.render(namespaced);
  }
}
