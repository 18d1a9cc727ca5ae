package main

import (
	"fmt"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/controller/openapi/builder"
	generatedopenapi "k8s.io/apiextensions-apiserver/pkg/generated/openapi"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/managedfields"
	"k8s.io/kube-openapi/pkg/builder3"
	"k8s.io/kube-openapi/pkg/common"
	"k8s.io/kube-openapi/pkg/spec3"
	"k8s.io/kube-openapi/pkg/util"
	"k8s.io/kube-openapi/pkg/validation/spec"
)

// typeConverters are the TypeConverters of the CRDs, by the request's kind.
var typeConverters = map[string]managedfields.TypeConverter{}

// staticOpenAPISpec is the API server's static OpenAPI spec as apiextensions-apiserver receives it
// (GenericAPIServer.InstallAPIGroups: builder3.BuildOpenAPIDefinitionsForResources over its resources, the
// CustomResourceDefinition and what it refers to, ObjectMeta among them), from apiextensions-apiserver's generated
// definitions, named as the API server names them (openapinamer: util.ToRESTFriendlyName).
var staticOpenAPISpec map[string]*spec.Schema

// crdTypeConverter is the TypeConverter apiextensions-apiserver builds for a CRD (customresource_handler.go
// getOrCreateServingInfoFor: buildOpenAPIModelsForApply merges the static spec with the OpenAPI v3 spec of each
// version of the CRD, then managedfields.NewTypeConverter). kpack's CRDs (config/*.yaml of both releases) have, for
// every version, the schema `type: object` with unknown fields preserved and the status subresource; the versions
// are those servedKpackKind serves.
func crdTypeConverter(kind string) managedfields.TypeConverter {
	if tc, ok := typeConverters[kind]; ok {
		return tc
	}
	if staticOpenAPISpec == nil {
		config := &common.OpenAPIV3Config{
			Info:              &spec.Info{InfoProps: spec.InfoProps{Title: "Kubernetes", Version: "v0.0.0"}},
			GetDefinitions:    generatedopenapi.GetOpenAPIDefinitions,
			GetDefinitionName: func(name string) (string, spec.Extensions) { return util.ToRESTFriendlyName(name), nil },
		}
		s, err := builder3.BuildOpenAPIDefinitionsForResources(config, "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.CustomResourceDefinition")
		if err != nil {
			fail(fmt.Errorf("the static OpenAPI spec: %w", err))
		}
		staticOpenAPISpec = s
	}
	preserve := true
	scope := apiextensionsv1.NamespaceScoped
	if isClusterScoped(kind) {
		scope = apiextensionsv1.ClusterScoped
	}
	crd := &apiextensionsv1.CustomResourceDefinition{
		ObjectMeta: metav1.ObjectMeta{Name: pluralOf(kind) + ".kpack.io"},
		Spec: apiextensionsv1.CustomResourceDefinitionSpec{
			Group: "kpack.io",
			Names: apiextensionsv1.CustomResourceDefinitionNames{Kind: kind, ListKind: kind + "List", Plural: pluralOf(kind)},
			Scope: scope,
		},
	}
	for _, version := range []string{"v1alpha2", "v1alpha1"} {
		if served, _ := servedKpackKind(schema.GroupVersionKind{Group: "kpack.io", Version: version, Kind: kind}); !served {
			continue
		}
		crd.Spec.Versions = append(crd.Spec.Versions, apiextensionsv1.CustomResourceDefinitionVersion{
			Name: version, Served: true, Storage: version == "v1alpha2",
			Schema:       &apiextensionsv1.CustomResourceValidation{OpenAPIV3Schema: &apiextensionsv1.JSONSchemaProps{Type: "object", XPreserveUnknownFields: &preserve}},
			Subresources: &apiextensionsv1.CustomResourceSubresources{Status: &apiextensionsv1.CustomResourceSubresourceStatus{}},
		})
	}
	specs := []*spec3.OpenAPI{{
		Version:    "3.0.0",
		Info:       &spec.Info{InfoProps: spec.InfoProps{Title: "Kubernetes CRD Swagger", Version: "v0.1.0"}},
		Components: &spec3.Components{Schemas: staticOpenAPISpec},
	}}
	for _, v := range crd.Spec.Versions {
		s, err := builder.BuildOpenAPIV3(crd, v.Name, builder.Options{})
		if err != nil {
			fail(fmt.Errorf("the OpenAPI spec of %s %s: %w", kind, v.Name, err))
		}
		specs = append(specs, s)
	}
	merged, err := builder.MergeSpecsV3(specs...)
	if err != nil {
		fail(fmt.Errorf("the OpenAPI spec of %s: %w", kind, err))
	}
	tc, err := managedfields.NewTypeConverter(merged.Components.Schemas, crd.Spec.PreserveUnknownFields)
	if err != nil {
		fail(fmt.Errorf("the TypeConverter of %s: %w", kind, err))
	}
	typeConverters[kind] = tc
	return tc
}
