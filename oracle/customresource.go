package main

import (
	"context"
	"fmt"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	apiextensionsvalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured/unstructuredscheme"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/storage"
)

// objectValidator is apiextensions-apiserver's customResourceStrategy as the API server's create and update handlers
// use it.
type objectValidator interface {
	PrepareForCreate(ctx context.Context, obj runtime.Object)
	PrepareForUpdate(ctx context.Context, obj, old runtime.Object)
	Validate(ctx context.Context, obj runtime.Object) field.ErrorList
}

// customResourceStrategies are the strategies of the CRDs, by the kind and version of the request.
var customResourceStrategies = map[schema.GroupVersionKind]objectValidator{}

// customResourceStrategy is apiextensions-apiserver's own strategy for one version of a kpack CRD. Every version of
// every kpack CRD (config/*.yaml of both releases) has the schema `type: object` with unknown fields preserved, and
// the status subresource; the scope is the kind's.
func customResourceStrategy(gvk schema.GroupVersionKind) objectValidator {
	if s, ok := customResourceStrategies[gvk]; ok {
		return s
	}
	preserve := true
	props := &apiextensions.JSONSchemaProps{Type: "object", XPreserveUnknownFields: &preserve}
	validator, _, err := apiextensionsvalidation.NewSchemaValidator(props)
	if err != nil {
		fail(fmt.Errorf("the CRD schema: %w", err))
	}
	structural, err := structuralschema.NewStructural(props)
	if err != nil {
		fail(fmt.Errorf("the CRD schema: %w", err))
	}
	s := newCustomResourceStrategy(unstructuredscheme.NewUnstructuredObjectTyper(), !isClusterScoped(gvk.Kind), gvk, validator, structural, &apiextensions.CustomResourceSubresourceStatus{})
	customResourceStrategies[gvk] = s
	return s
}

// customResourceAfterMutation is what the API server does with a custom resource after the mutating webhooks and
// before the validating ones, for the request's kind and version `gvk`: stored is the object as it goes on, unjudged
// says why the oracle cannot follow it, refusal is the API server's refusal.
//   - k8s.io/apiserver's mutating dispatcher decodes the patched JSON as unstructured (an object without `kind` is an
//     internal error), then converts it to the request's version with the CRD's converter (apiextensions-apiserver
//     crConverter.ConvertToVersion: an apiVersion of another group, or of a version the CRD does not serve, is an
//     internal error; another served version goes to kpack's conversion webhook, which the oracle does not run);
//   - rest.BeforeCreate gives a name from generateName (prepareForCreate), and, on what it validates, sets the fields
//     the API server owns: uid and creationTimestamp (rest.FillObjectMetaSystemFields), no deletion, generation 1 and
//     no status (the strategy's PrepareForCreate); rest.BeforeUpdate keeps the stored object's generation (a request
//     cannot set it; the strategy's PrepareForUpdate raises it when more than the metadata changed), and its uid and
//     creationTimestamp where the request has none (storedForUpdate);
//   - the CRD's strategy validates it: `kind` and `apiVersion` must be those of the request (ValidateTypeMeta), then
//     ObjectMeta. An update is validated as a create: kubectl apply's patch keeps the stored object's metadata, which
//     is what ValidateUpdate checks besides.
//
// The managedFields it validates (ValidateObjectMetaAccessor's ValidateManagedFields: operation, fieldsType, manager
// at most 128 bytes and printable, subresource at most 256 bytes) are those the API server's field manager left before
// admission (runFieldManager): a request's list it cannot decode is replaced, one it can is validated as re-encoded.
func customResourceAfterMutation(object []byte, gvk schema.GroupVersionKind, old []byte) (stored []byte, unjudged string, refusal *Verdict) {
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(object); err != nil {
		return nil, "", apiserverRefusal(err)
	}
	from := u.GroupVersionKind()
	if from.GroupVersion() != gvk.GroupVersion() {
		// The request's CRD decides which versions convert, whatever kind the object now says.
		served, _ := servedKpackKind(from.GroupVersion().WithKind(gvk.Kind))
		switch {
		case from.Group != gvk.Group:
			return nil, "", apiserverRefusal(fmt.Errorf("%v is unstructured and is not suitable for converting to %q", from.String(), gvk.GroupVersion().String()))
		case !served:
			return nil, "", apiserverRefusal(fmt.Errorf("request to convert CR from an invalid group/version: %s", from.GroupVersion().String()))
		default:
			return nil, fmt.Sprintf("the patched object is %s: the API server converts it to %s with kpack's conversion webhook, which the oracle does not run", from.GroupVersion(), gvk.GroupVersion()), nil
		}
	}
	strategy := customResourceStrategy(gvk)
	validated := u.DeepCopy()
	if old == nil {
		prepareForCreate(u, gvk)
		validated = u.DeepCopy()
		rest.FillObjectMetaSystemFields(validated)
		validated.SetDeletionTimestamp(nil)
		validated.SetDeletionGracePeriodSeconds(nil)
		strategy.PrepareForCreate(context.Background(), validated)
	} else {
		previous := storedForUpdate(old)
		validated.SetGeneration(previous.GetGeneration())
		strategy.PrepareForUpdate(context.Background(), validated, previous)
		if validated.GetUID() == "" {
			validated.SetUID(previous.GetUID())
		}
		if t := previous.GetCreationTimestamp(); !t.IsZero() {
			validated.SetCreationTimestamp(t)
		}
	}
	if errs := strategy.Validate(context.Background(), validated); len(errs) > 0 {
		v := Verdict{Admitted: false, RefusedBy: "metadata", Errors: []FieldError{}}
		for _, e := range errs {
			v.Errors = append(v.Errors, FieldError{Message: e.ErrorBody(), Paths: []string{e.Field}, value: e.BadValue, errType: string(e.Type)})
		}
		v.Message = errs.ToAggregate().Error()
		return nil, "", &v
	}
	b, err := u.MarshalJSON()
	if err != nil {
		fail(err)
	}
	return b, "", nil
}

// storedForUpdate is the previous object of an update as the API server has it stored: created, so its generation is
// at least 1 (the previous manifests the oracle is given are as written, where generation may be anything).
func storedForUpdate(old []byte) *unstructured.Unstructured {
	previous := &unstructured.Unstructured{}
	if err := previous.UnmarshalJSON(old); err != nil {
		fail(fmt.Errorf("the previous object of an update: %w", err))
	}
	if previous.GetGeneration() < 1 {
		previous.SetGeneration(1)
	}
	return previous
}

// storageRefusal is what the API server's storage says of an object to create, after every admission webhook: etcd3
// store.Create refuses one whose resourceVersion reads as a number other than 0.
func storageRefusal(object []byte) *Verdict {
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(object); err != nil {
		fail(err)
	}
	if version, err := (storage.APIObjectVersioner{}).ObjectResourceVersion(u); err == nil && version != 0 {
		msg := storage.ErrResourceVersionSetOnCreate.Error()
		return &Verdict{Admitted: false, RefusedBy: "storage", Message: msg, Errors: []FieldError{{Message: msg, Paths: []string{}}}}
	}
	return nil
}

// apiserverRefusal is an internal error of the API server (no field named).
func apiserverRefusal(err error) *Verdict {
	msg := "Internal error occurred: " + err.Error()
	return &Verdict{Admitted: false, RefusedBy: "apiserver", Message: msg, Errors: []FieldError{{Message: msg, Paths: []string{}}}}
}
