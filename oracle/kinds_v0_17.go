//go:build !kpack_v0_16

package main

import (
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	apiextensionsvalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresource"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/managedfields"
	"knative.dev/pkg/webhook/resourcesemantics"
	"sigs.k8s.io/structured-merge-diff/v6/fieldpath"

	"github.com/pivotal/kpack/pkg/apis/build/v1alpha2"
)

// kpackVersion is the kpack release this binary is built against (go.mod pins it).
const kpackVersion = "v0.17.2"

// webhookTypes is the `types` map of kpack's cmd/webhook/main.go at v0.17.2: the kinds its webhooks default and validate.
var webhookTypes = map[schema.GroupVersionKind]resourcesemantics.GenericCRD{
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.ImageKind):            &v1alpha2.Image{},
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.BuildKind):            &v1alpha2.Build{},
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.BuilderKind):          &v1alpha2.Builder{},
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.BuildpackKind):        &v1alpha2.Buildpack{},
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.ClusterBuilderKind):   &v1alpha2.ClusterBuilder{},
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.ClusterBuildpackKind): &v1alpha2.ClusterBuildpack{},
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.ClusterStoreKind):     &v1alpha2.ClusterStore{},
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.ClusterStackKind):     &v1alpha2.ClusterStack{},
	v1alpha2.SchemeGroupVersion.WithKind(v1alpha2.ClusterLifecycleKind): &v1alpha2.ClusterLifecycle{},
}

// newCustomResourceStrategy is apiextensions-apiserver's customresource.NewStrategy of this release's Kubernetes
// (selectable fields are newer than 1.29): no scale subresource, no selectable fields.
func newCustomResourceStrategy(typer runtime.ObjectTyper, namespaced bool, gvk schema.GroupVersionKind, validator apiextensionsvalidation.SchemaValidator, structural *structuralschema.Structural, status *apiextensions.CustomResourceSubresourceStatus) objectValidator {
	return customresource.NewStrategy(typer, namespaced, gvk, validator, validator, structural, status, nil, nil)
}

// newCRDFieldManager is apiextensions-apiserver's scopeWithFieldManager for the main resource of a CRD version
// (customresource_handler.go): managedfields.NewDefaultCRDFieldManager with the request's version as the hub and the
// strategy's reset fields (the status, for kpack's CRDs have the status subresource: customResourceStrategy.GetResetFields).
func newCRDFieldManager(typeConverter managedfields.TypeConverter, convertor runtime.ObjectConvertor, defaulter runtime.ObjectDefaulter, creater runtime.ObjectCreater, gvk schema.GroupVersionKind) (*managedfields.FieldManager, error) {
	resetFields := map[fieldpath.APIVersion]*fieldpath.Set{fieldpath.APIVersion(gvk.GroupVersion().String()): fieldpath.NewSet(fieldpath.MakePathOrDie("status"))}
	return managedfields.NewDefaultCRDFieldManager(typeConverter, convertor, defaulter, creater, gvk, gvk.GroupVersion(), "", fieldpath.NewExcludeFilterSetMap(resetFields))
}
