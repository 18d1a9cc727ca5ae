/**
 * The rule catalogue: every rule the engine reports, with its stage, what kpack (or Kubernetes) does with such an
 * object, and the code that does it. Findings take their stage and severity from here, the synth-time checks take
 * their promotion from here, and docs/rules.md is generated from here (`npx projen docs:rules`).
 *
 * Sources are paths in kpack's repository at the release the rule is for (github.com/buildpacks-community/kpack,
 * Go module github.com/pivotal/kpack, v0.17.2 unless noted), in knative.dev/pkg, or in Kubernetes (v1.34).
 * The oracle (oracle/, test-only) runs that code and referees the rules marked `admission`.
 */

import { Stage } from './finding';

/** How the synth-time checks treat an advice finding about an object the app defines. */
export type SynthTreatment = 'error' | 'warning';

export interface RuleInfo {
  readonly stage: Stage;
  /** What kpack (or Kubernetes) does with such an object, in a sentence. */
  readonly kpack: string;
  /** The code that does it. */
  readonly source: string;
  /**
   * Advice only: how synth reports it for objects the app defines. Synth is strict (`error`) unless there is a
   * reason to keep the warning, which `kpack` then gives.
   * @default 'error'
   */
  readonly atSynth?: SynthTreatment;
  /** Advice only: also promoted by the `strictReferences` option. */
  readonly reference?: boolean;
}

const V2 = 'pkg/apis/build/v1alpha2';
const CORE = 'pkg/apis/core/v1alpha1';
const MISSING = 'refuses it: missing field(s)';
const INVALID = 'refuses it: invalid value';
const MISSING_OR_INVALID = 'refuses it: missing field(s) or invalid value';

function admission(kpack: string, source: string): RuleInfo {
  return { stage: Stage.ADMISSION, kpack, source };
}

function runtime(kpack: string, source: string): RuleInfo {
  return { stage: Stage.RUNTIME, kpack, source };
}

function advice(kpack: string, source: string, extra: Partial<RuleInfo> = {}): RuleInfo {
  return { stage: Stage.ADVICE, kpack, source, ...extra };
}

const RULE_TABLE = {
  // ----- the API server, before and around kpack's webhooks
  'api-version': admission('the API server refuses it: the CRD does not serve this apiVersion', 'config/*.yaml (CRD versions)'),
  'unknown-kind': admission('the API server refuses it: no CRD of this kpack release defines the kind', 'config/*.yaml (CRDs)'),
  'metadata-name': admission('the API server refuses it: metadata.name must be a DNS subdomain (custom resources)',
    'k8s.io/apiextensions-apiserver customResourceStrategy.Validate, k8s.io/apimachinery ValidateObjectMetaAccessor'),
  'metadata-namespace': admission('the API server refuses it: a namespace name must be a DNS label',
    'k8s.io/apimachinery/pkg/api/validation ValidateObjectMetaAccessor'),
  'metadata-labels': admission('the API server refuses it: label keys must be qualified names and values valid label values',
    'k8s.io/apimachinery/pkg/apis/meta/v1/validation ValidateLabels'),
  'metadata-annotations': admission('the API server refuses it: annotation keys must be qualified names, all annotations at most 256 KiB',
    'k8s.io/apimachinery/pkg/api/validation ValidateAnnotations'),
  'metadata-finalizers': admission('the API server refuses it: finalizers must be qualified names, and orphan and foregroundDeletion exclude each other',
    'k8s.io/apimachinery/pkg/api/validation ValidateFinalizers'),
  'metadata-owner-references': admission('the API server refuses it: an owner reference needs apiVersion (with a version), kind, name and uid, an Event owns nothing, and only one reference is the controller',
    'k8s.io/apimachinery/pkg/api/validation ValidateOwnerReferences'),
  'metadata-managed-fields': admission('the API server refuses managed fields it can read and keeps with a manager longer than 128 bytes or not printable, or a subresource longer than 256 bytes (it replaces ones it cannot read, and drops entries whose fields the request sets)',
    'k8s.io/apimachinery/pkg/util/managedfields FieldManager.UpdateNoErrors; pkg/apis/meta/v1/validation ValidateManagedFields'),
  'metadata-resource-version': admission('the API server refuses to create an object with a resourceVersion: resourceVersion should not be set on objects to be created',
    'k8s.io/apiserver/pkg/storage/etcd3 store.Create (ErrResourceVersionSetOnCreate)'),
  'cluster-scoped-namespace': advice('the API server stores a cluster-scoped object without its namespace', 'k8s.io/apiserver rest.BeforeCreate'),
  'unchecked-version': advice('kpack.io/v1alpha1 requests bypass kpack\'s webhooks (matchPolicy: Exact on v1alpha2): nothing is defaulted or checked',
    'config/webhook.yaml, cmd/webhook/main.go'),
  'stored-differently': advice('kpack stores the object as its Go types marshal it: a value omitted when empty is dropped and a quantity is written in Go\'s form (`1024Mi` as `1Gi`), so the stored object differs from the manifest',
    'knative.dev/pkg defaulting.roundTripPatch; the omitempty tags of pkg/apis/build/v1alpha2; k8s.io/apimachinery resource.Quantity MarshalJSON'),
  'url-credentials': advice('kpack fetches the source with the credentials in the URL, and shows the URL to anyone who can read Images, Builds and SourceResolvers',
    'pkg/git, pkg/blob', { atSynth: 'warning' }),
  'duplicate-object': advice('two objects with the same kind, namespace and name: the later one overwrites the earlier when applied', 'kubectl apply'),

  // ----- decoding by kpack's webhooks
  'wrong-type': admission('the mutating webhook cannot decode the object: cannot decode incoming new object: json: cannot unmarshal ...',
    'knative.dev/pkg webhook/resourcesemantics/defaulting (json.Decode)'),
  'source-resolver-wrong-type': runtime('SourceResolvers are not checked by kpack\'s webhooks; kpack\'s controller cannot decode the object',
    'cmd/webhook/main.go (not registered), pkg/client informers'),
  'unknown-field': advice('the mutating webhook decodes leniently and its round-trip patch deletes the field: kpack silently drops it',
    'cmd/webhook/main.go (disallowUnknownFields=false for /defaults), knative.dev/pkg defaulting.roundTripPatch'),
  'type-meta-replaced': admission('a key Go matches to `kind` or `apiVersion` that sorts after it is decoded last: kpack stores its value, '
    + 'and the API server refuses an object whose kind or apiVersion a webhook changed (Object \'Kind\' is missing; kind must be ...; cannot convert)',
  'encoding/json, knative.dev/pkg defaulting.roundTripPatch; k8s.io/apiextensions-apiserver customResourceValidator.ValidateTypeMeta, crConverter'),
  'field-case': advice('Go\'s JSON decoding matches names case-insensitively; the round-trip patch rewrites the name to its exact case',
    'knative.dev/pkg defaulting.roundTripPatch, encoding/json'),

  // ----- shared building blocks (pkg/apis/core/v1alpha1)
  'SRC-1': admission('refuses a source that sets none of git, blob, registry: expected exactly one, got neither', `${CORE}/source_validation.go SourceConfig.Validate`),
  'SRC-2': admission('refuses a source that sets more than one of git, blob, registry: expected exactly one, got both', `${CORE}/source_validation.go SourceConfig.Validate`),
  'SRC-3': admission(`${MISSING}: git.url`, `${CORE}/source_validation.go Git.Validate`),
  'SRC-4': admission(`${MISSING}: git.revision`, `${CORE}/source_validation.go Git.Validate`),
  'SRC-5': admission(`${INVALID}: blob.auth must be one of '', 'helper', or 'secret'`, `${CORE}/source_validation.go Blob.Validate`),
  'SRC-6': admission(`${MISSING}: blob.url`, `${CORE}/source_validation.go Blob.Validate`),
  'SRC-7': admission('refuses a negative blob.stripComponents: expected positive integer', `${CORE}/source_validation.go Blob.Validate`),
  'SRC-8': admission(`${MISSING_OR_INVALID}: registry.image must be an image reference`, `${CORE}/source_validation.go Registry.Validate`),
  'BB-1': admission(`${MISSING}: a Build's builder needs image or ref`, `${CORE}/build_validation.go BuildBuilderSpec.Validate`),
  'BB-2': admission('refuses a Build builder with both image and ref: expected exactly one, got both', `${CORE}/build_validation.go BuildBuilderSpec.Validate`),
  'BB-3': admission(`${MISSING}: builder.ref.name`, `${CORE}/build_validation.go BuildBuilderSpec.Validate`),
  'BB-4': admission(`${MISSING}: builder.ref.kind`, `${CORE}/build_validation.go BuildBuilderSpec.Validate`),
  'BB-5': admission(`${INVALID}: builder.image must be an image reference`, `${CORE}/build_validation.go BuildBuilderSpec.Validate`),
  'S-1': admission('refuses two services with the same name: duplicate service name', `${V2}/build_validation.go Services.Validate`),
  'S-2': admission(`${MISSING}: services[].name`, `${V2}/build_validation.go Services.Validate`),
  'S-3': admission(`${INVALID}: a service name must match ^[a-z0-9\\-\\.]{1,253}$`, `${V2}/build_validation.go Services.Validate`),
  'S-4': admission(`${MISSING}: services[].kind`, `${V2}/build_validation.go Services.Validate`),
  'CNB-0': admission('refuses cnbBindings from anyone but kpack\'s controller: use of this field has been deprecated in v1alpha2',
    `${V2}/build_validation.go validateCnbBindings`),
  'NOT-0': admission('refuses notary from anyone but kpack\'s controller: use of this field has been deprecated in v1alpha2',
    `${V2}/build_validation.go validateNotary`),
  'CO-1': admission(`${MISSING}: cosign.annotations[].name (Image only)`, `${V2}/cosign_validation.go CosignConfig.Validate`),
  'CO-2': admission(`${MISSING}: cosign.annotations[].value (Image only)`, `${V2}/cosign_validation.go CosignConfig.Validate`),
  'ENV-1': admission('refuses env[].valueFrom.secretKeyRef in build env (since v0.17.2): secretKeyRef is not supported for build environment variables',
    `${V2}/build_validation.go validateBuildEnv`),
  'NS-1': admission('refuses the nodeSelector key kubernetes.io/os: os is determined automatically', `${V2}/build_validation.go validateNodeSelector`),

  // ----- one kind each
  'CS-1': admission(`${MISSING}: serviceAccountRef.name`, `${V2}/cluster_stack_validation.go`),
  'CS-2': admission(`${MISSING}: serviceAccountRef.namespace`, `${V2}/cluster_stack_validation.go`),
  'CS-3': admission(`${MISSING}: spec.id`, `${V2}/cluster_stack_validation.go`),
  'CS-4': admission(`${MISSING_OR_INVALID}: spec.buildImage.image must be an image reference`, `${V2}/cluster_stack_validation.go`),
  'CS-5': admission(`${MISSING_OR_INVALID}: spec.runImage.image must be an image reference`, `${V2}/cluster_stack_validation.go`),
  'ST-1': admission(`${MISSING}: serviceAccountRef.name`, `${V2}/cluster_store_validation.go`),
  'ST-2': admission(`${MISSING}: serviceAccountRef.namespace`, `${V2}/cluster_store_validation.go`),
  'ST-3': admission(`${MISSING}: spec.sources`, `${V2}/cluster_store_validation.go`),
  'ST-4': admission(`${INVALID}: every spec.sources[].image must be an image reference`, `${V2}/cluster_store_validation.go`),
  'CBP-1': admission(`${MISSING}: serviceAccountRef.name`, `${V2}/cluster_buildpack_validation.go`),
  'CBP-2': admission(`${MISSING}: serviceAccountRef.namespace`, `${V2}/cluster_buildpack_validation.go`),
  'CBP-3': admission(`${MISSING_OR_INVALID}: spec.image must be an image reference`, `${V2}/cluster_buildpack_validation.go`),
  'BP-1': admission(`${MISSING_OR_INVALID}: spec.image must be an image reference`, `${V2}/buildpack_validation.go`),
  'CL-1': admission(`${MISSING}: serviceAccountRef.name`, `${V2}/cluster_lifecycle_validation.go`),
  'CL-2': admission(`${MISSING}: serviceAccountRef.namespace`, `${V2}/cluster_lifecycle_validation.go`),
  'CL-3': admission(`${MISSING}: spec.image`, `${V2}/cluster_lifecycle_validation.go`),
  'B-1': admission(`${MISSING_OR_INVALID}: spec.tag must be an image tag`, `${V2}/builder_validation.go BuilderSpec.Validate`),
  'B-2': admission(`${MISSING}: spec.stack.name`, `${V2}/builder_validation.go BuilderSpec.Validate`),
  'B-3': admission(`${INVALID}: spec.stack.kind must be ClusterStack`, `${V2}/builder_validation.go BuilderSpec.Validate`),
  'B-4': admission(`${INVALID}: spec.store.kind must be ClusterStore`, `${V2}/builder_validation.go validateObjectRef`),
  'B-5': admission(`${INVALID}: an order entry's kind must be Buildpack or ClusterBuildpack`, `${V2}/builder_validation.go validateObjectRef`),
  'B-6': admission('refuses an order entry with an image: must not set the field(s)', `${V2}/builder_validation.go BuilderBuildpackRef.Validate`),
  'B-7': admission('refuses an order entry with no id, kind or name: expected exactly one, got neither', `${V2}/builder_validation.go BuilderBuildpackRef.Validate`),
  'CB-1': admission(`${MISSING}: spec.serviceAccountRef.name`, `${V2}/cluster_builder_validation.go`),
  'CB-2': admission(`${MISSING}: spec.serviceAccountRef.namespace`, `${V2}/cluster_builder_validation.go`),
  'I-1': admission(`${MISSING_OR_INVALID}: spec.tag must be an image tag`, `${V2}/image_validation.go ImageSpec.validateTag`),
  'I-2': admission('refuses a change of spec.tag: Immutable field changed', `${V2}/image_validation.go ImageSpec.validateTag (update)`),
  'I-3': admission(`${INVALID}: every spec.additionalTags[] must be an image tag`, `${V2}/image_validation.go ImageSpec.validateAdditionalTags`),
  'I-4': admission('refuses additional tags on another registry: all additionalTags must have the same registry as tag',
    `${V2}/image_validation.go ImageSpec.validateAdditionalTags`),
  'I-5': admission(`${MISSING}: spec.builder.name`, `${V2}/image_validation.go ImageSpec.validateBuilder`),
  'I-6': admission(`${INVALID}: spec.builder.kind must be Builder or ClusterBuilder`, `${V2}/image_validation.go ImageSpec.validateBuilder`),
  'I-9': admission(`${INVALID}: spec.build.creationTime must be "now" or Unix seconds`, `${V2}/image_validation.go ImageBuild.Validate`),
  'I-13': admission('refuses a cache with both volume and registry: only one type of cache can be specified', `${V2}/image_validation.go ImageSpec.validateCache`),
  'I-14': admission('refuses a volume cache without storageClassName when the cluster has no default StorageClass',
    `${V2}/image_validation.go ImageSpec.validateVolumeCache, cmd/webhook/main.go withCheckDefaultStorageClass`),
  'I-15': admission('refuses a change of the cache size when the default StorageClass is known not to expand: Field cannot be changed',
    `${V2}/image_validation.go ImageSpec.validateVolumeCache (update)`),
  'I-16': admission('refuses a smaller cache size: Field cannot be decreased', `${V2}/image_validation.go ImageSpec.validateVolumeCache (update)`),
  'I-17': admission('refuses a change of the cache storageClassName: Immutable field changed', `${V2}/image_validation.go ImageSpec.validateVolumeCache (update)`),
  'I-20': admission('refuses spec.failedBuildHistoryLimit below 1: build history limit must be greater than 0', `${V2}/image_validation.go`),
  'I-21': admission('refuses spec.successBuildHistoryLimit below 1: build history limit must be greater than 0', `${V2}/image_validation.go`),
  'I-22': admission('refuses an Image name that is not a valid label value (kpack labels its Builds with it): invalid image name',
    `${V2}/image_validation.go Image.Validate`),
  'BD-1': admission(`${MISSING}: spec.tags`, `${V2}/build_validation.go BuildSpec.Validate`),
  'BD-2': admission(`${INVALID}: every spec.tags[] must be an image tag`, `${V2}/build_validation.go BuildSpec.Validate`),
  'BD-3': admission('refuses a cache with both volume and registry: only one type of cache can be specified', `${V2}/build_validation.go`),
  'BD-7': admission(`${INVALID}: spec.lastBuild.image must be an image reference`, `${V2}/build_validation.go`),
  'BD-8': admission('refuses any change of a Build\'s spec: Immutable fields changed', `${V2}/build_validation.go Build.Validate (update)`),

  // ----- the Pods and claims kpack creates (admitted, refused by Kubernetes when kpack creates them)
  'pod-env': runtime('kpack passes build env to the build Pod as PLATFORM_ENV_<name>: Kubernetes refuses a bad name or source',
    `${V2}/build_pod.go BuildPod; ${'k8s.io/kubernetes pkg/apis/core/validation'} ValidateEnv`),
  'build-env-file': runtime('kpack\'s prepare step writes each build env variable to the file /platform/env/<name>: an empty name, ".", ".." or one with "/" fails the build',
    'pkg/cnb/env_vars.go serializeEnvVars'),
  'build-creation-time': runtime('a Build\'s spec.creationTime must be "now" or Unix seconds: kpack admits anything, then cannot make the build Pod',
    `${V2}/build_pod.go parseTime`),
  'service-binding-volume': runtime('kpack mounts each service binding from a volume binding-<name>: Kubernetes refuses a volume name that is not a DNS label',
    `${V2}/build_pod.go setupBindingVolumesAndMounts; k8s.io/kubernetes pkg/apis/core/validation ValidateVolumes`),
  'source-sub-path': runtime('kpack mounts the source in the build Pod with spec.source.subPath: Kubernetes needs a relative path without `..`',
    `${V2}/build_pod.go (workspaceVolume), k8s.io/kubernetes validation.go validateLocalDescendingPath`),
  'source-pull-secret': runtime('kpack mounts the first imagePullSecrets entry of a registry source as a Secret volume: Kubernetes needs its name',
    'pkg/apis/core/v1alpha1/source_types.go Registry.ImagePullSecretsVolume; k8s.io/kubernetes pkg/apis/core/validation ValidateVolumes'),
  'pod-resources': runtime('kpack sets the resources on every build container: Kubernetes refuses bad quantities, negative ones, and requests above limits',
    `${V2}/build_pod.go BuildPod; k8s.io/kubernetes pkg/apis/core/validation ValidateResourceRequirements`),
  'pod-scheduling': runtime('kpack copies tolerations, nodeSelector and affinity into the build Pod: Kubernetes refuses bad operators, effects, keys and values',
    `${V2}/build_pod.go BuildPod; k8s.io/kubernetes pkg/apis/core/validation ValidateTolerations, ValidateAffinity`),
  'pod-class-names': runtime('kpack copies runtimeClassName, schedulerName and priorityClassName into the build Pod: Kubernetes refuses invalid names',
    `${V2}/build_pod.go BuildPod; k8s.io/kubernetes pkg/apis/core/validation ValidatePodSpec`),
  'pod-timeout': runtime('the build timeout becomes the Pod\'s activeDeadlineSeconds: Kubernetes needs 1 to 2147483647',
    `${V2}/build_pod.go BuildPod; k8s.io/kubernetes pkg/apis/core/validation ValidatePodSpec`),
  'pod-service-account': runtime('the build Pod runs as spec.serviceAccountName: Kubernetes refuses a name that is not a DNS subdomain',
    `${V2}/build_pod.go BuildPod; k8s.io/kubernetes pkg/apis/core/validation ValidatePodSpec`),
  'cache-volume': runtime('kpack creates a PersistentVolumeClaim of spec.cache.volume: Kubernetes needs a size above zero and a valid StorageClass name',
    `${V2}/image_builds.go BuildCache; k8s.io/kubernetes pkg/apis/core/validation ValidatePersistentVolumeClaim`),
  'image-build-number-tag': runtime('kpack also tags each build <registry>/<full repository>:<tag>-b<N>.<date>.<time>; a tag past 128 characters, or a '
    + 'repository past 255 with Docker Hub\'s implied library/, and its own webhook refuses the Build, so the Image never builds',
  `${V2}/image_builds.go generateTags; build_validation.go (BD-2)`),
  'image-cache-tag': runtime('kpack does not check spec.cache.registry.tag; the build cannot write its cache image to a tag that does not parse',
    `${V2}/image_builds.go getBuildCacheConfig; pkg/cnb (exporter)`),
  'build-run-image': runtime('kpack does not check spec.runImage.image; the build cannot export onto a run image that does not parse',
    `${V2}/build_pod.go BuildPod`),
  'build-name-label': runtime('kpack labels the build Pod kpack.io/build=<Build name>; a name past 63 characters is not a label value, so Kubernetes refuses the Pod',
    `${V2}/build_pod.go BuildPod (BuildLabel); k8s.io/apimachinery validation IsValidLabelValue`),

  // ----- kpack's controllers (admitted, certainly refused later)
  'ref-kind': runtime('the build pod generator resolves builder.ref only of kind Builder or ClusterBuilder; the Build fails',
    'pkg/buildpod/generator.go'),
  'ref-builder-namespace': runtime('the build pod generator looks a Builder up in builder.ref.namespace; with none it looks in namespace "" and the Build fails',
    'pkg/buildpod/generator.go'),
  'ref-name': runtime('an order entry with a kind but no name cannot be resolved; the builder never becomes ready', 'pkg/cnb/buildpack_resolver.go'),
  'ref-cluster-builder-buildpack': runtime('a ClusterBuilder resolves only ClusterBuildpacks and its ClusterStore, never a namespaced Buildpack',
    'pkg/cnb/buildpack_resolver.go'),
  'ref-buildpack-id': runtime('an order id that none of the places kpack searches provides fails the builder (as the objects declare their ids)',
    'pkg/cnb/buildpack_resolver.go'),
  'ref-forbidden-secret': runtime('a build that binds a Secret listed by a ServiceAccount of its namespace is rejected: uses forbidden secret',
    'pkg/buildpod/generator.go'),
  'default-service-account': advice('builds run as the namespace\'s default ServiceAccount, and push the tag with its secrets: without a registry credential there, every build fails to push',
    `${V2}/image_validation.go SetDefaults; pkg/registry (keychain)`, { atSynth: 'warning' }),
  'ref-missing': advice('kpack waits for the referenced object; nothing is built until it exists', 'pkg/reconciler/* (informers)', { reference: true }),
  'ref-namespace': advice('kpack looks the object up in another namespace than the one that holds it', 'pkg/reconciler/*, pkg/duckbuilder', { reference: true }),
  'ref-duplicate-buildpack': advice('the same buildpack twice in one group: the first entry wins (with its optional), the lifecycle\'s detector skips the repeat',
    'pkg/cnb/builder_builder.go, buildpacks/lifecycle detector'),

  // ----- credentials (kpack admits; the build fails without them)
  'credential-registry': advice('the build cannot push the tag: no Secret of the ServiceAccount is for its registry', 'pkg/registry, pkg/secret (keychain)'),
  'credential-registry-missing': advice('the ServiceAccount holds no registry credential at all; only a registry that takes anonymous pushes works',
    'pkg/registry, pkg/secret (keychain)', { atSynth: 'warning' }),
  'credential-registry-helper': advice('no Secret is for this cloud registry; access may come from the node or credential helpers',
    'pkg/registry (k8schain)', { atSynth: 'warning' }),
  'credential-git-ssh': advice('an ssh git source needs a kubernetes.io/ssh-auth Secret annotated kpack.io/git for its host', 'pkg/git, pkg/secret'),
  'credential-git-url': advice('kpack matches git credentials by host: an annotation that is not a host never matches', 'pkg/secret'),
  'credential-blob': advice('a blob source with auth "secret" needs a kpack.io/blob Secret for its host', 'pkg/blob, pkg/secret'),
  'credential-registry-host': advice('kpack matches registry credentials by host: a kpack.io/docker annotation that is not a registry never matches', 'pkg/secret'),
  'credential-docker-config': advice('kpack cannot read this docker config; the Secret gives no registry credential', 'pkg/secret'),

  // ----- warnings of the constructs (not of the engine: they are about how the app is written)
  'credential-literal': advice('a Secret built from literal values in code is written to the synthesized manifests (kpack reads it as any Secret)',
    'src/credentials', { atSynth: 'warning' }),
  'tenant-build-memory': advice('build containers limited below 1Gi of memory are often killed while buildpacks run', 'src/tenant.ts',
    { atSynth: 'warning' }),
  'lock-mutable-tag': advice('kpack follows a mutable tag: when it moves, Images rebuild or rebase', 'src/lock/image-lock.ts',
    { atSynth: 'warning' }),

  // ----- the engine itself
  'internal-error': admission('not kpack: the rule engine failed on this object (a bug, please report it)', 'src/validation'),
} as const satisfies { readonly [id: string]: RuleInfo };

/** The id of a rule of the catalogue. */
export type RuleId = keyof typeof RULE_TABLE;

/** Every rule, by id. */
export const RULES: { readonly [id in RuleId]: RuleInfo } = RULE_TABLE;

const hasOwn = Object.prototype.hasOwnProperty;

/** The rule of an id, or undefined when the id is not in the catalogue. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return hasOwn.call(RULES, id) ? RULES[id as RuleId] : undefined;
}
