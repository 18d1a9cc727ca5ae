/** Valid baseline manifests: together they produce no finding, so every rule test changes exactly one thing. */
import { Finding, KpackValidator, Severity, ValidationOptions } from '../../src/validation';
import { ruleInfo } from '../../src/validation/catalogue';
import { severityOf } from '../../src/validation/report';

export const V2 = 'kpack.io/v1alpha2';
export const NS = 'team-a';
export const DIGEST = 'sha256:' + 'a'.repeat(64);

const BASELINE: { readonly [kind: string]: any } = {
  ClusterStack: {
    apiVersion: V2,
    kind: 'ClusterStack',
    metadata: { name: 'base' },
    spec: { id: 'io.buildpacks.stacks.jammy', buildImage: { image: 'paketobuildpacks/build-jammy-base' }, runImage: { image: `paketobuildpacks/run-jammy-base@${DIGEST}` } },
  },
  ClusterStore: {
    apiVersion: V2,
    kind: 'ClusterStore',
    metadata: { name: 'default' },
    spec: { sources: [{ image: 'gcr.io/paketo-buildpacks/java' }, { image: 'gcr.io/paketo-buildpacks/nodejs:1.2.3' }] },
  },
  ClusterBuildpack: {
    apiVersion: V2,
    kind: 'ClusterBuildpack',
    metadata: { name: 'java' },
    spec: { image: 'gcr.io/paketo-buildpacks/java', serviceAccountRef: { name: 'builder-sa', namespace: NS } },
  },
  Buildpack: {
    apiVersion: V2,
    kind: 'Buildpack',
    metadata: { name: 'nodejs', namespace: NS },
    spec: { image: 'gcr.io/paketo-buildpacks/nodejs', serviceAccountName: 'builder-sa' },
  },
  ClusterLifecycle: {
    apiVersion: V2,
    kind: 'ClusterLifecycle',
    metadata: { name: 'lifecycle-0-20' },
    spec: { image: 'buildpacksio/lifecycle:0.20.0' },
  },
  Builder: {
    apiVersion: V2,
    kind: 'Builder',
    metadata: { name: 'builder', namespace: NS },
    spec: {
      tag: 'registry.example.com/builders/base:latest',
      serviceAccountName: 'builder-sa',
      stack: { name: 'base' }, // kind is defaulted to ClusterStack on Builders
      store: { name: 'default' },
      lifecycle: { name: 'lifecycle-0-20' },
      order: [
        { group: [{ id: 'paketo-buildpacks/java' }] },
        { group: [{ kind: 'Buildpack', name: 'nodejs' }, { kind: 'ClusterBuildpack', name: 'java', id: 'paketo-buildpacks/java', optional: true }] },
      ],
      additionalLabels: { team: 'a' },
    },
  },
  ClusterBuilder: {
    apiVersion: V2,
    kind: 'ClusterBuilder',
    metadata: { name: 'cluster-builder' },
    spec: {
      tag: 'registry.example.com/builders/cluster:base',
      serviceAccountRef: { name: 'builder-sa', namespace: NS },
      stack: { name: 'base', kind: 'ClusterStack' },
      store: { name: 'default', kind: 'ClusterStore' },
      order: [{ group: [{ kind: 'ClusterBuildpack', name: 'java' }] }],
    },
  },
  Image: {
    apiVersion: V2,
    kind: 'Image',
    metadata: { name: 'app', namespace: NS },
    spec: {
      tag: 'registry.example.com/apps/app',
      additionalTags: ['registry.example.com/apps/app:v1', 'registry.example.com/mirror/app:latest'],
      builder: { kind: 'Builder', name: 'builder' },
      serviceAccountName: 'builder-sa',
      source: { git: { url: 'https://github.com/example/app.git', revision: 'main' }, subPath: 'service' },
      cache: { volume: { size: '2G', storageClassName: 'fast' } },
      failedBuildHistoryLimit: 5,
      successBuildHistoryLimit: 5,
      build: {
        env: [{ name: 'BP_JVM_VERSION', value: '17' }, { name: 'FROM_CM', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }],
        resources: { limits: { cpu: '2', memory: '2Gi' }, requests: { cpu: '500m' } },
        services: [{ kind: 'Secret', name: 'maven-settings', apiVersion: 'v1' }],
        nodeSelector: { 'kubernetes.io/arch': 'amd64' },
        creationTime: 'now',
        buildTimeout: 1800,
      },
      cosign: { annotations: [{ name: 'team', value: 'a' }] },
    },
  },
  Build: {
    apiVersion: V2,
    kind: 'Build',
    metadata: { name: 'app-build-1', namespace: NS },
    spec: {
      tags: ['registry.example.com/apps/app:b1'],
      builder: { image: `registry.example.com/builders/base@${DIGEST}` },
      serviceAccountName: 'builder-sa',
      source: { blob: { url: 'https://example.com/app.zip', auth: 'secret', stripComponents: 1 } },
      cache: { volume: { persistentVolumeClaimName: 'app-cache' } },
      lastBuild: { image: `registry.example.com/apps/app@${DIGEST}`, stackId: 'io.buildpacks.stacks.jammy' },
      creationTime: '1700000000',
    },
  },
  ServiceAccount: {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'builder-sa', namespace: NS },
    secrets: [{ name: 'registry-credentials' }],
    imagePullSecrets: [{ name: 'registry-credentials' }],
  },
  Secret: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'registry-credentials', namespace: NS },
    type: 'kubernetes.io/dockerconfigjson',
    // The registry of every baseline tag; no password (the checks read only which registries it is for).
    data: { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths: { 'registry.example.com': {} } })).toString('base64') },
  },
  BindingSecret: {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'maven-settings', namespace: NS }, stringData: { type: 'maven' },
  },
};

/** The kpack kinds kpack's webhook validates. */
export const KPACK_KINDS = ['ClusterStack', 'ClusterStore', 'ClusterBuildpack', 'Buildpack', 'ClusterLifecycle',
  'Builder', 'ClusterBuilder', 'Image', 'Build'];

/** A fresh copy of the baseline object of a kind. */
export function baseline(kind: string): any {
  return structuredClone(BASELINE[kind]);
}

/** Fresh copies of every baseline object. */
export function baselineSet(): any[] {
  return Object.keys(BASELINE).map(baseline);
}

export function validate(manifests: any[], options?: ValidationOptions): Finding[] {
  return KpackValidator.validateManifests(manifests, options);
}

/** Validates the baseline set with the object of `kind` changed by `change`; returns the findings about it. */
export function findingsAfter(kind: string, change: (object: any) => void, options?: ValidationOptions): Finding[] {
  const set = baselineSet();
  const target = set.find(o => o.kind === kind)!;
  change(target);
  return validate(set, options).filter(f => f.kind === kind && f.name === (target.metadata?.name ?? ''));
}

/** What a test expects of a finding. */
export interface Expected {
  readonly rule: string;
  readonly path: string;
  readonly message: RegExp;
  readonly severity?: Severity;
}

export function expectFinding(findings: Finding[], expected: Expected): void {
  const matching = findings.filter(f => f.rule === expected.rule && f.path === expected.path);
  if (matching.length === 0) {
    throw new Error(`no ${expected.rule} finding at ${expected.path}; got:\n${findings.map(f => `${f.rule} ${f.path}: ${f.message}`).join('\n')}`);
  }
  const info = ruleInfo(expected.rule);
  if (!info) throw new Error(`rule ${expected.rule} is not in the catalogue`);
  // The stage is the catalogue's; the severity follows it unless a strict option promoted the finding.
  expect(matching[0].stage).toBe(info.stage);
  expect(matching[0].severity).toBe(expected.severity ?? severityOf(info.stage));
  expect(matching[0].message).toMatch(expected.message);
}
