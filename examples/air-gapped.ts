/**
 * kpack for an air-gapped cluster, in two charts that `kubectl apply` in order:
 *
 * - `kpack`: the kpack installation, its images copied to the internal registry (pinned by digest when you pass
 *   the downloaded `release-0.17.2.yaml`), the corporate proxy and CA for the controller, resources and
 *   scheduling on dedicated system nodes, a highly available webhook, and priority classes for builds.
 * - `builds`: a stack, a store and a builder whose images all come from the internal registry, and an Image
 *   that gets the proxy in its build env.
 *
 * Copy the images first (on a machine that reaches both registries), e.g. with crane:
 *   for c in controller webhook build-init build-waiter rebase completion lifecycle; do
 *     crane copy ghcr.io/buildpacks-community/kpack/$c:0.17.2 registry.internal/kpack/$c:0.17.2
 *   done
 * and the Paketo images the builds use (build-jammy-base, run-jammy-base, java) to registry.internal/paketo/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NamespacedBuilder, BuildpackRef, ClusterStack, ClusterStore, Image, ImageSource, KpackPlatform, KpackVersion } from '../src';

/** The internal registry that mirrors everything. */
const REGISTRY = 'registry.internal';

/** Where a downloaded release file would be; without it the images are pinned by tag. */
const RELEASE_FILE = process.env.KPACK_RELEASE_FILE;

export class AirGappedKpackChart extends Chart {
  public readonly platform: KpackPlatform;

  constructor(scope: App, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    const systemNodes = {
      nodeSelector: { 'node-role.example.com/system': 'true' },
      tolerations: [{ key: 'node-role.example.com/system', matchOperator: 'Exists', effect: 'NoSchedule' }],
    };
    this.platform = new KpackPlatform(this, 'kpack', {
      version: KpackVersion.V0_17_2,
      imageRegistry: `${REGISTRY}/kpack`,
      releaseFile: RELEASE_FILE,
      imagePullSecrets: [kplus.Secret.fromSecretName(this, 'mirror-pull', 'registry-internal-pull')],
      httpProxy: 'http://proxy.internal:3128',
      httpsProxy: 'http://proxy.internal:3128',
      noProxy: ['.internal', '.svc', '.cluster.local', '10.0.0.0/8'],
      proxyBuilds: true,
      caCertificates: fs.readFileSync(path.join(__dirname, 'internal-ca.pem'), 'utf-8'),
      controller: {
        ...systemNodes,
        resources: {
          cpu: { request: kplus.Cpu.millis(100) },
          memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
        },
      },
      webhook: { ...systemNodes, replicas: 2 },
      enablePriorityClasses: true,
      scalingFactor: 2,
      insecureSshTrustUnknownHosts: false,
    });
  }
}

export class AirGappedBuildsChart extends Chart {
  constructor(scope: App, id: string) {
    // The chart's namespace goes on the namespaced objects; cluster-scoped ones (stack, store) never get one.
    super(scope, id, { disableResourceNameHashes: true, namespace: 'apps' });
    const stack = new ClusterStack(this, 'stack', {
      metadata: { name: 'internal-base' },
      stackId: 'io.buildpacks.stacks.jammy',
      buildImage: `${REGISTRY}/paketo/build-jammy-base:0.1`,
      runImage: `${REGISTRY}/paketo/run-jammy-base:0.1`,
    });
    const store = new ClusterStore(this, 'store', {
      metadata: { name: 'internal' },
      sources: [{ image: `${REGISTRY}/paketo/java:18`, buildpackIds: ['paketo-buildpacks/java'] }],
    });
    const serviceAccount = new kplus.ServiceAccount(this, 'builds', {
      metadata: { name: 'builds' },
      secrets: [kplus.Secret.fromSecretName(this, 'push', 'registry-internal-push')],
    });
    const builder = new NamespacedBuilder(this, 'builder', {
      metadata: { name: 'java' },
      tag: `${REGISTRY}/builders/java:v1`,
      serviceAccount,
      stack,
      store,
      order: [{ group: [BuildpackRef.fromId('paketo-buildpacks/java')] }],
    });
    new Image(this, 'orders', {
      metadata: { name: 'orders' },
      tag: `${REGISTRY}/apps/orders`,
      serviceAccount,
      builder,
      source: ImageSource.fromGit('https://git.internal/shop/orders.git', 'main'),
    });
  }
}

/** Adds the air-gapped kpack installation and a build setup that uses only the internal registry. */
export function airGapped(app: App): void {
  new AirGappedKpackChart(app, 'kpack');
  new AirGappedBuildsChart(app, 'builds');
}
