//go:build !kpack_v0_16

package main

import (
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	apiextensionsvalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresource"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"knative.dev/pkg/webhook/resourcesemantics"

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
