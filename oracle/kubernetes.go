package main

// Kubernetes' own API validation, as the API server runs it on `kubectl apply` (create) of a built-in object: the
// request body is decoded strictly (kubectl's default --validate=strict: unknown and duplicate fields are errors)
// into the versioned type, defaulted and converted to the internal type by the API server's scheme
// (k8s.io/kubernetes/pkg/api/legacyscheme with each group's install package), then the API server's generic create
// path runs: a name from generateName, the object's system fields, and rest.BeforeCreate with the kind's own registry
// strategy (k8s.io/kubernetes/pkg/registry/<group>/<kind>: PrepareForCreate, then Validate, which calls the group's
// validation, e.g. ValidatePodCreate with the options the strategy derives, then the generic ObjectMeta validation).
// Nothing of Kubernetes is copied: go.mod requires k8s.io/kubernetes and replaces its staging modules by their
// published versions.
//
// What is not modelled: admission plugins that depend on the cluster's contents (ServiceAccount, Priority,
// LimitRanger, ResourceQuota, PodSecurity: a missing PriorityClass or ServiceAccount, a namespace's policy; Pod Security
// "restricted" is reported, not enforced: podsecurity.go), and
// authorization (the user is a cluster admin).

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	api "k8s.io/kubernetes/pkg/apis/core"

	apiextensionsinstall "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/install"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition"
	_ "k8s.io/kubernetes/pkg/apis/admissionregistration/install"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	_ "k8s.io/kubernetes/pkg/apis/policy/install"
	_ "k8s.io/kubernetes/pkg/apis/rbac/install"
	_ "k8s.io/kubernetes/pkg/apis/scheduling/install"
	_ "k8s.io/kubernetes/pkg/apis/storage/install"

	"k8s.io/kubernetes/pkg/registry/admissionregistration/mutatingwebhookconfiguration"
	"k8s.io/kubernetes/pkg/registry/admissionregistration/validatingwebhookconfiguration"
	"k8s.io/kubernetes/pkg/registry/apps/daemonset"
	"k8s.io/kubernetes/pkg/registry/apps/deployment"
	"k8s.io/kubernetes/pkg/registry/apps/replicaset"
	"k8s.io/kubernetes/pkg/registry/apps/statefulset"
	"k8s.io/kubernetes/pkg/registry/batch/cronjob"
	"k8s.io/kubernetes/pkg/registry/batch/job"
	"k8s.io/kubernetes/pkg/registry/core/configmap"
	"k8s.io/kubernetes/pkg/registry/core/limitrange"
	"k8s.io/kubernetes/pkg/registry/core/namespace"
	"k8s.io/kubernetes/pkg/registry/core/persistentvolumeclaim"
	"k8s.io/kubernetes/pkg/registry/core/pod"
	"k8s.io/kubernetes/pkg/registry/core/resourcequota"
	"k8s.io/kubernetes/pkg/registry/core/secret"
	"k8s.io/kubernetes/pkg/registry/core/service"
	"k8s.io/kubernetes/pkg/registry/core/serviceaccount"
	"k8s.io/kubernetes/pkg/registry/networking/networkpolicy"
	"k8s.io/kubernetes/pkg/registry/policy/poddisruptionbudget"
	"k8s.io/kubernetes/pkg/registry/rbac/clusterrole"
	"k8s.io/kubernetes/pkg/registry/rbac/clusterrolebinding"
	"k8s.io/kubernetes/pkg/registry/rbac/role"
	"k8s.io/kubernetes/pkg/registry/rbac/rolebinding"
	"k8s.io/kubernetes/pkg/registry/scheduling/priorityclass"
	"k8s.io/kubernetes/pkg/registry/storage/storageclass"
)

// kubeScheme is the API server's scheme (legacyscheme, filled by the install packages above) plus apiextensions'.
var kubeScheme = legacyscheme.Scheme

// kubeDecoder decodes a request body as the API server does: into the versioned type named by apiVersion and kind,
// defaulted, converted to the internal version; strict (unknown or duplicate fields are reported).
var kubeDecoder runtime.Decoder

// kubeStrategies: the create strategy of each kind the oracle judges, from the API server's registry. Objects of
// other built-in kinds are not judged.
var kubeStrategies map[schema.GroupKind]rest.RESTCreateStrategy

func init() {
	apiextensionsinstall.Install(kubeScheme)
	kubeDecoder = serializer.NewCodecFactory(kubeScheme, serializer.EnableStrict).UniversalDecoder()
	kubeStrategies = map[schema.GroupKind]rest.RESTCreateStrategy{
		{Kind: "Pod"}:                                                    pod.Strategy,
		{Kind: "PersistentVolumeClaim"}:                                  persistentvolumeclaim.Strategy,
		{Kind: "Secret"}:                                                 secret.Strategy,
		{Kind: "ServiceAccount"}:                                         serviceaccount.Strategy,
		{Kind: "ConfigMap"}:                                              configmap.Strategy,
		{Kind: "Namespace"}:                                              namespace.Strategy,
		{Kind: "Service"}:                                                service.Strategy,
		{Kind: "ResourceQuota"}:                                          resourcequota.Strategy,
		{Kind: "LimitRange"}:                                             limitrange.Strategy,
		{Group: "apps", Kind: "Deployment"}:                              deployment.Strategy,
		{Group: "apps", Kind: "DaemonSet"}:                               daemonset.Strategy,
		{Group: "apps", Kind: "StatefulSet"}:                             statefulset.Strategy,
		{Group: "apps", Kind: "ReplicaSet"}:                              replicaset.Strategy,
		{Group: "batch", Kind: "Job"}:                                    job.Strategy,
		{Group: "batch", Kind: "CronJob"}:                                cronjob.Strategy,
		{Group: "rbac.authorization.k8s.io", Kind: "Role"}:               role.Strategy,
		{Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"}:        clusterrole.Strategy,
		{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"}:        rolebinding.Strategy,
		{Group: "rbac.authorization.k8s.io", Kind: "ClusterRoleBinding"}: clusterrolebinding.Strategy,
		{Group: "policy", Kind: "PodDisruptionBudget"}:                   poddisruptionbudget.Strategy,
		{Group: "scheduling.k8s.io", Kind: "PriorityClass"}:              priorityclass.Strategy,
		{Group: "admissionregistration.k8s.io", Kind: "ValidatingWebhookConfiguration"}: validatingwebhookconfiguration.Strategy,
		{Group: "admissionregistration.k8s.io", Kind: "MutatingWebhookConfiguration"}:   mutatingwebhookconfiguration.Strategy,
		{Group: "networking.k8s.io", Kind: "NetworkPolicy"}:                             networkpolicy.Strategy,
		{Group: "storage.k8s.io", Kind: "StorageClass"}:                                 storageclass.Strategy,
		{Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition"}:               customresourcedefinition.NewStrategy(kubeScheme),
	}
}

// KubeVerdict is Kubernetes' answer to the creation of one object.
type KubeVerdict struct {
	// Judged is false for kinds the oracle has no strategy for.
	Judged   bool
	Admitted bool
	Errors   []FieldError
	Message  string
	// PodSecurity: for an object with a pod template (decoded, accepted or not), Pod Security "restricted" (podsecurity.go).
	PodSecurity *PodSecurity
}

// judgesKubernetes says whether the oracle validates objects of this group and kind with Kubernetes' code.
func judgesKubernetes(gvk schema.GroupVersionKind) bool {
	_, ok := kubeStrategies[gvk.GroupKind()]
	return ok
}

// createKubernetes judges the creation of one object from its JSON, as `kubectl apply` by a cluster admin in the
// namespace `default` would send it.
func createKubernetes(body []byte) KubeVerdict {
	var probe struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return refused(FieldError{Message: err.Error(), Paths: []string{}})
	}
	gv, err := schema.ParseGroupVersion(probe.APIVersion)
	if err != nil {
		return refused(FieldError{Message: err.Error(), Paths: []string{"apiVersion"}})
	}
	strategy, ok := kubeStrategies[schema.GroupKind{Group: gv.Group, Kind: probe.Kind}]
	if !ok {
		return KubeVerdict{Judged: false, Admitted: true, Errors: []FieldError{}}
	}
	if !kubeScheme.Recognizes(gv.WithKind(probe.Kind)) {
		msg := fmt.Sprintf("no matches for kind %q in version %q", probe.Kind, probe.APIVersion)
		return refused(FieldError{Message: msg, Paths: []string{"apiVersion", "kind"}})
	}

	obj, _, err := kubeDecoder.Decode(body, nil, nil)
	var strictErrors []FieldError
	if err != nil {
		strict, isStrict := runtime.AsStrictDecodingError(err)
		if !isStrict || obj == nil {
			// A wrongly typed field: the API server answers 400 Bad Request with Go's JSON error.
			return refused(decodeError(err.Error()))
		}
		// kubectl apply asks for fieldValidation=Strict: each unknown or duplicate field is an error.
		for _, e := range strict.Errors() {
			strictErrors = append(strictErrors, FieldError{Message: e.Error(), Paths: strictPaths(e.Error())})
		}
	}
	if len(strictErrors) > 0 {
		v := KubeVerdict{Judged: true, Admitted: false, Errors: strictErrors}
		v.Message = "strict decoding error: " + joinMessages(strictErrors)
		return v
	}

	accessor, err := metaAccessor(obj)
	if err != nil {
		return refused(FieldError{Message: err.Error(), Paths: []string{"metadata"}})
	}
	// The request's namespace: kubectl sends namespaced objects to the namespace they name, or to its context's
	// (`default`); cluster-scoped objects are sent without one (kubectl drops their namespace).
	requestNamespace := ""
	if strategy.NamespaceScoped() {
		requestNamespace = accessor.GetNamespace()
		if requestNamespace == "" {
			requestNamespace = metav1.NamespaceDefault
		}
	}
	accessor.SetNamespace(requestNamespace)
	ctx := genericapirequest.WithNamespace(context.Background(), requestNamespace)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{IsResourceRequest: true, Verb: "create", Namespace: requestNamespace})

	// The generic registry's Create: system fields, a name from generateName (a fixed suffix keeps the oracle
	// deterministic), what the kind's storage does first (a Service's IP allocation), then BeforeCreate.
	rest.FillObjectMetaSystemFields(accessor)
	if accessor.GetName() == "" && accessor.GetGenerateName() != "" {
		accessor.SetName(accessor.GetGenerateName() + "x7k2q")
	}
	beginCreate(obj)
	recorder := &recordingStrategy{RESTCreateStrategy: strategy}
	v := KubeVerdict{Judged: true, Admitted: true, Errors: []FieldError{}}
	if err := rest.BeforeCreate(recorder, ctx, obj); err != nil {
		v = KubeVerdict{Judged: true, Admitted: false, Message: err.Error()}
		switch {
		case len(recorder.errs) > 0:
			v.Errors = fieldErrors(recorder.errs)
		default:
			v.Errors = statusCauses(err)
		}
	}
	// Pod Security, whether or not validation passed (a pod template refused by both shows both).
	ps, err := podSecurityOf(obj, gv.WithKind(probe.Kind))
	if err != nil {
		fail(fmt.Errorf("pod security of %s: %w", probe.Kind, err))
	}
	v.PodSecurity = ps
	return v
}

func refused(e FieldError) KubeVerdict {
	return KubeVerdict{Judged: true, Admitted: false, Errors: []FieldError{e}, Message: e.Message}
}

type objectMetaAccessor interface {
	metav1.Object
}

func metaAccessor(obj runtime.Object) (objectMetaAccessor, error) {
	o, ok := obj.(metav1.Object)
	if !ok {
		return nil, fmt.Errorf("%T has no metadata", obj)
	}
	return o, nil
}

// recordingStrategy keeps the field errors of the strategy's Validate (BeforeCreate returns them as a StatusError,
// which drops the bad values).
type recordingStrategy struct {
	rest.RESTCreateStrategy
	errs field.ErrorList
}

func (r *recordingStrategy) Validate(ctx context.Context, obj runtime.Object) field.ErrorList {
	r.errs = r.RESTCreateStrategy.Validate(ctx, obj)
	return r.errs
}

// beginCreate is what a kind's REST storage does before the generic create path. For a Service: the IP family
// fields and a cluster IP (and node ports) are allocated (pkg/registry/core/service/storage beginCreate); stand-ins
// from the default service CIDR and node port range.
func beginCreate(obj runtime.Object) {
	svc, ok := obj.(*api.Service)
	if !ok || svc.Spec.Type == api.ServiceTypeExternalName {
		return
	}
	if svc.Spec.IPFamilyPolicy == nil {
		single := api.IPFamilyPolicySingleStack
		svc.Spec.IPFamilyPolicy = &single
	}
	if len(svc.Spec.IPFamilies) == 0 {
		svc.Spec.IPFamilies = []api.IPFamily{api.IPv4Protocol}
	}
	if svc.Spec.ClusterIP == "" {
		svc.Spec.ClusterIP = "10.96.0.42"
	}
	if len(svc.Spec.ClusterIPs) == 0 {
		svc.Spec.ClusterIPs = []string{svc.Spec.ClusterIP}
	}
	if svc.Spec.Type == api.ServiceTypeNodePort || svc.Spec.Type == api.ServiceTypeLoadBalancer {
		for i := range svc.Spec.Ports {
			if svc.Spec.Ports[i].NodePort == 0 {
				svc.Spec.Ports[i].NodePort = int32(30100 + i)
			}
		}
	}
}

func fieldErrors(errs field.ErrorList) []FieldError {
	out := []FieldError{}
	for _, e := range errs {
		out = append(out, FieldError{Message: e.ErrorBody(), Paths: []string{e.Field}, value: e.BadValue, errType: string(e.Type)})
	}
	return out
}

func statusCauses(err error) []FieldError {
	out := []FieldError{}
	if status, ok := err.(apierrors.APIStatus); ok && status.Status().Details != nil {
		for _, c := range status.Status().Details.Causes {
			paths := []string{}
			if c.Field != "" {
				paths = append(paths, c.Field)
			}
			out = append(out, FieldError{Message: c.Message, Paths: paths})
		}
	}
	if len(out) == 0 {
		out = append(out, FieldError{Message: err.Error(), Paths: []string{}})
	}
	return out
}

var strictFieldPattern = regexp.MustCompile(`(?:unknown|duplicate) field "([^"]*)"`)

func strictPaths(msg string) []string {
	if m := strictFieldPattern.FindStringSubmatch(msg); m != nil {
		return []string{m[1]}
	}
	return []string{}
}

func joinMessages(errs []FieldError) string {
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msgs = append(msgs, e.Message)
	}
	sort.Strings(msgs)
	return strings.Join(msgs, ", ")
}

// judgeKubernetesObject fills a line for a non-kpack object with Kubernetes' verdict.
func judgeKubernetesObject(line *Line, u *unstructured.Unstructured) {
	body, err := u.MarshalJSON()
	if err != nil {
		fail(err)
	}
	v := createKubernetes(body)
	line.Judged = v.Judged
	line.Admitted = v.Admitted
	line.Errors = v.Errors
	line.PodSecurity = v.PodSecurity
	if !v.Judged {
		return
	}
	if !v.Admitted {
		line.RefusedBy = "kubernetes"
		line.Message = v.Message
	}
}
