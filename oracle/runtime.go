package main

// What happens after kpack admits an Image or a Build, done with kpack's own code and judged by Kubernetes' own
// validation (kubernetes.go): kpack's controller creates, for an Image, the cache PersistentVolumeClaim
// (Image.BuildCache) and a Build (Image.Build, admitted by kpack's webhooks as the controller's service account and by
// the API server), and for each Build a Pod (Build.BuildPod). Whatever the cluster would provide is a stand-in: the
// resolved source (a commit for a git revision), the builder's latest image and run image, the builder image's
// config (stack, uid/gid 1000, platform APIs), kpack's images, the service account's Secrets, the service bindings'
// Secrets, the API server's creation timestamp. The stand-ins are valid, so every error comes from the manifest.
//
// Errors are reported against the object Kubernetes (or kpack) refused ("PersistentVolumeClaim", "Build", "Pod"),
// with its field paths (objectPaths) and, where the field comes from a field of the manifest, that field (paths):
//
//	Pod metadata.labels, metadata.annotations        <- Build metadata.labels, .annotations <- Image metadata.labels, .annotations
//	Pod metadata.labels (the value kpack.io/build)   <- Build metadata.name
//	Build metadata.labels (image.kpack.io/image)     <- Image metadata.name
//	Pod spec.nodeSelector, tolerations, affinity,    <- Build spec.<same>                    <- Image spec.build.<same>
//	    runtimeClassName, schedulerName
//	Pod spec.priorityClassName                       <- Build spec.priorityClassName         (Image: kpack's own classes)
//	Pod spec.activeDeadlineSeconds                   <- Build spec.activeDeadlineSeconds     <- Image spec.build.buildTimeout
//	Pod spec.serviceAccountName                      <- Build spec.serviceAccountName        <- Image spec.serviceAccountName
//	Pod spec.{init,}containers[*].resources          <- Build spec.resources                 <- Image spec.build.resources
//	Pod spec.initContainers[prepare].env[k]          <- Build spec.env[k - source env vars]  <- Image spec.build.env[...]
//	Pod spec.{init,}containers[*].image              <- Build spec.builder.image (when the builder is given by image)
//	Pod volumeMounts[*].subPath (workspace)          <- Build spec.source.subPath            <- Image spec.source.subPath
//	Pod volumes binding-<name> (and their mounts)    <- Build spec.services[i], cnbBindings[i] <- Image spec.build.services[i]
//	Pod volumes pull-secret-volume-<n>, imagePullSecrets <- Build spec.builder.imagePullSecrets[i]
//	Pod volume registry-source-pull-secrets-dir      <- Build spec.source.registry.imagePullSecrets
//	Pod volume notary-dir                            <- Build spec.notary
//	Pod volume cache-dir                             <- Build spec.cache.volume.claimName    <- Image metadata.name
//	Build spec.tags[0], spec.tags[1] (generated)     <- Image spec.tag; spec.tags[k] <- Image spec.additionalTags[...]
//	Build spec.{source,cache,notary,cosign,defaultProcess,projectDescriptorPath,serviceAccountName} <- Image spec.<same>
//	Build spec.{env,resources,services,cnbBindings,tolerations,nodeSelector,affinity,runtimeClassName,schedulerName,
//	    creationTime} <- Image spec.build.<same>
//	PVC metadata.name <- Image metadata.name; metadata.labels <- Image metadata.labels
//	PVC spec.resources.requests[storage] <- Image spec.cache.volume.size; spec.storageClassName <- Image spec.cache.volume.storageClassName
//
// A field with no counterpart in the manifest (one of the stand-ins, or kpack's own) has no path.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"

	"github.com/pivotal/kpack/pkg/apis/build/v1alpha2"
	corev1alpha1 "github.com/pivotal/kpack/pkg/apis/core/v1alpha1"
	"github.com/pivotal/kpack/pkg/buildchange"
)

// Runtime is the outcome of what kpack's controllers create from an admitted Image or Build.
type Runtime struct {
	// Admitted: Kubernetes (and kpack, for a Build made from an Image) accept every object kpack creates.
	Admitted bool           `json:"admitted"`
	Errors   []RuntimeError `json:"errors"`
}

// RuntimeError is one error about an object kpack creates.
type RuntimeError struct {
	// Object: "PersistentVolumeClaim", "Build" or "Pod".
	Object  string `json:"object"`
	Message string `json:"message"`
	// Paths: the fields of the manifest the error comes from (empty when it comes from none).
	Paths []string `json:"paths"`
	// ObjectPaths: the fields of the created object, as Kubernetes or kpack names them.
	ObjectPaths []string `json:"objectPaths"`
}

// The kpack controller's service account, as the API server tells kpack's webhooks who creates a Build.
var controllerUser = authenticationv1.UserInfo{
	Username: "system:serviceaccount:kpack:controller",
	Groups:   []string{"system:serviceaccounts", "system:serviceaccounts:kpack", "system:authenticated"},
}

// Stand-ins for what the cluster, the registry and kpack's configuration provide.
const (
	standInDigest       = "sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
	standInBuilderImage = "registry.example.com/stand-in/builder@" + standInDigest
	standInRunImage     = "registry.example.com/stand-in/run@" + standInDigest
	standInStack        = "io.buildpacks.stacks.jammy"
	standInCommit       = "0123456789abcdef0123456789abcdef01234567"
	standInUID          = "00000000-0000-4000-8000-000000000001"
)

var (
	standInPlatformAPIs = []string{"0.7", "0.8", "0.9", "0.10", "0.11", "0.12", "0.13"}
	standInPodImages    = v1alpha2.BuildPodImages{
		BuildInitImage:   "registry.example.com/kpack/build-init@" + standInDigest,
		BuildWaiterImage: "registry.example.com/kpack/build-waiter@" + standInDigest,
		CompletionImage:  "registry.example.com/kpack/completion@" + standInDigest,
		RebaseImage:      "registry.example.com/kpack/rebase@" + standInDigest,
	}
	// The build service account's Secrets: one git and one registry credential, as kpack's docs make them.
	standInSecrets = []corev1.Secret{
		{
			ObjectMeta: metav1.ObjectMeta{Name: "stand-in-git-credentials", Annotations: map[string]string{v1alpha2.GITSecretAnnotationPrefix: "https://github.com"}},
			Type:       corev1.SecretTypeBasicAuth,
		},
		{
			ObjectMeta: metav1.ObjectMeta{Name: "stand-in-registry-credentials"},
			Type:       corev1.SecretTypeDockerConfigJson,
		},
	}
	standInCreation = metav1.NewTime(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
)

// standInBuilder is the Builder or ClusterBuilder an Image names, ready, with a latest image and run image.
type standInBuilder struct {
	name, namespace, kind string
}

func (b standInBuilder) GetName() string      { return b.name }
func (b standInBuilder) GetNamespace() string { return b.namespace }
func (b standInBuilder) GetKind() string      { return b.kind }
func (b standInBuilder) BuildBuilderSpec() corev1alpha1.BuildBuilderSpec {
	return corev1alpha1.BuildBuilderSpec{Image: standInBuilderImage}
}
func (b standInBuilder) Ready() bool                                           { return true }
func (b standInBuilder) UpToDate() bool                                        { return true }
func (b standInBuilder) BuildpackMetadata() corev1alpha1.BuildpackMetadataList { return nil }
func (b standInBuilder) RunImage() string                                      { return standInRunImage }
func (b standInBuilder) LifecycleVersion() string                              { return "0.20.0" }
func (b standInBuilder) ConditionReadyMessage() string                         { return "" }

var _ v1alpha2.BuilderResource = standInBuilder{}

// RuntimeOf generates, with kpack's code, what kpack's controllers create from an admitted Image or Build (its
// stored JSON), and judges it; nil for other kinds.
func (w *Webhooks) RuntimeOf(kind string, persisted []byte) *Runtime {
	rt := &Runtime{Admitted: true, Errors: []RuntimeError{}}
	switch kind {
	case v1alpha2.ImageKind:
		im := &v1alpha2.Image{}
		if err := json.Unmarshal(persisted, im); err != nil {
			rt.add("Image", FieldError{Message: "oracle error: " + err.Error()}, nil)
			return rt
		}
		w.imageRuntime(im, rt)
	case v1alpha2.BuildKind:
		b := &v1alpha2.Build{}
		if err := json.Unmarshal(persisted, b); err != nil {
			rt.add("Build", FieldError{Message: "oracle error: " + err.Error()}, nil)
			return rt
		}
		storedByAPIServer(&b.ObjectMeta)
		podRuntime(b, rt, func(p string) []string { return []string{p} })
	default:
		return nil
	}
	return rt
}

// storedByAPIServer sets what the API server sets on create.
func storedByAPIServer(m *metav1.ObjectMeta) {
	if m.Generation == 0 {
		m.Generation = 1
	}
	if m.UID == "" {
		m.UID = types.UID(standInUID)
	}
	m.CreationTimestamp = standInCreation
}

func (rt *Runtime) add(object string, e FieldError, paths []string) {
	rt.Admitted = false
	if paths == nil {
		paths = []string{}
	}
	objectPaths := e.Paths
	if objectPaths == nil {
		objectPaths = []string{}
	}
	for i, p := range paths {
		paths[i] = quoteKeys(p)
	}
	paths = dedupe(paths)
	// One field copied into every container gives the same error once per container: reported once.
	for i, earlier := range rt.Errors {
		if earlier.Object == object && earlier.Message == e.Message && strings.Join(earlier.Paths, "\n") == strings.Join(paths, "\n") && len(paths) > 0 {
			rt.Errors[i].ObjectPaths = dedupe(append(earlier.ObjectPaths, objectPaths...))
			return
		}
	}
	rt.Errors = append(rt.Errors, RuntimeError{Object: object, Message: e.Message, Paths: paths, ObjectPaths: objectPaths})
}

// imageRuntime: the image reconciler's first pass (pkg/reconciler/image: reconcileBuildCache, reconcileSourceResolver,
// reconcileBuild with no previous build), then the build reconciler's pod.
func (w *Webhooks) imageRuntime(im *v1alpha2.Image, rt *Runtime) {
	storedByAPIServer(&im.ObjectMeta)

	if im.Spec.NeedVolumeCache() {
		pvc := im.BuildCache()
		pvc.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "PersistentVolumeClaim"}
		for _, e := range createTyped(pvc).Errors {
			rt.add("PersistentVolumeClaim", e, pvcToImage(e))
		}
		im.Status.BuildCacheName = pvc.Name
	}

	sourceResolver := im.SourceResolver()
	sourceResolver.Status.Source = resolvedStandIn(sourceResolver)
	builder := standInBuilder{name: im.Spec.Builder.Name, namespace: im.Namespace, kind: im.Spec.Builder.Kind}
	// isBuildRequired for an Image without builds: one CONFIG change, from nothing to the Image's build config.
	summary, err := buildchange.NewChangeProcessor().Process(buildchange.NewConfigChange(buildchange.Config{}, buildchange.Config{
		Env:         im.Env(),
		Resources:   im.Resources(),
		Services:    im.Services(),
		CNBBindings: im.CNBBindings(),
		Source:      sourceResolver.Status.Source.ResolvedSource().SourceConfig(),
	})).Summarize()
	if err != nil {
		rt.add("Build", FieldError{Message: "kpack's image reconciler fails: " + err.Error()}, nil)
		return
	}
	build := im.Build(sourceResolver, builder, nil, summary.ReasonsStr, summary.ChangesStr, 1, "")
	build.TypeMeta = metav1.TypeMeta{APIVersion: v1alpha2.SchemeGroupVersion.String(), Kind: v1alpha2.BuildKind}
	toImage := func(p string) []string { return buildToImage(im, build, p) }

	body, err := json.Marshal(build)
	if err != nil {
		rt.add("Build", FieldError{Message: "oracle error: " + err.Error()}, nil)
		return
	}
	v := w.Admit(Request{GVK: build.GroupVersionKind(), Namespace: build.Namespace, Name: build.Name, Object: body, User: &controllerUser})
	if !v.Admitted {
		for _, e := range v.Errors {
			var paths []string
			for _, p := range e.Paths {
				if p == "metadata.labels" && e.value == im.Name {
					paths = append(paths, "metadata.name")
				} else {
					paths = append(paths, toImage(p)...)
				}
			}
			rt.add("Build", e, paths)
		}
		return
	}
	stored := &v1alpha2.Build{}
	if err := json.Unmarshal(v.Persisted, stored); err != nil {
		rt.add("Build", FieldError{Message: "oracle error: " + err.Error()}, nil)
		return
	}
	storedByAPIServer(&stored.ObjectMeta)
	podRuntime(stored, rt, toImage)
}

// resolvedStandIn is what kpack's source resolvers find: the git revision as a commit, blob and registry as given.
func resolvedStandIn(sr *v1alpha2.SourceResolver) corev1alpha1.ResolvedSourceConfig {
	s := sr.Spec.Source
	switch {
	case s.Git != nil:
		return corev1alpha1.ResolvedSourceConfig{Git: &corev1alpha1.ResolvedGitSource{
			URL: s.Git.URL, Revision: standInCommit, Type: corev1alpha1.Branch, SubPath: s.SubPath, InitializeSubmodules: s.Git.InitializeSubmodules,
		}}
	case s.Blob != nil:
		return corev1alpha1.ResolvedSourceConfig{Blob: &corev1alpha1.ResolvedBlobSource{URL: s.Blob.URL, Auth: s.Blob.Auth, SubPath: s.SubPath}}
	case s.Registry != nil:
		return corev1alpha1.ResolvedSourceConfig{Registry: &corev1alpha1.ResolvedRegistrySource{
			Image: s.Registry.Image, ImagePullSecrets: s.Registry.ImagePullSecrets, SubPath: s.SubPath,
		}}
	}
	return corev1alpha1.ResolvedSourceConfig{}
}

// podRuntime: the build reconciler's pod (pkg/buildpod Generator.Generate with stand-ins), created by the controller.
func podRuntime(b *v1alpha2.Build, rt *Runtime, toManifest func(string) []string) {
	buildPath := func(p string) []string {
		var out []string
		for _, q := range toManifest(p) {
			if q != "" {
				out = append(out, q)
			}
		}
		return out
	}
	pod, err := buildPod(b)
	if err != nil {
		rt.add("Build", FieldError{Message: "kpack cannot make the build pod: " + err.Error()}, buildPodErrorPaths(err, b, buildPath))
		return
	}
	pod.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"}
	for _, e := range createTyped(pod).Errors {
		var paths []string
		for _, p := range e.Paths {
			for _, q := range podToBuild(pod, b, p, e.value) {
				paths = append(paths, buildPath(q)...)
			}
		}
		rt.add("Pod", e, paths)
	}
}

// buildPod calls kpack's Build.BuildPod with the build context the generator would assemble; a panic of kpack's code
// is an error of the build.
func buildPod(b *v1alpha2.Build) (pod *corev1.Pod, err error) {
	defer func() {
		if r := recover(); r != nil {
			pod, err = nil, fmt.Errorf("kpack's build pod code panics: %v", r)
		}
	}()
	return b.BuildPod(standInPodImages, v1alpha2.BuildContext{
		BuildPodBuilderConfig: builderConfig(b),
		Secrets:               standInSecrets,
		Bindings:              bindingsOf(b),
	})
}

// bindingsOf: the generator's fetchServiceBindings, the provisioned services' binding Secrets named as the services.
func bindingsOf(b *v1alpha2.Build) []v1alpha2.ServiceBinding {
	bindings := []v1alpha2.ServiceBinding{}
	if len(b.Spec.Services) > 0 {
		for _, s := range b.Spec.Services {
			bindings = append(bindings, &corev1alpha1.ServiceBinding{Name: s.Name, SecretRef: &corev1.LocalObjectReference{Name: s.Name}})
		}
		return bindings
	}
	for _, c := range b.Spec.CNBBindings {
		bindings = append(bindings, &corev1alpha1.CNBServiceBinding{Name: c.Name, SecretRef: c.SecretRef, MetadataRef: c.MetadataRef})
	}
	return bindings
}

func buildPodErrorPaths(err error, b *v1alpha2.Build, toManifest func(string) []string) []string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "parsing creation time"):
		return toManifest("spec.creationTime")
	case strings.Contains(msg, "platform API"):
		return nil
	}
	return nil
}

func createTyped(obj runtime.Object) KubeVerdict {
	body, err := json.Marshal(obj)
	if err != nil {
		return refused(FieldError{Message: "oracle error: " + err.Error(), Paths: []string{}})
	}
	return createKubernetes(body)
}

var (
	containerPath = regexp.MustCompile(`^spec\.(initContainers|containers)\[(\d+)\]\.?(.*)$`)
	volumePath    = regexp.MustCompile(`^spec\.volumes\[(\d+)\]`)
	indexPath     = regexp.MustCompile(`^([a-zA-Z]+)\[(\d+)\](.*)$`)
)

// podToBuild maps a field of the build pod to the field of the Build it comes from.
func podToBuild(pod *corev1.Pod, b *v1alpha2.Build, p string, value any) []string {
	switch {
	case p == "metadata.name", p == "metadata.namespace":
		return []string{p}
	case strings.HasPrefix(p, "metadata.labels"):
		if value == b.Name && b.Name != "" {
			return []string{"metadata.name"}
		}
		return []string{p}
	case strings.HasPrefix(p, "metadata.annotations"):
		return []string{p}
	}
	for _, f := range []string{"nodeSelector", "tolerations", "affinity", "runtimeClassName", "schedulerName", "priorityClassName", "activeDeadlineSeconds", "serviceAccountName"} {
		if p == "spec."+f || strings.HasPrefix(p, "spec."+f+".") || strings.HasPrefix(p, "spec."+f+"[") {
			return []string{p}
		}
	}
	if p == "spec.serviceAccount" {
		return []string{"spec.serviceAccountName"}
	}
	if strings.HasPrefix(p, "spec.imagePullSecrets") {
		return []string{"spec.builder.imagePullSecrets" + strings.TrimPrefix(p, "spec.imagePullSecrets")}
	}
	if m := volumePath.FindStringSubmatch(p); m != nil {
		k, _ := strconv.Atoi(m[1])
		if k < len(pod.Spec.Volumes) {
			return volumeToBuild(pod, b, pod.Spec.Volumes[k].Name)
		}
		return nil
	}
	m := containerPath.FindStringSubmatch(p)
	if m == nil {
		return nil
	}
	list := pod.Spec.Containers
	if m[1] == "initContainers" {
		list = pod.Spec.InitContainers
	}
	i, _ := strconv.Atoi(m[2])
	if i >= len(list) {
		return nil
	}
	c := list[i]
	rest := m[3]
	switch {
	case rest == "resources" || strings.HasPrefix(rest, "resources.") || strings.HasPrefix(rest, "resources["):
		return []string{"spec." + rest}
	case rest == "volumeMounts.subPath" || strings.HasSuffix(rest, ".subPath") && strings.HasPrefix(rest, "volumeMounts["):
		// Kubernetes names the subPath of a mount without its index.
		for _, mount := range c.VolumeMounts {
			if mount.SubPath != "" && mount.SubPath == b.Spec.Source.SubPath {
				return []string{"spec.source.subPath"}
			}
		}
		return nil
	case rest == "image":
		if b.Spec.Builder.Image != "" && c.Image == b.Spec.Builder.Image {
			return []string{"spec.builder.image"}
		}
		return nil
	}
	if im := indexPath.FindStringSubmatch(rest); im != nil {
		j, _ := strconv.Atoi(im[2])
		switch im[1] {
		case "env":
			if c.Name != v1alpha2.PrepareContainerName {
				return nil
			}
			source := len(b.Spec.Source.Source().BuildEnvVars())
			if j >= source && j < source+len(b.Spec.Env) {
				return []string{fmt.Sprintf("spec.env[%d]%s", j-source, im[3])}
			}
		case "volumeMounts":
			if j >= len(c.VolumeMounts) {
				return nil
			}
			return volumeToBuild(pod, b, c.VolumeMounts[j].Name)
		}
	}
	return nil
}

// volumeToBuild maps a volume of the build pod (by name) to the field of the Build it comes from.
func volumeToBuild(pod *corev1.Pod, b *v1alpha2.Build, name string) []string {
	switch name {
	case "cache-dir":
		return []string{"spec.cache.volume.claimName"}
	case "notary-dir":
		return []string{"spec.notary"}
	case "registry-source-pull-secrets-dir":
		return []string{"spec.source.registry.imagePullSecrets"}
	}
	if strings.HasPrefix(name, "pull-secret-volume-") {
		for _, v := range pod.Spec.Volumes {
			if v.Name == name && v.Secret != nil {
				for i, s := range b.Spec.Builder.ImagePullSecrets {
					if s.Name == v.Secret.SecretName {
						return []string{fmt.Sprintf("spec.builder.imagePullSecrets[%d]", i)}
					}
				}
			}
		}
		return nil
	}
	if strings.HasPrefix(name, "binding-") {
		candidates := []string{strings.TrimPrefix(name, "binding-")}
		for _, prefix := range []string{"binding-metadata-", "binding-secret-"} {
			if strings.HasPrefix(name, prefix) {
				candidates = append([]string{strings.TrimPrefix(name, prefix)}, candidates...)
			}
		}
		for _, n := range candidates {
			for i, s := range b.Spec.Services {
				if s.Name == n {
					return []string{fmt.Sprintf("spec.services[%d]", i)}
				}
			}
			for i, c := range b.Spec.CNBBindings {
				if c.Name == n {
					return []string{fmt.Sprintf("spec.cnbBindings[%d]", i)}
				}
			}
		}
	}
	return nil
}

var buildTagPath = regexp.MustCompile(`^spec\.tags\[(\d+)\](.*)$`)

// buildToImage maps a field of the Build made from an Image to the field of the Image it comes from.
func buildToImage(im *v1alpha2.Image, build *v1alpha2.Build, p string) []string {
	switch {
	case p == "metadata.name", p == "metadata.namespace":
		return []string{p}
	case strings.HasPrefix(p, "metadata.labels"), strings.HasPrefix(p, "metadata.annotations"):
		return []string{p}
	case p == "spec.tags":
		return []string{"spec.tag"}
	case p == "spec.cache.volume.claimName":
		return []string{"metadata.name"}
	case p == "spec.activeDeadlineSeconds":
		return []string{"spec.build.buildTimeout"}
	case strings.HasPrefix(p, "spec.builder"):
		return []string{"spec.builder"}
	}
	if m := buildTagPath.FindStringSubmatch(p); m != nil {
		k, _ := strconv.Atoi(m[1])
		generated := 1
		if im.Spec.ImageTaggingStrategy == corev1alpha1.None {
			generated = 0
		}
		if k <= generated {
			return []string{"spec.tag"}
		}
		return []string{fmt.Sprintf("spec.additionalTags[%d]%s", k-generated-1, m[2])}
	}
	for _, f := range []string{"source", "cache", "notary", "cosign", "defaultProcess", "projectDescriptorPath", "serviceAccountName"} {
		if p == "spec."+f || strings.HasPrefix(p, "spec."+f+".") || strings.HasPrefix(p, "spec."+f+"[") {
			return []string{p}
		}
	}
	for _, f := range []string{"env", "resources", "services", "cnbBindings", "tolerations", "nodeSelector", "affinity", "runtimeClassName", "schedulerName", "creationTime"} {
		if p == "spec."+f || strings.HasPrefix(p, "spec."+f+".") || strings.HasPrefix(p, "spec."+f+"[") {
			return []string{"spec.build." + strings.TrimPrefix(p, "spec.")}
		}
	}
	return nil
}

// pvcToImage maps a field of the cache PersistentVolumeClaim to the field of the Image it comes from.
func pvcToImage(e FieldError) []string {
	var out []string
	for _, p := range e.Paths {
		switch {
		case p == "metadata.name":
			out = append(out, "metadata.name")
		case strings.HasPrefix(p, "metadata.labels"):
			out = append(out, "metadata.labels")
		case strings.HasPrefix(p, "spec.resources"):
			out = append(out, "spec.cache.volume.size")
		case strings.HasPrefix(p, "spec.storageClassName"):
			out = append(out, "spec.cache.volume.storageClassName")
		}
	}
	return out
}

var mapKey = regexp.MustCompile(`\[([^\]"]*[^\]"0-9][^\]"]*)\]`)

// quoteKeys writes Kubernetes' map subscripts as the rule engine does: requests[cpu] -> requests["cpu"].
func quoteKeys(p string) string {
	return mapKey.ReplaceAllStringFunc(p, func(s string) string {
		b, _ := json.Marshal(s[1 : len(s)-1])
		return "[" + string(b) + "]"
	})
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
