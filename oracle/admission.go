package main

// The admission chain of a kpack object, run with kpack's and knative's own code: knative's defaulting and
// validating admission controllers, constructed exactly as kpack's cmd/webhook/main.go constructs them (with fake
// Kubernetes clients, which only their certificate reconcilers use), are asked to Admit an AdmissionRequest as the
// API server would send it, and the API server's own ObjectMeta validation for custom resources runs between them.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	jsonpatch "github.com/evanphx/json-patch/v5"
	"go.uber.org/zap"
	admissionv1 "k8s.io/api/admission/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
	"knative.dev/pkg/apis"
	"knative.dev/pkg/injection"
	"knative.dev/pkg/logging"
	"knative.dev/pkg/webhook"
	knativejson "knative.dev/pkg/webhook/json"
	"knative.dev/pkg/webhook/resourcesemantics"
	"knative.dev/pkg/webhook/resourcesemantics/defaulting"
	"knative.dev/pkg/webhook/resourcesemantics/validation"

	// Fake clients and informers for what the admission controllers' constructors look up.
	_ "knative.dev/pkg/client/injection/kube/client/fake"
	_ "knative.dev/pkg/client/injection/kube/informers/admissionregistration/v1/mutatingwebhookconfiguration/fake"
	_ "knative.dev/pkg/client/injection/kube/informers/admissionregistration/v1/validatingwebhookconfiguration/fake"
	_ "knative.dev/pkg/injection/clients/namespacedkube/informers/core/v1/secret/fake"

	"github.com/pivotal/kpack/pkg/apis/build/v1alpha2"
)

// The user that applies manifests: an ordinary user, not kpack's controller (which may set notary and cnbBindings).
var ordinaryUser = authenticationv1.UserInfo{Username: "kubernetes-admin", Groups: []string{"system:masters", "system:authenticated"}}

// Cluster is what kpack's webhook reads from the cluster (cmd/webhook/main.go, withCheckDefaultStorageClass).
type Cluster struct {
	HasDefaultStorageClass bool
	// DefaultStorageClassExpandable: the default StorageClass has allowVolumeExpansion: true.
	DefaultStorageClassExpandable bool
}

// withCluster is kpack's withCheckDefaultStorageClass over a fixed cluster: the keys are set only when true.
func (c Cluster) withCluster(ctx context.Context) context.Context {
	if c.HasDefaultStorageClass {
		ctx = context.WithValue(ctx, v1alpha2.HasDefaultStorageClass, true)
		if c.DefaultStorageClassExpandable {
			ctx = context.WithValue(ctx, v1alpha2.IsExpandable, true)
		}
	}
	return ctx
}

// Webhooks holds kpack's two admission controllers.
type Webhooks struct {
	ctx        context.Context
	cluster    Cluster
	defaulting webhook.AdmissionController
	validating webhook.AdmissionController
}

func NewWebhooks(cluster Cluster) (*Webhooks, error) {
	// knative reads the system namespace when its controllers are constructed; kpack runs in `kpack`.
	if os.Getenv("SYSTEM_NAMESPACE") == "" {
		os.Setenv("SYSTEM_NAMESPACE", "kpack")
	}
	ctx := logging.WithLogger(context.Background(), zap.NewNop().Sugar())
	ctx, _ = injection.Fake.SetupInformers(ctx, &rest.Config{})
	ctx = webhook.WithOptions(ctx, webhook.Options{ServiceName: "kpack-webhook", Port: 8443, SecretName: "webhook-certs"})

	d := defaulting.NewAdmissionController(ctx, "defaults.webhook.kpack.io", "/defaults", webhookTypes, cluster.withCluster, false)
	v := validation.NewAdmissionController(ctx, "validation.webhook.kpack.io", "/validate", webhookTypes, cluster.withCluster, true)
	dac, ok := d.Reconciler.(webhook.AdmissionController)
	if !ok {
		return nil, fmt.Errorf("knative's defaulting controller is not an AdmissionController")
	}
	vac, ok := v.Reconciler.(webhook.AdmissionController)
	if !ok {
		return nil, fmt.Errorf("knative's validating controller is not an AdmissionController")
	}
	return &Webhooks{ctx: ctx, cluster: cluster, defaulting: dac, validating: vac}, nil
}

// FieldError is one error as knative's apis.FieldError reports it.
type FieldError struct {
	Message string   `json:"message"`
	Paths   []string `json:"paths"`
	Details string   `json:"details,omitempty"`
	// value and errType: Kubernetes' field.Error's bad value and type, for mapping an error back to a kpack field.
	value   any
	errType string
}

// Verdict is the outcome of one admission.
type Verdict struct {
	Admitted bool `json:"admitted"`
	// Step that refused the object: "decode" (the mutating webhook could not decode it), "apiserver" (the API server
	// could not decode or convert the patched object), "metadata" (the API server's validation of a custom resource:
	// kind, apiVersion and ObjectMeta), "validate" (kpack's validating webhook), "storage" (the API server's storage).
	RefusedBy string       `json:"refusedBy,omitempty"`
	Errors    []FieldError `json:"errors"`
	// Message is the whole text the API server would return for a refusal.
	Message string `json:"message,omitempty"`
	// Persisted is the object as stored (what the mutating webhook's patch makes of the request).
	Persisted json.RawMessage `json:"persisted,omitempty"`
	// Unjudged says why the oracle cannot judge the object (then Admitted means nothing).
	Unjudged string `json:"unjudged,omitempty"`
}

// Request is one object to admit: raw JSON as the API server sends it to webhooks, and the previous stored
// object for an update.
type Request struct {
	GVK       schema.GroupVersionKind
	Namespace string
	Name      string
	Object    []byte
	Old       []byte
	// User who sends it; nil: an ordinary user (kubectl apply).
	User *authenticationv1.UserInfo
}

func (r Request) user() *authenticationv1.UserInfo {
	if r.User != nil {
		return r.User
	}
	return &ordinaryUser
}

func pluralOf(kind string) string {
	return strings.ToLower(kind) + "s"
}

func (w *Webhooks) admissionRequest(r Request, object []byte) *admissionv1.AdmissionRequest {
	op := admissionv1.Create
	old := runtime.RawExtension{}
	if r.Old != nil {
		op = admissionv1.Update
		old.Raw = r.Old
	}
	return &admissionv1.AdmissionRequest{
		UID:       "oracle",
		Kind:      metav1.GroupVersionKind{Group: r.GVK.Group, Version: r.GVK.Version, Kind: r.GVK.Kind},
		Resource:  metav1.GroupVersionResource{Group: r.GVK.Group, Version: r.GVK.Version, Resource: pluralOf(r.GVK.Kind)},
		Name:      r.Name,
		Namespace: r.Namespace,
		Operation: op,
		UserInfo:  *r.user(),
		Object:    runtime.RawExtension{Raw: object},
		OldObject: old,
	}
}

// Admit runs the chain: the API server's field manager, mutating webhook, API server metadata validation, validating
// webhook.
func (w *Webhooks) Admit(r Request) Verdict {
	handler, known := webhookTypes[r.GVK]
	if !known {
		return Verdict{Admitted: true, Errors: []FieldError{}, Persisted: r.Object}
	}

	// 0. The API server's field manager (runFieldManager) sets managedFields before the mutating webhooks.
	object, unjudged := runFieldManager(r.Object, r.Old, r.GVK)
	if unjudged != "" {
		return Verdict{Unjudged: unjudged, Errors: []FieldError{}}
	}

	// 1. kpack's mutating webhook: lenient decode, round trip, SetDefaults; answers with a JSON patch. The API server
	// resets managedFields the patch leaves undecodable (keepValidManagedFields).
	mutated := w.defaulting.Admit(w.ctx, w.admissionRequest(r, object))
	if !mutated.Allowed {
		msg := resultMessage(mutated)
		return Verdict{Admitted: false, RefusedBy: "decode", Message: msg, Errors: []FieldError{decodeError(msg)}}
	}
	persisted := object
	if len(mutated.Patch) > 0 {
		patch, err := jsonpatch.DecodePatch(mutated.Patch)
		if err != nil {
			return internalError(fmt.Errorf("decoding the webhook's patch: %w", err))
		}
		if persisted, err = patch.Apply(object); err != nil {
			return internalError(fmt.Errorf("applying the webhook's patch: %w", err))
		}
		persisted = keepValidManagedFields(object, persisted)
	}

	// 2. What the API server does with the patched object before the validating webhooks (customResourceAfterMutation).
	stored, unjudged, refusal := customResourceAfterMutation(persisted, r.GVK, r.Old)
	if unjudged != "" {
		return Verdict{Unjudged: unjudged, Errors: []FieldError{}}
	}
	if refusal != nil {
		return *refusal
	}
	persisted = stored

	// 3. kpack's validating webhook: strict decode of the patched object, Validate.
	validated := w.validating.Admit(w.ctx, w.admissionRequest(r, persisted))
	if validated.Allowed {
		// 4. The API server's storage.
		if r.Old == nil {
			if refusal := storageRefusal(persisted); refusal != nil {
				return *refusal
			}
		}
		return Verdict{Admitted: true, Errors: []FieldError{}, Persisted: persisted}
	}
	v := Verdict{Admitted: false, RefusedBy: "validate", Message: resultMessage(validated)}
	v.Errors = w.fieldErrors(handler, r, persisted)
	if len(v.Errors) == 0 {
		v.Errors = []FieldError{{Message: v.Message, Paths: []string{}}}
	}
	return v
}

// fieldErrors repeats the validating webhook's Validate call to list its errors one by one (the admission response
// has only their joined text).
func (w *Webhooks) fieldErrors(handler resourcesemantics.GenericCRD, r Request, object []byte) []FieldError {
	obj := handler.DeepCopyObject().(resourcesemantics.GenericCRD)
	if err := knativejson.Decode(object, obj, true); err != nil {
		return []FieldError{decodeError(err.Error())}
	}
	ctx := w.cluster.withCluster(w.ctx)
	if r.Old != nil {
		old := handler.DeepCopyObject().(resourcesemantics.GenericCRD)
		if err := knativejson.Decode(r.Old, old, true); err != nil {
			return []FieldError{decodeError("cannot decode incoming old object: " + err.Error())}
		}
		ctx = apis.WithinUpdate(ctx, old)
	} else {
		ctx = apis.WithinCreate(ctx)
	}
	ctx = apis.WithUserInfo(ctx, r.user())
	fe := obj.Validate(ctx)
	if fe == nil {
		return nil
	}
	list := []FieldError{}
	for _, e := range fe.WrappedErrors() {
		paths := append([]string{}, e.Paths...)
		list = append(list, FieldError{Message: e.Message, Paths: paths, Details: e.Details})
	}
	return list
}

func resultMessage(r *admissionv1.AdmissionResponse) string {
	if r.Result == nil {
		return ""
	}
	return r.Result.Message
}

// decodeError turns Go's JSON error into a field error; the path is the Go field path when json names one.
func decodeError(msg string) FieldError {
	paths := []string{}
	if i := strings.Index(msg, "Go struct field "); i >= 0 {
		rest := msg[i+len("Go struct field "):]
		if j := strings.Index(rest, " of type"); j >= 0 {
			rest = rest[:j]
		}
		// "ClusterBuilderSpec.spec.BuilderSpec.tag": the type name, then the JSON path with the names of embedded
		// structs (capitalized, unlike every JSON name of kpack and Kubernetes) in it.
		if k := strings.Index(rest, "."); k >= 0 {
			var segments []string
			for _, s := range strings.Split(rest[k+1:], ".") {
				if s != "" && !(s[0] >= 'A' && s[0] <= 'Z') {
					segments = append(segments, s)
				}
			}
			paths = append(paths, strings.Join(segments, "."))
		}
	}
	return FieldError{Message: msg, Paths: paths}
}

func internalError(err error) Verdict {
	return Verdict{Admitted: false, RefusedBy: "oracle", Message: err.Error(), Errors: []FieldError{{Message: "oracle error: " + err.Error(), Paths: []string{}}}}
}

func isClusterScoped(kind string) bool {
	return strings.HasPrefix(kind, "Cluster")
}
