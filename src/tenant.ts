import { ApiObject, Chart, JsonPatch, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BuildServiceAccount } from './build-service-account';
import { NamespacedBuilder } from './builder';
import { BuilderOptions, IBuilder } from './builder-options';
import { ICredential } from './credentials/credential';
import { Image, ImageOptions } from './image';
import { checkBuilderOptions } from './private/builder-spec';
import { AppChecks } from './private/checks';
import { kubernetesRules } from './private/lazy';
import { checkSameNamespace } from './private/prop-rules';
import { PropChecks } from './private/props';
import { cpuQuantity, quantity } from './private/render';
import { KPACK_GROUP, kpackKind } from './validation/kinds';
import { validateLabels } from './validation/kubernetes/metadata';
import { NAMESPACE_NAME, OBJECT_NAME, SERVICE_ACCOUNT_NAME } from './validation/kubernetes/names';
import { isPlainObject } from './validation/kubernetes/problem';

/** A namespaced Builder of the tenant's own. */
export interface TenantBuilderOptions extends BuilderOptions {
  /**
   * The Builder's name.
   * @default 'builder'
   */
  readonly name?: string;
}

/** What a tenant's Images build with: a ClusterBuilder (or a Builder) made elsewhere, or a Builder of the tenant's own. */
export class TenantBuilder {
  /**
   * A builder made elsewhere: a ClusterBuilder (shared by tenants), or a Builder in the tenant's namespace.
   */
  public static fromBuilder(builder: IBuilder): TenantBuilder {
    const checks = new PropChecks('TenantBuilder.fromBuilder()');
    checks.ref('builder', builder, 'a ClusterBuilder (or a Builder in the tenant\'s namespace)', ['ClusterBuilder', 'Builder'], true);
    checks.throwIfFailed();
    return new TenantBuilder(builder, undefined);
  }

  /** A namespaced Builder of the tenant's own, in its namespace, built with the tenant's build service account. */
  public static ownBuilder(options: TenantBuilderOptions): TenantBuilder {
    const checks = new PropChecks('TenantBuilder.ownBuilder()');
    const o = checks.props(options, true, 'TenantBuilderOptions: an object with tag and stack');
    checkBuilderOptions(checks, o);
    if (o.name !== undefined) checks.name('name', o.name, OBJECT_NAME);
    checks.throwIfFailed();
    return new TenantBuilder(undefined, o as TenantBuilderOptions);
  }

  /** @internal */
  public readonly _builder?: IBuilder;
  /** @internal */
  public readonly _options?: TenantBuilderOptions;

  private constructor(builder: IBuilder | undefined, options: TenantBuilderOptions | undefined) {
    this._builder = builder;
    this._options = options;
  }
}

/** Limits of a tenant's ResourceQuota (only what is given is limited). */
export interface TenantResourceQuota {
  /**
   * Total CPU requests (`requests.cpu`).
   * @default - not limited
   */
  readonly requestsCpu?: kplus.Cpu;
  /**
   * Total memory requests (`requests.memory`).
   * @default - not limited
   */
  readonly requestsMemory?: Size;
  /**
   * Total CPU limits (`limits.cpu`); build containers then need a CPU limit, which the LimitRange defaults.
   * @default - not limited
   */
  readonly limitsCpu?: kplus.Cpu;
  /**
   * Total memory limits (`limits.memory`); build containers then need a memory limit, which the LimitRange defaults.
   * @default - not limited
   */
  readonly limitsMemory?: Size;
  /**
   * Number of pods, i.e. concurrent builds (`pods`).
   * @default - not limited
   */
  readonly pods?: number;
  /**
   * Number of PersistentVolumeClaims (`persistentvolumeclaims`): each Image with a volume cache has one.
   * @default - not limited
   */
  readonly persistentVolumeClaims?: number;
  /**
   * Total storage requested by PersistentVolumeClaims (`requests.storage`): kpack's default cache is 2G per Image.
   * @default - not limited
   */
  readonly requestsStorage?: Size;
}

/**
 * Defaults the tenant's LimitRange gives every container that sets no resources, kpack's build containers
 * included (kpack applies an Image's `build.resources` to every build container; without them these apply).
 * A build pod runs its steps one after the other, so one build needs one container's worth of resources.
 */
export interface BuildContainerDefaults {
  /**
   * Default CPU request.
   * @default 250m
   */
  readonly cpuRequest?: kplus.Cpu;
  /**
   * Default memory request.
   * @default 512Mi
   */
  readonly memoryRequest?: Size;
  /**
   * Default CPU limit.
   * @default - none (builds may burst), or 2 CPUs when the quota limits `limits.cpu`
   */
  readonly cpuLimit?: kplus.Cpu;
  /**
   * Default memory limit. Too low a limit gets builds OOM-killed: JVM builds commonly need 2Gi.
   * @default - none, or 2Gi when the quota limits `limits.memory`
   */
  readonly memoryLimit?: Size;
}

/** Props of a `Tenant`. */
export interface TenantProps {
  /** The tenant's name, which is also its namespace: an RFC 1123 label (lower case, digits, `-`, at most 63 characters). */
  readonly name: string;

  /**
   * What the tenant's Images build with: `TenantBuilder.fromBuilder(clusterBuilder)` or
   * `TenantBuilder.ownBuilder({ tag, stack, ... })`.
   */
  readonly builder: TenantBuilder;

  /**
   * The groups (as the cluster's authenticator names them) that may manage the tenant's Images and read its
   * Builds, Builders and build logs.
   * @default - none: the Role is created but not bound (bind `tenant.role` yourself)
   */
  readonly groups?: string[];

  /**
   * Credentials of the tenant's build service account (they must be in the tenant's namespace). Add more with
   * `addCredential()`.
   * @default - none
   */
  readonly credentials?: ICredential[];

  /**
   * Pull secrets of a private builder image (a ClusterBuilder's image lives outside the namespace): listed as
   * image pull secrets of the build service account so the kubelet can pull it for build pods.
   * @default - none
   */
  readonly builderPullSecrets?: kplus.ISecret[];

  /**
   * Name of the build service account.
   * @default 'kpack-builds'
   */
  readonly serviceAccountName?: string;

  /**
   * A ResourceQuota for the namespace. When it limits CPU or memory, a LimitRange with `buildContainerDefaults`
   * is created too, so build pods without resources are admitted.
   * @default - no quota
   */
  readonly quota?: TenantResourceQuota;

  /**
   * Defaults of the namespace's LimitRange.
   * @default - no LimitRange, unless `quota` limits CPU or memory (then the defaults documented on `BuildContainerDefaults`)
   */
  readonly buildContainerDefaults?: BuildContainerDefaults;

  /**
   * Labels of the namespace.
   * @default - none
   */
  readonly namespaceLabels?: { [key: string]: string };
}

function millicores(cpu: kplus.Cpu): number {
  return cpu.amount.endsWith('m') ? parseFloat(cpu.amount) : parseFloat(cpu.amount) * 1000;
}

function kibibytes(size: Size): number {
  return size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
}

/**
 * One team on a shared kpack installation, as its own chart (written to its own file): the namespace, a build
 * service account with the team's credentials, its own Builder or the use of a ClusterBuilder, a Role and
 * RoleBinding that let the team's groups manage Images and read Builds, and optionally a ResourceQuota with a
 * LimitRange whose defaults let kpack's build pods in. `addImage()` creates Images in the namespace.
 */
export class Tenant extends Chart {
  /** The namespace (the tenant's name). */
  public readonly namespaceName: string;
  /** The build service account of the tenant's Images (and of its own Builder). */
  public readonly serviceAccount: BuildServiceAccount;
  /** The Builder or ClusterBuilder the tenant's Images build with. */
  public readonly builder: IBuilder;
  /** The Role that manages Images and reads Builds in the namespace. */
  public readonly role: kplus.Role;

  public constructor(scope: Construct, id: string, props: TenantProps) {
    const checks = PropChecks.forNew('Tenant', scope, id);
    props = checkTenantProps(checks, props);
    const owner = checks.owner;
    const name = props.name;
    super(scope, id, { namespace: name, disableResourceNameHashes: true });
    this.namespaceName = name;

    // First in the chart, so the namespace is applied before what lives in it.
    const namespace = new kplus.Namespace(this, 'Namespace', { metadata: { name, labels: props.namespaceLabels } });
    ApiObject.of(namespace).addJsonPatch(JsonPatch.remove('/metadata/namespace')); // cluster-scoped

    this.serviceAccount = new BuildServiceAccount(this, 'ServiceAccount', {
      metadata: { name: props.serviceAccountName ?? 'kpack-builds' },
      imagePullSecrets: props.builderPullSecrets,
    });
    for (const c of props.credentials ?? []) this.addCredential(c);

    const own = props.builder._options;
    if (own) {
      const { name: builderName, ...options } = own;
      this.builder = new NamespacedBuilder(this, 'Builder', { ...options, metadata: { name: builderName ?? 'builder' }, serviceAccount: this.serviceAccount });
    } else {
      this.builder = props.builder._builder!;
    }

    this.role = this.createRole(props.groups ?? []);
    this.createQuota(owner, props.quota, props.buildContainerDefaults);
  }

  /** Adds a credential (in the tenant's namespace) to the build service account. */
  public addCredential(credential: ICredential): void {
    this.serviceAccount.addCredential(credential);
  }

  /** Creates an Image in the tenant's namespace, built by the tenant's builder with its service account. */
  public addImage(id: string, options: ImageOptions): Image {
    const checks = PropChecks.forConstruct('Tenant', this);
    checks.string('addImage(id)', id, { required: true, nonEmpty: true, expected: 'a construct id for the Image' });
    checks.props(options, true, 'ImageOptions: an object with tag and source');
    checks.throwIfFailed();
    if (options.metadata?.namespace !== undefined && options.metadata.namespace !== this.namespaceName) {
      throw new Error(`Tenant "${this.node.path}": Image "${id}" must be in the tenant's namespace "${this.namespaceName}", `
        + `not "${options.metadata.namespace}"`);
    }
    return new Image(this, id, { ...options, serviceAccount: options.serviceAccount ?? this.serviceAccount, builder: this.builder });
  }

  private createRole(groups: string[]): kplus.Role {
    const kpackResource = (kind: string) => kplus.ApiResource.custom({ apiGroup: KPACK_GROUP, resourceType: kpackKind(kind).plural });
    const role = new kplus.Role(this, 'Role', { metadata: { name: 'kpack-images' } });
    role.allow(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], kpackResource('Image'));
    role.allowRead(kpackResource('Build'), kpackResource('Builder'), kpackResource('SourceResolver'),
      kplus.ApiResource.PODS, kplus.ApiResource.custom({ apiGroup: '', resourceType: 'pods/log' }));
    if (groups.length > 0) {
      const binding = new kplus.RoleBinding(this, 'RoleBinding', { metadata: { name: 'kpack-images' }, role });
      binding.addSubjects(...groups.map((g, i) => kplus.Group.fromName(this, `Group${i}`, g)));
    }
    return role;
  }

  private createQuota(owner: string, quota: TenantResourceQuota | undefined, given: BuildContainerDefaults | undefined): void {
    const limitsCompute = quota && (quota.requestsCpu || quota.requestsMemory || quota.limitsCpu || quota.limitsMemory);
    if (quota) {
      const hard: { [key: string]: kplus.k8s.Quantity } = {};
      const put = (key: string, value: string | undefined) => {
        if (value !== undefined) hard[key] = kplus.k8s.Quantity.fromString(value);
      };
      put('requests.cpu', cpuQuantity(quota.requestsCpu));
      put('requests.memory', quantity(quota.requestsMemory));
      put('limits.cpu', cpuQuantity(quota.limitsCpu));
      put('limits.memory', quantity(quota.limitsMemory));
      put('pods', quota.pods?.toString());
      put('persistentvolumeclaims', quota.persistentVolumeClaims?.toString());
      put('requests.storage', quantity(quota.requestsStorage));
      new kplus.k8s.KubeResourceQuota(this, 'ResourceQuota', { metadata: { name: 'kpack-builds' }, spec: { hard } });
    }
    if (!given && !limitsCompute) return;

    const d = {
      cpuRequest: given?.cpuRequest ?? kplus.Cpu.millis(250),
      memoryRequest: given?.memoryRequest ?? Size.mebibytes(512),
      cpuLimit: given?.cpuLimit ?? (quota?.limitsCpu ? kplus.Cpu.units(2) : undefined),
      memoryLimit: given?.memoryLimit ?? (quota?.limitsMemory ? Size.gibibytes(2) : undefined),
    };
    const tooSmall = (what: string, total: string, totalValue: number, each: string, eachValue: number) => {
      if (totalValue < eachValue) {
        throw new Error(`${owner}: quota.${total} is less than one build container's ${each} (buildContainerDefaults.${each}): `
          + `no build pod would be admitted, ${what}`);
      }
    };
    if (d.cpuLimit && millicores(d.cpuLimit) < millicores(d.cpuRequest)) {
      throw new Error(`${owner}: buildContainerDefaults.cpuLimit ${d.cpuLimit.amount} is below cpuRequest ${d.cpuRequest.amount}: `
        + 'Kubernetes rejects such a LimitRange');
    }
    if (d.memoryLimit && kibibytes(d.memoryLimit) < kibibytes(d.memoryRequest)) {
      throw new Error(`${owner}: buildContainerDefaults.memoryLimit ${quantity(d.memoryLimit)} is below memoryRequest `
        + `${quantity(d.memoryRequest)}: Kubernetes rejects such a LimitRange`);
    }
    const raise = 'raise the quota or lower the default';
    if (quota?.requestsCpu) tooSmall(raise, 'requestsCpu', millicores(quota.requestsCpu), 'cpuRequest', millicores(d.cpuRequest));
    if (quota?.requestsMemory) tooSmall(raise, 'requestsMemory', kibibytes(quota.requestsMemory), 'memoryRequest', kibibytes(d.memoryRequest));
    if (quota?.limitsCpu && d.cpuLimit) tooSmall(raise, 'limitsCpu', millicores(quota.limitsCpu), 'cpuLimit', millicores(d.cpuLimit));
    if (quota?.limitsMemory && d.memoryLimit) tooSmall(raise, 'limitsMemory', kibibytes(quota.limitsMemory), 'memoryLimit', kibibytes(d.memoryLimit));
    if (d.memoryLimit && kibibytes(d.memoryLimit) < 1024 * 1024) {
      AppChecks.of(this).addWarning(this, `buildContainerDefaults.memoryLimit ${quantity(d.memoryLimit)} is below 1Gi: builds `
        + 'without build.resources (JVM builds in particular) are likely to be OOM-killed', 'tenant-build-memory');
    }

    const resources = (cpu: kplus.Cpu | undefined, memory: Size | undefined) => {
      const out: { [key: string]: kplus.k8s.Quantity } = {};
      if (cpu) out.cpu = kplus.k8s.Quantity.fromString(cpuQuantity(cpu)!);
      if (memory) out.memory = kplus.k8s.Quantity.fromString(quantity(memory)!);
      return Object.keys(out).length > 0 ? out : undefined;
    };
    new kplus.k8s.KubeLimitRange(this, 'LimitRange', {
      metadata: { name: 'kpack-builds' },
      spec: {
        limits: [{
          type: 'Container',
          defaultRequest: resources(d.cpuRequest, d.memoryRequest),
          default: resources(d.cpuLimit, d.memoryLimit),
        }],
      },
    });
  }
}

/** What a Tenant is given, checked before anything is created. */
function checkTenantProps(checks: PropChecks, given: TenantProps): TenantProps {
  const p = checks.props(given, true, 'an object with name and builder');
  checks.throwIfFailed();
  checks.name('name', p.name, NAMESPACE_NAME);
  if (checks.instance('builder', p.builder, TenantBuilder,
    'a TenantBuilder (TenantBuilder.fromBuilder(clusterBuilder) or TenantBuilder.ownBuilder({ tag, stack, ... }))', true)
    && typeof p.name === 'string') {
    checkSameNamespace(checks, 'builder', p.builder._builder, p.name, 'Tenant');
  }
  checks.strings('groups', p.groups, { nonEmpty: true });
  if (p.credentials !== undefined && p.credentials !== null) {
    if (checks.expect(Array.isArray(p.credentials), 'credentials', p.credentials, 'a list of credentials')) {
      (p.credentials as unknown[]).forEach((c, i) => checks.secret(`credentials[${i}]`, c, true));
    }
  }
  checks.secrets('builderPullSecrets', p.builderPullSecrets);
  if (p.serviceAccountName !== undefined) checks.name('serviceAccountName', p.serviceAccountName, SERVICE_ACCOUNT_NAME);
  checks.add(validateLabels('namespaceLabels', p.namespaceLabels));
  const quota = p.quota;
  if (quota !== undefined && quota !== null && checks.expect(isPlainObject(quota), 'quota', quota, 'TenantResourceQuota')) {
    checks.cpu('quota.requestsCpu', quota.requestsCpu);
    checks.cpu('quota.limitsCpu', quota.limitsCpu);
    checks.size('quota.requestsMemory', quota.requestsMemory);
    checks.size('quota.limitsMemory', quota.limitsMemory);
    checks.size('quota.requestsStorage', quota.requestsStorage);
    checks.integer('quota.pods', quota.pods, 1);
    checks.integer('quota.persistentVolumeClaims', quota.persistentVolumeClaims, 1);
    if (!checks.failed) {
      // the ResourceQuota's `hard` entries, as the API server checks them (ValidateResourceQuantityValue)
      const hard: Array<[string, string, string | undefined]> = [
        ['requestsCpu', 'requests.cpu', quota.requestsCpu?.amount], ['limitsCpu', 'limits.cpu', quota.limitsCpu?.amount],
        ['requestsMemory', 'requests.memory', quantity(quota.requestsMemory)], ['limitsMemory', 'limits.memory', quantity(quota.limitsMemory)],
        ['requestsStorage', 'requests.storage', quantity(quota.requestsStorage)],
      ];
      for (const [prop, resource, value] of hard) {
        if (value !== undefined) checks.add(kubernetesRules().validateResourceQuantityValue(`quota.${prop}`, resource, value));
      }
    }
  }
  const d = p.buildContainerDefaults;
  if (d !== undefined && d !== null && checks.expect(isPlainObject(d), 'buildContainerDefaults', d, 'BuildContainerDefaults')) {
    for (const key of ['cpuRequest', 'cpuLimit']) {
      if (checks.cpu(`buildContainerDefaults.${key}`, d[key])) checks.add(kubernetesRules().validateNonNegativeQuantity(`buildContainerDefaults.${key}`, d[key].amount));
    }
    for (const key of ['memoryRequest', 'memoryLimit']) checks.size(`buildContainerDefaults.${key}`, d[key]);
  }
  checks.throwIfFailed();
  return p as TenantProps;
}
