// The getting-started example (examples/getting-started.ts) in Go, from the built package.
//
// `npm run package-all` builds the cdk8skpack module into dist/go, which go.mod points at with a `replace`.
// Then `go run .` (or `cdk8s synth`) writes dist/getting-started.k8s.yaml, the same YAML, byte for byte, as the
// TypeScript example (`npm run test:languages` checks it).
package main

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-kpack/cdk8s-kpack-go/cdk8skpack"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
)

// The registry repository the builder and the app image are pushed to.
const repository = "index.docker.io/my-dockerhub-user"

// NewGettingStartedChart is the getting-started chart: a stack, a store, a ServiceAccount with the registry
// credential, a Builder and an Image.
func NewGettingStartedChart(scope constructs.Construct, id string) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), &cdk8s.ChartProps{DisableResourceNameHashes: jsii.Bool(true)})

	stack := cdk8skpack.NewClusterStack(chart, jsii.String("stack"), &cdk8skpack.ClusterStackProps{
		Metadata:   &cdk8s.ApiObjectMetadata{Name: jsii.String("base")},
		StackId:    jsii.String("io.buildpacks.stacks.jammy"),
		BuildImage: jsii.String("paketobuildpacks/build-jammy-base"),
		RunImage:   jsii.String("paketobuildpacks/run-jammy-base"),
	})

	store := cdk8skpack.NewClusterStore(chart, jsii.String("store"), &cdk8skpack.ClusterStoreProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("default")},
		Sources: &[]*cdk8skpack.ClusterStoreSource{
			{Image: jsii.String("paketobuildpacks/dotnet-core"), BuildpackIds: jsii.Strings("paketo-buildpacks/dotnet-core")},
			{Image: jsii.String("paketobuildpacks/java"), BuildpackIds: jsii.Strings("paketo-buildpacks/java")},
			{Image: jsii.String("paketobuildpacks/nodejs"), BuildpackIds: jsii.Strings("paketo-buildpacks/nodejs")},
		},
	})

	credentials := cdk8skpack.RegistryCredential_FromSecretName(chart, jsii.String("registry-credentials"), jsii.String("registry-credentials"),
		&cdk8skpack.FromRegistrySecretNameOptions{Registry: jsii.String("index.docker.io")})
	serviceAccount := cdk8skpack.NewBuildServiceAccount(chart, jsii.String("service-account"), &cdk8skpack.BuildServiceAccountProps{
		Metadata:    &cdk8s.ApiObjectMetadata{Name: jsii.String("kpack-service-account"), Namespace: jsii.String("default")},
		Credentials: &[]cdk8skpack.ICredential{credentials},
	})

	builder := cdk8skpack.NewNamespacedBuilder(chart, jsii.String("builder"), &cdk8skpack.NamespacedBuilderProps{
		Metadata:       &cdk8s.ApiObjectMetadata{Name: jsii.String("my-builder"), Namespace: jsii.String("default")},
		Tag:            jsii.String(repository + "/builder:v1"),
		ServiceAccount: serviceAccount,
		Stack:          stack,
		Store:          store,
		Order: &[]*cdk8skpack.OrderGroup{
			{Group: &[]cdk8skpack.BuildpackRef{cdk8skpack.BuildpackRef_FromId(jsii.String("paketo-buildpacks/dotnet-core"), nil)}},
			{Group: &[]cdk8skpack.BuildpackRef{cdk8skpack.BuildpackRef_FromId(jsii.String("paketo-buildpacks/java"), nil)}},
			{Group: &[]cdk8skpack.BuildpackRef{cdk8skpack.BuildpackRef_FromId(jsii.String("paketo-buildpacks/nodejs"), nil)}},
		},
	})

	cdk8skpack.NewImage(chart, jsii.String("image"), &cdk8skpack.ImageProps{
		Metadata:       &cdk8s.ApiObjectMetadata{Name: jsii.String("sample-image"), Namespace: jsii.String("default")},
		Tag:            jsii.String(repository + "/accuweather"),
		ServiceAccount: serviceAccount,
		Builder:        builder,
		Source: cdk8skpack.ImageSource_FromGit(
			jsii.String("https://github.com/PradeepLoganathan/AccuWeather"), jsii.String("96976f0f4d9b5fceda838fb55c3235961dae4e6c"), nil),
	})

	return chart
}

// The output folder is cdk8s' default (dist/), or CDK8S_OUTDIR.
func main() {
	app := cdk8s.NewApp(nil)
	NewGettingStartedChart(app, "getting-started")
	app.Synth()
}
