package main

import (
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/managedfields"
	"k8s.io/apiserver/pkg/registry/rest"
)

// fieldManagerName is the manager kubectl apply sends (--field-manager's default for client-side apply), the name
// the API server's create and update handlers give the field manager (managerOrUserAgent).
const fieldManagerName = "kubectl-client-side-apply"

// crdConvertor is the CRD's object converter as the field manager uses it (apiextensions-apiserver crConverter behind
// safeConverterWrapper): to the object's own version it returns the object; to another group, or to a version the
// CRD does not serve, it fails as crConverter does (errors that are not "missing version" errors, so the field
// manager's Update fails and UpdateNoErrors drops managedFields). To another served version (kpack.io/v1alpha1) the
// API server calls kpack's conversion webhook, which the oracle does not run: the object is relabelled and `webhook`
// records it, so that the oracle leaves such a request unjudged unless the update fails for another reason.
type crdConvertor struct {
	// The field manager calls only ConvertToVersion.
	runtime.ObjectConvertor
	kind    string
	webhook *bool
}

func (c crdConvertor) ConvertToVersion(in runtime.Object, target runtime.GroupVersioner) (runtime.Object, error) {
	from := in.GetObjectKind().GroupVersionKind()
	to, ok := target.KindForGroupVersionKinds([]schema.GroupVersionKind{from})
	if !ok {
		return nil, fmt.Errorf("%v is unstructured and is not suitable for converting to %q", from.String(), target)
	}
	if served, _ := servedKpackKind(to.GroupVersion().WithKind(c.kind)); !served || to.Group != from.Group {
		return nil, fmt.Errorf("request to convert CR to an invalid group/version: %s", to.GroupVersion().String())
	}
	out := in.DeepCopyObject()
	if to.GroupVersion() != from.GroupVersion() {
		*c.webhook = true
		out.GetObjectKind().SetGroupVersionKind(to)
	}
	return out, nil
}

// crdCreater is apiextensions-apiserver's unstructuredCreator: an empty object of the kind.
type crdCreater struct{}

func (crdCreater) New(kind schema.GroupVersionKind) (runtime.Object, error) {
	u := &unstructured.Unstructured{}
	u.SetGroupVersionKind(kind)
	return u, nil
}

type noDefaulter struct{}

func (noDefaulter) Default(runtime.Object) {}

// runFieldManager is what the API server's create and update handlers do with the request's object before the
// mutating webhooks: scope.FieldManager.UpdateNoErrors(live, obj, manager), with the field manager of a CRD as
// apiextensions-apiserver builds it (managedfields.NewDefaultCRDFieldManager; newCRDFieldManager per release).
// live is the previous stored object on update and an empty object of the kind on create (where the handler first
// wipes the system fields, rest.WipeObjectMetaSystemFields: the field manager sees them wiped).
//
// The TypeConverter is the one apiextensions-apiserver builds from the CRD's schema and the static OpenAPI spec
// (crdTypeConverter): metadata is typed as ObjectMeta (owner references a list keyed by uid of atomic structs,
// finalizers a set, managedFields an atomic list), the rest, unknown fields preserved, as the deduced type.
//
// The entry the field manager stamps for this request gets no time (the API server writes its clock's), so that the
// oracle's output is the same on every run; the entries keep the order the API server gave them.
//
// It returns the object with its managedFields as the field manager leaves them, or why it cannot judge.
func runFieldManager(object []byte, old []byte, gvk schema.GroupVersionKind) ([]byte, string) {
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(object); err != nil {
		// The webhooks' decoding reports it.
		return object, ""
	}
	webhook := false
	fm, err := newCRDFieldManager(crdTypeConverter(gvk.Kind), crdConvertor{kind: gvk.Kind, webhook: &webhook}, noDefaulter{}, crdCreater{}, gvk)
	if err != nil {
		fail(err)
	}
	var live runtime.Object
	seen := u.DeepCopy()
	if old == nil {
		live, _ = crdCreater{}.New(gvk)
		rest.WipeObjectMetaSystemFields(seen)
	} else {
		l := &unstructured.Unstructured{}
		if err := l.UnmarshalJSON(old); err != nil {
			fail(err)
		}
		live = l
	}
	var managed []metav1.ManagedFieldsEntry
	result, err := fm.Update(live, seen, fieldManagerName)
	if err == nil {
		if webhook {
			return nil, fmt.Sprintf("metadata.managedFields names another version of the %s CRD: the API server's field manager converts the object to it with kpack's conversion webhook, which the oracle does not run", gvk.Kind)
		}
		managed = result.(*unstructured.Unstructured).GetManagedFields()
		for i := range managed {
			if managed[i].Manager == fieldManagerName && managed[i].Operation == metav1.ManagedFieldsOperationUpdate && managed[i].APIVersion == gvk.GroupVersion().String() && managed[i].Subresource == "" {
				managed[i].Time = nil
			}
		}
	}
	// UpdateNoErrors: on an error the object goes on without managedFields.
	u.SetManagedFields(managed)
	b, err := u.MarshalJSON()
	if err != nil {
		fail(err)
	}
	return b, ""
}

// keepValidManagedFields is fieldmanager.NewManagedFieldsValidatingAdmissionController around the mutating webhook:
// managedFields the webhook's patch leaves undecodable are reset to what they were before it.
func keepValidManagedFields(before, after []byte) []byte {
	b, a := &unstructured.Unstructured{}, &unstructured.Unstructured{}
	if b.UnmarshalJSON(before) != nil || a.UnmarshalJSON(after) != nil {
		return after
	}
	if managedfields.ValidateManagedFields(a.GetManagedFields()) == nil {
		return after
	}
	a.SetManagedFields(b.GetManagedFields())
	out, err := a.MarshalJSON()
	if err != nil {
		fail(err)
	}
	return out
}
