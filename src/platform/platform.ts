import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CloudIdentity } from './cloud-identity';
import { KpackImages } from './images';
import { registerPlatform } from './registry';
import { KpackVersion } from './version';
import * as kpack from '../imports/kpack';
import { checkKpConfigFields, KpConfig, KpConfigProps } from '../kp/kp-config';
import { AppChecks } from '../private/checks';
import { ClusterScopedApiObject } from '../private/imported';
import { onFirstUse } from '../private/lazy';
import { described, ownedError, PropChecks, who } from '../private/props';
import { resourceRequirements, withoutNullFields } from '../private/render';
import { show } from '../validation/json';
import { KPACK_NAMESPACE } from '../validation/kinds';

/* eslint-disable @typescript-eslint/no-require-imports */
// How the platform renders and checks the release, loaded with the first KpackPlatform: apps without one do not pay
// for them when they require the package.
const logging = onFirstUse(() => require('./logging') as typeof import('./logging'));
const platformOrdering = onFirstUse(() => require('./ordering') as typeof import('./ordering'));
const podOptions = onFirstUse(() => require('./pod-options') as typeof import('./pod-options'));
const podSecurity = onFirstUse(() => require('./pod-security') as typeof import('./pod-security'));
const releaseImages = onFirstUse(() => require('./release-images') as typeof import('./release-images'));
const releaseTemplates = onFirstUse(() => require('./release-templates') as typeof import('./release-templates'));
const settings = onFirstUse(() => require('./settings') as typeof import('./settings'));
const scheduling = onFirstUse(() => require('../validation/kubernetes/scheduling') as typeof import('../validation/kubernetes/scheduling'));
/* eslint-enable @typescript-eslint/no-require-imports */

/** kpack's log levels (zap). */
export enum LogLevel {
  /** Debug and above. */
  DEBUG = 'debug',
  /** Info and above (kpack's default). */
  INFO = 'info',
  /** Warnings and errors. */
  WARN = 'warn',
  /** Errors only. */
  ERROR = 'error',
}

/** Pod settings of kpack's controller or webhook Deployment. */
export interface KpackComponentOptions {
  /**
   * Resources of the container, replacing kpack's (controller: requests cpu 20m, memory 1Gi, limit memory 1Gi;
   * webhook: requests cpu 10m, memory 50Mi, limits cpu 100m, memory 200Mi).
   * @default - kpack's
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Node labels the pod must match, added to kpack's `kubernetes.io/os: linux` (which cannot change).
   * @default - only `kubernetes.io/os: linux`
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Tolerations of the pod.
   * @default - none
   */
  readonly tolerations?: kpack.Toleration[];

  /**
   * Affinity of the pod.
   * @default - none
   */
  readonly affinity?: kpack.Affinity;

  /**
   * PriorityClass of the pod.
   * @default 'kpack-control-plane' (installed by the platform, value 10000)
   */
  readonly priorityClassName?: string;

  /**
   * Extra labels of the pod (not of its selector). `app`, `role` and `version` are kpack's and cannot be set.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * Extra annotations of the pod.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
}

/** Settings of kpack's controller (Deployment `kpack-controller`). */
export interface KpackControllerOptions extends KpackComponentOptions {
  /**
   * Replicas. kpack's controller has no leader election, so only 1 is allowed: two controllers would both
   * create builds.
   * @default 1
   */
  readonly replicas?: number;
}

/** Settings of kpack's webhook (Deployment `kpack-webhook`). */
export interface KpackWebhookOptions extends KpackComponentOptions {
  /**
   * Replicas (at least 1; the webhook elects a leader for its certificate work). With more than one, a
   * PodDisruptionBudget `kpack-webhook` (minAvailable 1) keeps one serving during node drains.
   * @default 1
   */
  readonly replicas?: number;
}

/** Props of a `KpackPlatform`. */
export interface KpackPlatformProps {
  /**
   * The kpack release to install. The app's kpack objects are checked against this version.
   * @default - the newest version this package ships, `KpackVersion.V0_17_2`
   */
  readonly version?: KpackVersion;

  /**
   * A registry (and path) that holds copies of kpack's images, for air-gapped clusters: every component
   * becomes `<imageRegistry>/<component>:<version>`, or `<imageRegistry>/<component>@<digest>` with
   * `releaseFile`. Copy them with e.g. `crane copy` or `imgpkg`, keeping the names controller, webhook,
   * build-init, build-waiter, rebase, completion, lifecycle.
   * @default - kpack's registry, `ghcr.io/buildpacks-community/kpack/<component>:<version>`. Tags can be
   * re-pushed; use `releaseFile` to pin digests
   */
  readonly imageRegistry?: string;

  /**
   * The image of individual components, overriding `imageRegistry` and `releaseFile`.
   * @default - none
   */
  readonly images?: KpackImages;

  /**
   * Path of kpack's own `release-<version>.yaml`, downloaded from the GitHub release: every image is pinned to
   * the digest it records (read at synth, offline; a relative path is taken from the current directory). With
   * `imageRegistry`, the digests are kept and the registry is replaced.
   * @default - images by tag
   */
  readonly releaseFile?: string;

  /**
   * Settings of the controller.
   * @default - kpack's
   */
  readonly controller?: KpackControllerOptions;

  /**
   * Settings of the webhook.
   * @default - kpack's
   */
  readonly webhook?: KpackWebhookOptions;

  /**
   * Secrets (in the `kpack` namespace) that pull the controller and webhook images. Build pods pull kpack's
   * build images with the secrets of their own ServiceAccount.
   * @default - none
   */
  readonly imagePullSecrets?: kplus.ISecret[];

  /**
   * Give Builds that kpack starts the PriorityClass `kpack-build-high-priority` (source, config or trigger
   * changes) or `kpack-build-low-priority` (buildpack, stack or lifecycle updates): `ENABLE_PRIORITY_CLASSES`.
   * @default false
   */
  readonly enablePriorityClasses?: boolean;

  /**
   * Run build steps as regular containers that wait for injected sidecars (Istio and other meshes):
   * `INJECTED_SIDECAR_SUPPORT`.
   * @default false
   */
  readonly injectedSidecarSupport?: boolean;

  /**
   * Write a SLSA v1 provenance attestation for every build (experimental in kpack):
   * `EXPERIMENTAL_GENERATE_SLSA_ATTESTATION`.
   * @default false
   */
  readonly generateSlsaAttestation?: boolean;

  /**
   * Trust unknown SSH host keys of git servers: `INSECURE_SSH_TRUST_UNKNOWN_HOSTS`. Set false to require
   * `known_hosts` in the ssh-auth secrets.
   * @default true (kpack's default)
   */
  readonly insecureSshTrustUnknownHosts?: boolean;

  /**
   * Multiplies the controller's workers and API client rate limits (a whole number, at least 1):
   * `SCALING_FACTOR`.
   * @default 1
   */
  readonly scalingFactor?: number;

  /**
   * Poll git with shallow clones and rebuild only when an Image's `subPath` changed (experimental):
   * `GIT_RESOLVER_USE_SHALLOW_CLONE`.
   * @default - not set (false)
   */
  readonly gitResolverUseShallowClone?: boolean;

  /**
   * The highest CNB platform API builds may use, e.g. `0.8`: `MAXIMUM_PLATFORM_API_VERSION`.
   * @default - not capped
   */
  readonly maximumPlatformApiVersion?: string;

  /**
   * Proxy for the controller's HTTP requests (`HTTP_PROXY`), e.g. `http://proxy.internal:3128`. A URL with
   * credentials (`user:password@`) is refused, since it would be written into the manifest: give them as
   * `proxyCredentials`.
   * @default - none
   */
  readonly httpProxy?: string;

  /**
   * Proxy for the controller's HTTPS requests (`HTTPS_PROXY`): registries, git over https, blobs. A URL with
   * credentials is refused: give them as `proxyCredentials`.
   * @default - none
   */
  readonly httpsProxy?: string;

  /**
   * Credentials of the proxy: a `kubernetes.io/basic-auth` Secret in the `kpack` namespace with the keys
   * `username` and `password`. The controller reads them through `valueFrom.secretKeyRef` into
   * `KPACK_PROXY_USERNAME` and `KPACK_PROXY_PASSWORD`, and its proxy URLs use them as
   * `http://$(KPACK_PROXY_USERNAME):$(KPACK_PROXY_PASSWORD)@host:port` (the kubelet expands variables defined
   * earlier in the list), so no credential is written into a manifest. Go reads the result as a URL: in the
   * Secret, percent-encode what a URL reserves (`%` as `%25`, `/` as `%2F`, `?`, `#`, spaces, and `:` in the
   * username). Cannot be combined with `proxyBuilds`: kpack refuses Secret references in build env, so builds
   * would get the password as plain text.
   * @default - the proxy needs no credentials
   */
  readonly proxyCredentials?: kplus.ISecret;

  /**
   * Hosts, domains (`.internal`) and CIDRs the controller reaches directly (`NO_PROXY`). With a proxy, the
   * Kubernetes API address (`$(KUBERNETES_SERVICE_HOST)`) is always added.
   * @default - only the Kubernetes API when a proxy is set
   */
  readonly noProxy?: string[];

  /**
   * Also give every Image and Build in the app the proxy settings in its build env (`HTTP_PROXY`,
   * `HTTPS_PROXY`, `NO_PROXY` and their lower-case forms), so buildpacks download through the proxy. An
   * Image's own env wins. Build pods' source fetch and registry access do not use it. Not with
   * `proxyCredentials`: kpack's build env takes no Secret reference (its webhook refuses
   * `valueFrom.secretKeyRef`), and a password written into every Image would be readable by every tenant; give
   * builds a proxy that needs no credentials.
   * @default false
   */
  readonly proxyBuilds?: boolean;

  /**
   * Extra CA certificates (PEM) the controller trusts, e.g. of a private registry or git server. They go into
   * ConfigMap `kpack/kpack-ca-certificates`, mounted read-only into the controller and added to its trust
   * through `SSL_CERT_DIR`. Build pods do not get them.
   * @default - the image's system CAs only
   */
  readonly caCertificates?: string;

  /**
   * A docker-config Secret in the `kpack` namespace whose credentials the controller adds to every registry
   * it reads (ClusterStacks, ClusterStores, ClusterBuildpacks, lifecycles, builders), mounted read-only at
   * `/var/kpack/credentials`: `CREDENTIAL_PROVIDER_SECRET_PATH`.
   * @default - none
   */
  readonly registryCredentials?: kplus.ISecret;

  /**
   * A cloud identity for the controller's ServiceAccount (AWS IRSA, GKE Workload Identity, Azure Workload
   * Identity).
   * @default - none
   */
  readonly controllerIdentity?: CloudIdentity;

  /**
   * The log level of the controller and the webhook (`config-logging`).
   * @default LogLevel.INFO
   */
  readonly logLevel?: LogLevel;

  /**
   * Also write the `kpack/kp-config` ConfigMap (default repository and service account), so the kp CLI works
   * against this installation (`kp clusterbuilder create`, `kp import`, ...).
   * @default - no kp-config
   */
  readonly kpConfig?: KpConfigProps;
}

const NAMESPACE = KPACK_NAMESPACE;
const CA_DIR = '/etc/kpack/ca-certificates';
const INT32_MAX = 2 ** 31 - 1;
const CREDENTIALS_DIR = '/var/kpack/credentials';
const RESERVED_POD_LABELS = ['app', 'role', 'version'];
const BUILD_PROXY_CREDENTIALS = 'kpack\'s build env takes no Secret reference (its webhook refuses '
  + 'valueFrom.secretKeyRef), so the password would be written into every Image and Build as plain text, readable '
  + 'by every tenant. Give builds a proxy that needs no credentials (e.g. an endpoint that admits the build '
  + 'nodes), per Image with addEnv, or leave proxyBuilds off';

/**
 * A complete kpack installation: the objects of kpack's own release of `version` (namespace `kpack`, the
 * CRDs, controller, webhook, RBAC, webhook configurations, ConfigMaps, PriorityClasses and the default
 * lifecycle), rendered from the release templates this package ships, with typed options for images,
 * scheduling, resources, feature flags, proxy, CAs and cloud identity.
 *
 * With default props the output is kpack's release, object for object. The namespace and CRDs come first,
 * and every kpack object of the app is ordered after the platform, so one `cdk8s synth` can be applied in
 * order: in the platform's chart its objects open the file, and every other chart with kpack objects comes after
 * the platform's chart, through a relay chart without objects (`<chart>-ordering`, an empty file), so the ordering
 * costs the same whatever the number of objects. An app has at most one platform; it makes the app's kpack objects
 * follow its version.
 */
export class KpackPlatform extends Construct {
  /** The namespace kpack is installed in. */
  public static readonly NAMESPACE = NAMESPACE;

  /** The kpack release installed. */
  public readonly version: KpackVersion;

  /** The image of every component, as installed. */
  public readonly images: KpackImages;

  private readonly props: KpackPlatformProps;
  private readonly foundations: ApiObject[] = [];

  public constructor(scope: Construct, id: string, props: KpackPlatformProps = {}) {
    super(scope, id);
    // Every error about the props names the platform, as the other constructs' errors do (a TypeError stays one: a bug).
    try {
      // JavaScript's null, for the props or one of them: not set
      props = checkPropTypes(new PropChecks(who('KpackPlatform', this)), props);
      this.props = props;
      if (props.version !== undefined && props.version !== null && !(props.version instanceof KpackVersion)) {
        throw new Error(`version must be a KpackVersion (${KpackVersion.all().map(v => `KpackVersion.${KpackVersion._constantName(v.tag)}`).join(', ')} `
          + `or KpackVersion.of(version, { releaseFile })), got ${described(props.version)}`);
      }
      this.version = props.version ?? KpackVersion._default();
      checkProps(props);

      // A version this package does not ship (KpackVersion.of) is installed from its release file, a shipped one from
      // its release templates; a release file given for a shipped one pins its images.
      const { imageComponents, readRelease, resolveImages, withImages } = releaseImages();
      const releaseFile = releaseFileOf(props, this.version);
      const release = releaseFile === undefined ? undefined : readRelease(releaseFile, this.version);
      const components = imageComponents(this.version);
      const images = resolveImages({ version: this.version, imageRegistry: props.imageRegistry, images: props.images, release });
      const byProp: { [prop: string]: string } = {};
      const values: { [key: string]: string } = { kpack_version: this.version.version };
      for (const c of components) {
        values[`${c.value}.image`] = images[c.value];
        byProp[c.prop] = images[c.value];
      }
      this.images = byProp;

      const { PlatformOrdering } = platformOrdering();
      const ordering = new PlatformOrdering(this);
      const objects = this.version.releaseFile === undefined
        ? releaseTemplates().renderReleaseTemplates(this.version.tag, values)
        : withImages(release!, components, images);
      this.configure(objects);
      this.createObjects(objects);
      if (props.kpConfig) {
        // After the namespace it lives in, like every other object of the platform.
        new KpConfig(this, 'KpConfig', props.kpConfig).node.addDependency(...this.foundations);
      }

      registerPlatform(this, this);
      AppChecks.of(this).installVersion(this.version, this.node.path);
      ordering.seal();
      this.node.addValidation({ validate: () => ordering.orderOtherCharts() });
    } catch (e) {
      throw ownedError(who('KpackPlatform', this), e);
    }
  }

  /**
   * The proxy settings as build env (`HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY` and lower-case forms), for
   * Images and Builds that should use the proxy; `proxyBuilds` gives them to every Image and Build.
   * @throws with `proxyCredentials`: builds cannot take the credentials from a Secret
   */
  public get proxyEnv(): { [name: string]: string } {
    if (this.props.proxyCredentials) {
      throw new Error(`${who('KpackPlatform', this)}: proxyEnv is not available with proxyCredentials: ${BUILD_PROXY_CREDENTIALS}`);
    }
    return settings().buildProxyEnv(this.props);
  }

  /** @internal */
  public get _buildEnvForApp(): { [name: string]: string } {
    return this.props.proxyBuilds ? this.proxyEnv : {};
  }

  /** Applies the props to the rendered release objects. */
  private configure(objects: any[]): void {
    const p = this.props;
    const find = (kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name);
    const controller = find('Deployment', 'kpack-controller');
    const webhook = find('Deployment', 'kpack-webhook');
    configurePod('controller', controller, p.controller ?? {}, p.imagePullSecrets);
    configurePod('webhook', webhook, p.webhook ?? {}, p.imagePullSecrets);

    if ((p.webhook?.replicas ?? 1) > 1) {
      webhook.spec.replicas = p.webhook!.replicas;
      objects.push({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'kpack-webhook', namespace: NAMESPACE },
        spec: { minAvailable: 1, selector: { matchLabels: { ...webhook.spec.selector.matchLabels } } },
      });
    }

    const container = controller.spec.template.spec.containers[0];
    const setEnv = (name: string, value: string | boolean | number | undefined) => {
      if (value === undefined) return;
      const existing = container.env.find((e: any) => e.name === name);
      if (existing) existing.value = String(value);
      else container.env.push({ name, value: String(value) });
    };
    setEnv('ENABLE_PRIORITY_CLASSES', p.enablePriorityClasses);
    setEnv('INJECTED_SIDECAR_SUPPORT', p.injectedSidecarSupport);
    setEnv('EXPERIMENTAL_GENERATE_SLSA_ATTESTATION', p.generateSlsaAttestation);
    setEnv('INSECURE_SSH_TRUST_UNKNOWN_HOSTS', p.insecureSshTrustUnknownHosts);
    setEnv('SCALING_FACTOR', p.scalingFactor);
    setEnv('GIT_RESOLVER_USE_SHALLOW_CLONE', p.gitResolverUseShallowClone);
    setEnv('MAXIMUM_PLATFORM_API_VERSION', p.maximumPlatformApiVersion);
    container.env.push(...settings().controllerProxyEnv(p, p.proxyCredentials));

    const pod = controller.spec.template.spec;
    if (p.caCertificates !== undefined) {
      objects.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kpack-ca-certificates', namespace: NAMESPACE },
        data: { 'ca-certificates.crt': p.caCertificates },
      });
      mount(pod, container, 'ca-certificates', { configMap: { name: 'kpack-ca-certificates' } }, CA_DIR);
      // Go reads the system bundle file as before and adds every file of these directories.
      setEnv('SSL_CERT_DIR', `/etc/ssl/certs:${CA_DIR}`);
    }
    if (p.registryCredentials) {
      mount(pod, container, 'registry-credentials', { secret: { secretName: p.registryCredentials.name } }, CREDENTIALS_DIR);
      setEnv('CREDENTIAL_PROVIDER_SECRET_PATH', CREDENTIALS_DIR);
    }
    if (p.controllerIdentity) {
      const sa = find('ServiceAccount', 'controller');
      sa.metadata.annotations = { ...sa.metadata.annotations, ...p.controllerIdentity.serviceAccountAnnotations };
      addPodLabels('controllerIdentity', controller, p.controllerIdentity.podLabels);
    }
    if (p.logLevel !== undefined) {
      logging().setZapLevel(find('ConfigMap', 'config-logging'), p.logLevel, `kpack ${this.version.tag}`);
    }
  }

  /** One ApiObject per object; the namespace and CRDs first, and everything else after them. */
  private createObjects(objects: any[]): void {
    const first = (o: any) => o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition';
    const foundations = this.foundations;
    for (const o of [...objects.filter(first), ...objects.filter(other => !first(other))]) {
      const props = { ...o, metadata: o.metadata };
      const id = `${o.kind}-${o.metadata.name}`;
      const apiObject = o.metadata.namespace === undefined
        ? new ClusterScopedApiObject(this, id, props)
        : new ApiObject(this, id, props);
      if (first(o)) foundations.push(apiObject);
      else apiObject.node.addDependency(...foundations);
    }
  }
}

/** The release file to read: `releaseFile`, or the one a version not shipped with this package is installed from. */
function releaseFileOf(props: KpackPlatformProps, version: KpackVersion): string | undefined {
  if (props.releaseFile !== undefined && version.releaseFile !== undefined && props.releaseFile !== version.releaseFile) {
    throw new Error(`releaseFile ${JSON.stringify(props.releaseFile)} is not the release file of version ${version.tag} `
      + `(${JSON.stringify(version.releaseFile)}, given to KpackVersion.of): give it once, to KpackVersion.of`);
  }
  return props.releaseFile ?? version.releaseFile;
}

function checkSecretInKpack(option: string, secret: kplus.ISecret): void {
  const namespace = secret instanceof kplus.Secret ? secret.metadata.namespace : undefined;
  if (namespace !== undefined && namespace !== NAMESPACE) {
    throw new Error(`${option} is Secret "${secret.name}" in namespace "${namespace}": kpack's pods can only use `
      + `Secrets of their own namespace, "${NAMESPACE}"`);
  }
}

/**
 * The types of the props that the later checks take for granted, as JavaScript and Python callers may get them wrong
 * (the other props are checked where they are read: versions, images, proxies, pod options, Secrets, the log level).
 */
function checkPropTypes(checks: PropChecks, props: unknown): KpackPlatformProps {
  const p = checks.props(props, false, 'KpackPlatformProps');
  for (const option of ['enablePriorityClasses', 'injectedSidecarSupport', 'generateSlsaAttestation', 'insecureSshTrustUnknownHosts',
    'gitResolverUseShallowClone', 'proxyBuilds']) {
    checks.boolean(option, p[option]);
  }
  checks.string('releaseFile', p.releaseFile, { nonEmpty: true });
  checks.string('maximumPlatformApiVersion', p.maximumPlatformApiVersion);
  checks.string('caCertificates', p.caCertificates);
  checks.strings('noProxy', p.noProxy, { nonEmpty: true });
  checks.instance('controllerIdentity', p.controllerIdentity, CloudIdentity,
    'a CloudIdentity (CloudIdentity.awsIamRole, .gcpServiceAccount or .azureWorkloadIdentity)');
  for (const component of ['controller', 'webhook']) {
    const o = p[component];
    if (o !== undefined && o !== null && (typeof o !== 'object' || Array.isArray(o))) checks.expect(false, component, o, 'an object of pod options');
  }
  const kp = p.kpConfig;
  if (kp !== undefined && kp !== null) {
    if (typeof kp !== 'object' || Array.isArray(kp)) {
      checks.expect(false, 'kpConfig', kp, 'an object (KpConfigProps): { defaultRepository, serviceAccount? }');
    } else {
      checkKpConfigFields(checks.nested('kpConfig'), kp);
    }
  }
  checks.throwIfFailed();
  return p;
}

function checkProps(p: KpackPlatformProps): void {
  const { checkPem, checkProxyUrl, redact, refuseUserinfo } = settings();
  const { secretNameProblems, throwProblems } = podOptions();
  const controllerReplicas = p.controller?.replicas;
  if (controllerReplicas !== undefined && controllerReplicas !== 1) {
    throw new Error(`controller.replicas is ${controllerReplicas}: kpack's controller has no leader election, so it `
      + 'must run as exactly 1 replica (two controllers would both start every build)');
  }
  const webhookReplicas = p.webhook?.replicas;
  if (webhookReplicas !== undefined && (!Number.isInteger(webhookReplicas) || webhookReplicas < 1 || webhookReplicas > INT32_MAX)) {
    throw new Error(`webhook.replicas is ${webhookReplicas}: use a whole number from 1 (without a webhook no kpack object can be `
      + `created or changed) to ${INT32_MAX} (a Deployment's replicas are a 32-bit integer)`);
  }
  if (p.scalingFactor !== undefined && (!Number.isInteger(p.scalingFactor) || p.scalingFactor < 1)) {
    throw new Error(`scalingFactor is ${p.scalingFactor}: use a whole number of at least 1`);
  }
  const api = p.maximumPlatformApiVersion;
  if (api !== undefined && !/^\d+\.\d+$/.test(api)) {
    throw new Error(`maximumPlatformApiVersion ${show(api)} is not a CNB platform API version: use <major>.<minor>, e.g. "0.9"`);
  }
  if (p.httpProxy !== undefined) checkProxyUrl('httpProxy', p.httpProxy);
  if (p.httpsProxy !== undefined) checkProxyUrl('httpsProxy', p.httpsProxy);
  for (const entry of p.noProxy ?? []) {
    if (entry === '' || /[\s,@]/.test(entry)) {
      throw new Error(`noProxy entry ${redact(entry)} is not a host, domain or CIDR: give one per list item, without spaces or commas`);
    }
  }
  if (p.noProxy && p.httpProxy === undefined && p.httpsProxy === undefined) {
    throw new Error('noProxy is set without httpProxy or httpsProxy: it only has an effect with a proxy');
  }
  if (p.proxyBuilds && p.httpProxy === undefined && p.httpsProxy === undefined) {
    throw new Error('proxyBuilds is true without httpProxy or httpsProxy: set the proxy to give to builds');
  }
  throwProblems([
    ...secretNameProblems('imagePullSecrets', p.imagePullSecrets),
    ...secretNameProblems('registryCredentials', p.registryCredentials),
    ...secretNameProblems('proxyCredentials', p.proxyCredentials),
  ]);
  if (p.proxyCredentials) {
    if (p.httpProxy === undefined && p.httpsProxy === undefined) {
      throw new Error('proxyCredentials is set without httpProxy or httpsProxy: set the proxy the credentials are for');
    }
    if (p.proxyBuilds) throw new Error(`proxyBuilds cannot be used with proxyCredentials: ${BUILD_PROXY_CREDENTIALS}`);
    checkSecretInKpack('proxyCredentials', p.proxyCredentials);
  }
  if (p.registryCredentials) checkSecretInKpack('registryCredentials', p.registryCredentials);
  (p.imagePullSecrets ?? []).forEach((s, i) => checkSecretInKpack(`imagePullSecrets[${i}]`, s));
  if (p.caCertificates !== undefined) checkPem('caCertificates', p.caCertificates);
  if (typeof p.kpConfig?.defaultRepository === 'string') {
    refuseUserinfo('kpConfig.defaultRepository', p.kpConfig.defaultRepository,
      'Give the repository alone; kp reads credentials from the ServiceAccount of kpConfig.serviceAccount');
  }
  const levels: string[] = Object.values(LogLevel);
  if (p.logLevel !== undefined && !levels.includes(p.logLevel)) {
    throw new Error(`logLevel ${show(p.logLevel)} is not a kpack log level: use one of ${levels.join(', ')}`);
  }
}

/** Applies the scheduling, resource and metadata options to a Deployment's pod. */
function configurePod(what: string, deployment: any, o: KpackComponentOptions, pullSecrets: kplus.ISecret[] | undefined): void {
  const template = deployment.spec.template;
  const pod = template.spec;
  const container = pod.containers[0];
  const { podOptionProblems, renderedResourceProblems, throwProblems } = podOptions();
  if (o.priorityClassName === '') throw new Error(`${what}.priorityClassName must not be empty`);
  throwProblems(podOptionProblems(what, o));
  if (o.resources) {
    container.resources = resourceRequirements(o.resources) ?? {};
    throwProblems(renderedResourceProblems(what, container.resources));
  }
  if (o.nodeSelector) {
    const { OS_LABEL } = scheduling();
    const os = o.nodeSelector[OS_LABEL];
    if (os !== undefined && os !== 'linux') {
      throw new Error(`${what}.nodeSelector "${OS_LABEL}" is ${JSON.stringify(os)}: kpack's images are linux only, so it stays "linux"`);
    }
    pod.nodeSelector = { ...pod.nodeSelector, ...o.nodeSelector };
  }
  if (o.tolerations) pod.tolerations = withoutNullFields(o.tolerations).map(t => kpack.toJson_Toleration(t));
  if (o.affinity) pod.affinity = kpack.toJson_Affinity(withoutNullFields(o.affinity));
  if (o.priorityClassName !== undefined) pod.priorityClassName = o.priorityClassName;
  if (pullSecrets && pullSecrets.length > 0) pod.imagePullSecrets = pullSecrets.map(s => ({ name: s.name }));
  addPodLabels(`${what}.podLabels`, deployment, o.podLabels ?? {});
  if (o.podAnnotations && Object.keys(o.podAnnotations).length > 0) {
    podSecurity().checkPodSecurityAnnotations(`${what}.podAnnotations`, o.podAnnotations, pod.containers.map((c: any) => c.name));
    template.metadata.annotations = { ...template.metadata.annotations, ...o.podAnnotations };
  }
}

function addPodLabels(what: string, deployment: any, labels: { [key: string]: string }): void {
  const metadata = deployment.spec.template.metadata;
  for (const [key, value] of Object.entries(labels)) {
    if (RESERVED_POD_LABELS.includes(key)) {
      throw new Error(`${what} sets the label "${key}" to ${JSON.stringify(value)}: kpack uses `
        + `${RESERVED_POD_LABELS.map(l => `"${l}"`).join(', ')} itself; choose another key`);
    }
    metadata.labels[key] = value;
  }
}

/** Adds a read-only volume to the pod and mounts it into the container. */
function mount(pod: any, container: any, name: string, source: any, path: string): void {
  pod.volumes = [...pod.volumes ?? [], { name, ...source }];
  container.volumeMounts = [...container.volumeMounts ?? [], { name, mountPath: path, readOnly: true }];
}
