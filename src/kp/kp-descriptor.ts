import { readFileSync } from 'fs';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BuildpackRef } from '../builder-order';
import { PaketoStack } from '../catalog/paketo';
import { ClusterBuilder } from '../cluster-builder';
import { ClusterBuildpack, IClusterBuildpack } from '../cluster-buildpack';
import { ClusterLifecycle } from '../cluster-lifecycle';
import { ClusterStack, IClusterStack } from '../cluster-stack';
import { ClusterStore, IClusterStore } from '../cluster-store';
import type { BuilderEntry, Descriptor, StackEntry } from './descriptor';
import { kpDescriptor } from '../private/lazy';
import { DEFAULT_SERVICE_ACCOUNT, KPACK_NAMESPACE } from '../validation/kinds';

/**
 * Options of a `KpDescriptor`: what kp would read from the cluster (`kp-config`, image labels, existing objects).
 *
 * @experimental
 */
export interface KpDescriptorOptions {
  /**
   * kp's default repository (`kp-config` `default.repository`): builders are tagged
   * `<defaultRepository>:clusterbuilder-<name>`. A trailing `/` is removed, as kp does.
   * @default - none; a descriptor with builders is then an error
   */
  readonly defaultRepository?: string;

  /**
   * The ServiceAccount every object's `serviceAccountRef` names (`kp-config` `default.repository.serviceaccount`
   * and its namespace): it pulls the images and, for builders, pushes to the default repository.
   * @default - kp's default: ServiceAccount `default` in namespace `kpack`
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * Stack ids by descriptor stack name. kp reads a stack's id from the `io.buildpacks.stack.id` label of its
   * build image, over the network; offline, the id comes from here, else from the Paketo catalog when the build
   * image is a catalog stack (`PaketoStack.fromBuildImage`).
   * @default - ids from the Paketo catalog only
   */
  readonly stackIds?: { [stackName: string]: string };

  /**
   * ClusterStacks that exist outside the descriptor (created elsewhere in the app or imported by name), which its
   * builders may name.
   * @default - builders may only name the descriptor's stacks
   */
  readonly clusterStacks?: IClusterStack[];

  /**
   * ClusterStores that exist outside the descriptor, which its builders may name.
   * @default - builders may only name the descriptor's stores
   */
  readonly clusterStores?: IClusterStore[];

  /**
   * ClusterBuildpacks that exist outside the descriptor, which order entries (`kind: ClusterBuildpack`) may name.
   * @default - order entries may only name the descriptor's cluster buildpacks
   */
  readonly clusterBuildpacks?: IClusterBuildpack[];
}

/**
 * Props of a `KpDescriptor`.
 *
 * @experimental
 */
export interface KpDescriptorProps extends KpDescriptorOptions {
  /** The descriptor's text (YAML or JSON). */
  readonly content: string;

  /**
   * The descriptor's file name, for messages.
   * @default 'descriptor'
   */
  readonly fileName?: string;
}

/**
 * A kp dependency descriptor (the file `kp import -f` reads), turned into constructs offline with kp's
 * conventions: the ClusterLifecycles, ClusterBuildpacks, ClusterStores, ClusterStacks and ClusterBuilders it
 * lists, plus the copies kp makes of its defaults (the default stack and builder also as `default`, the default
 * lifecycle as `default-lifecycle`), builders tagged `<defaultRepository>:clusterbuilder-<name>`, every object's
 * `serviceAccountRef` naming kp's service account.
 *
 * Reads every apiVersion kp reads: `kp.kpack.io/v1alpha1`, `kp.kpack.io/v1alpha3` and `kp.kpack.io/v1`. Images
 * are used as written (kp would copy them to the default repository first); pin them with an `ImageLock`.
 *
 * @see https://github.com/buildpacks-community/kpack-cli/blob/main/docs/kp_import.md
 *
 * @experimental
 */
export class KpDescriptor extends Construct {
  /** Reads a descriptor file. */
  public static fromFile(scope: Construct, id: string, path: string, options: KpDescriptorOptions = {}): KpDescriptor {
    let content: string;
    try {
      content = readFileSync(path, 'utf-8');
    } catch (e) {
      throw new Error(`kp descriptor ${path}: cannot read the file: ${(e as Error).message}`);
    }
    return new KpDescriptor(scope, id, { ...options, content, fileName: path });
  }

  /** Reads a descriptor from its text. */
  public static fromString(scope: Construct, id: string, content: string, options: KpDescriptorOptions = {}): KpDescriptor {
    return new KpDescriptor(scope, id, { ...options, content });
  }

  /** The descriptor's apiVersion, e.g. `kp.kpack.io/v1`. */
  public readonly apiVersion: string;
  /** The ServiceAccount the objects' `serviceAccountRef` names. */
  public readonly serviceAccount: kplus.IServiceAccount;

  private readonly file: string;
  private readonly lifecycles = new Map<string, ClusterLifecycle>();
  private readonly buildpacks = new Map<string, ClusterBuildpack>();
  private readonly stores = new Map<string, ClusterStore>();
  private readonly stacks = new Map<string, ClusterStack>();
  private readonly builders = new Map<string, ClusterBuilder>();

  public constructor(scope: Construct, id: string, props: KpDescriptorProps) {
    super(scope, id);
    this.file = props.fileName ?? 'descriptor';
    const { DEFAULT_ALIAS, DEFAULT_LIFECYCLE_ALIAS, parseDescriptor } = kpDescriptor();
    const d = parseDescriptor(props.content, this.file);
    this.apiVersion = d.apiVersion;
    this.serviceAccount = props.serviceAccount
      ?? kplus.ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', DEFAULT_SERVICE_ACCOUNT, { namespaceName: KPACK_NAMESPACE });
    const serviceAccount = this.serviceAccount;

    // kp's order: lifecycles, cluster buildpacks, stores, stacks, builders; each default's copy after the list.
    for (const e of d.clusterLifecycles) this.addLifecycle(e.name, e.image);
    const defaultLifecycle = d.defaultClusterLifecycle && d.clusterLifecycles.find(e => e.name === d.defaultClusterLifecycle);
    if (defaultLifecycle && defaultLifecycle.name !== DEFAULT_LIFECYCLE_ALIAS) this.addLifecycle(DEFAULT_LIFECYCLE_ALIAS, defaultLifecycle.image);

    for (const e of d.clusterBuildpacks) {
      this.buildpacks.set(e.name, new ClusterBuildpack(this, `ClusterBuildpack-${e.name}`, { metadata: { name: e.name }, image: e.image, serviceAccount }));
    }
    for (const e of d.clusterStores) {
      this.stores.set(e.name, new ClusterStore(this, `ClusterStore-${e.name}`, {
        metadata: { name: e.name }, sources: e.sources.map(image => ({ image })), serviceAccount,
      }));
    }

    const stackIds = { ...props.stackIds };
    for (const name of Object.keys(stackIds)) {
      if (!d.clusterStacks.some(s => s.name === name)) {
        throw new Error(`kp descriptor ${this.file}: the stackIds option names the stack ${JSON.stringify(name)}, which the `
          + `descriptor does not list (its stacks: ${d.clusterStacks.map(s => JSON.stringify(s.name)).join(', ') || 'none'})`);
      }
    }
    for (const e of d.clusterStacks) this.addStack(e.name, e, this.stackId(e, stackIds));
    const defaultStack = d.defaultClusterStack && d.clusterStacks.find(e => e.name === d.defaultClusterStack);
    if (defaultStack && defaultStack.name !== DEFAULT_ALIAS) this.addStack(DEFAULT_ALIAS, defaultStack, this.stackId(defaultStack, stackIds));

    const repository = d.clusterBuilders.length > 0 ? this.repository(props.defaultRepository, d) : '';
    for (const e of d.clusterBuilders) this.addBuilder(e.name, e, repository, props);
    const defaultBuilder = d.defaultClusterBuilder && d.clusterBuilders.find(e => e.name === d.defaultClusterBuilder);
    if (defaultBuilder && defaultBuilder.name !== DEFAULT_ALIAS) this.addBuilder(DEFAULT_ALIAS, defaultBuilder, repository, props);
  }

  /** The ClusterLifecycles, including kp's `default-lifecycle` copy. */
  public get clusterLifecycles(): ClusterLifecycle[] {
    return [...this.lifecycles.values()];
  }

  /** The ClusterBuildpacks. */
  public get clusterBuildpacks(): ClusterBuildpack[] {
    return [...this.buildpacks.values()];
  }

  /** The ClusterStores. */
  public get clusterStores(): ClusterStore[] {
    return [...this.stores.values()];
  }

  /** The ClusterStacks, including kp's `default` copy. */
  public get clusterStacks(): ClusterStack[] {
    return [...this.stacks.values()];
  }

  /** The ClusterBuilders, including kp's `default` copy. */
  public get clusterBuilders(): ClusterBuilder[] {
    return [...this.builders.values()];
  }

  /** The ClusterStack of that name (`default` for kp's copy of the default stack). */
  public findClusterStack(name: string): ClusterStack {
    return this.find(this.stacks, 'ClusterStack', name);
  }

  /** The ClusterStore of that name. */
  public findClusterStore(name: string): ClusterStore {
    return this.find(this.stores, 'ClusterStore', name);
  }

  /** The ClusterBuilder of that name (`default` for kp's copy of the default builder). */
  public findClusterBuilder(name: string): ClusterBuilder {
    return this.find(this.builders, 'ClusterBuilder', name);
  }

  /** The ClusterLifecycle of that name (`default-lifecycle` for kp's copy of the default lifecycle). */
  public findClusterLifecycle(name: string): ClusterLifecycle {
    return this.find(this.lifecycles, 'ClusterLifecycle', name);
  }

  /** The ClusterBuildpack of that name. */
  public findClusterBuildpack(name: string): ClusterBuildpack {
    return this.find(this.buildpacks, 'ClusterBuildpack', name);
  }

  private find<T>(map: Map<string, T>, kind: string, name: string): T {
    const found = map.get(name);
    if (!found) {
      const names = [...map.keys()].map(n => JSON.stringify(n)).join(', ') || 'none';
      throw new Error(`kp descriptor ${this.file} has no ${kind} ${JSON.stringify(name)} (it has: ${names})`);
    }
    return found;
  }

  private addLifecycle(name: string, image: string): void {
    this.lifecycles.set(name, new ClusterLifecycle(this, `ClusterLifecycle-${name}`, {
      metadata: { name }, image, serviceAccount: this.serviceAccount,
    }));
  }

  private addStack(name: string, e: StackEntry, stackId: string): void {
    this.stacks.set(name, new ClusterStack(this, `ClusterStack-${name}`, {
      metadata: { name }, stackId, buildImage: e.buildImage, runImage: e.runImage, serviceAccount: this.serviceAccount,
    }));
  }

  private stackId(e: StackEntry, stackIds: { [name: string]: string }): string {
    const given = stackIds[e.name];
    if (given !== undefined) {
      if (given === '') throw new Error(`kp descriptor ${this.file}: the stackIds option gives stack ${JSON.stringify(e.name)} an empty id`);
      return given;
    }
    const known = PaketoStack.fromBuildImage(e.buildImage);
    if (known) return known.stackId;
    throw new Error(`kp descriptor ${this.file}: ${e.at}: the stack id of buildImage ${JSON.stringify(e.buildImage)} cannot be read `
      + 'offline (kp reads its io.buildpacks.stack.id label from the registry) and it is no Paketo stack of the catalog; '
      + `give it with the stackIds option, e.g. stackIds: { ${JSON.stringify(e.name)}: 'io.buildpacks.stacks.jammy' } `
      + `(cdk8s-kpack descriptor: --stack-id ${e.name}=<id>)`);
  }

  /** The default repository without a trailing `/`, checked: `<repository>:clusterbuilder-<name>` must be a tag. */
  private repository(given: string | undefined, d: Descriptor): string {
    const first = d.clusterBuilders[0];
    if (given === undefined || given === '') {
      throw new Error(`kp descriptor ${this.file}: ${first.at}: kp tags builders <default repository>:clusterbuilder-<name>; `
        + 'give the defaultRepository option (cdk8s-kpack descriptor: --default-repository REPO), e.g. registry.example.com/kpack');
    }
    return kpDescriptor().checkRepository('defaultRepository', given);
  }

  private addBuilder(name: string, e: BuilderEntry, repository: string, options: KpDescriptorOptions): void {
    const stack = this.resolve(e, e.stackField, e.clusterStack, this.stacks, options.clusterStacks, 'ClusterStack', 'clusterStacks');
    const store = e.clusterStore === undefined ? undefined
      : this.resolve(e, e.storeField, e.clusterStore, this.stores, options.clusterStores, 'ClusterStore', 'clusterStores');
    const order = e.order.map(group => ({
      group: group.map(ref => {
        const refOptions = { version: ref.version, optional: ref.optional };
        if (!ref.name) return BuildpackRef.fromId(ref.id!, refOptions);
        const buildpack = this.resolve(e, 'order', ref.name, this.buildpacks, options.clusterBuildpacks, 'ClusterBuildpack', 'clusterBuildpacks');
        return BuildpackRef.fromClusterBuildpack(buildpack, { ...refOptions, buildpackId: ref.id });
      }),
    }));
    this.builders.set(name, new ClusterBuilder(this, `ClusterBuilder-${name}`, {
      metadata: { name },
      tag: `${repository}:clusterbuilder-${name}`,
      stack,
      store,
      order,
      serviceAccount: this.serviceAccount,
    }));
  }

  /** An object a builder names: the descriptor's own, or one given in the options. */
  private resolve<T extends { name: string }>(e: BuilderEntry, field: string, name: string, own: Map<string, T>,
    given: T[] | undefined, kind: string, option: string): T {
    const found = own.get(name) ?? given?.find(g => g.name === name);
    if (found) return found;
    const names = [...own.keys(), ...(given ?? []).map(g => g.name)].map(n => JSON.stringify(n)).join(', ') || 'none';
    throw new Error(`kp descriptor ${this.file}: ${e.at}: ${field} names ${kind} ${JSON.stringify(name)}, which is neither in the `
      + `descriptor nor given in the ${option} option (known: ${names}); add it to the descriptor, or pass the existing object `
      + `(e.g. ${kind}.from${kind}Name(...)) in ${option}`);
  }
}
