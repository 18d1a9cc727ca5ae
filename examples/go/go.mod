module github.com/cdk8s-kpack/cdk8s-kpack/examples/go

go 1.25.0

require (
	github.com/aws/constructs-go/constructs/v10 v10.3.0
	github.com/aws/jsii-runtime-go v1.139.0
	github.com/cdk8s-kpack/cdk8s-kpack-go/cdk8skpack v0.1.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.68.12
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 v2.9.5
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.23 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.38.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260708182218-49f421fb7959 // indirect
	golang.org/x/tools v0.48.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

// The package `npm run package-all` built.
replace github.com/cdk8s-kpack/cdk8s-kpack-go/cdk8skpack => ../../dist/go/cdk8skpack

// The peers, at the versions the TypeScript example uses: the Go module proxy reachable here serves neither
// cdk8s-core-go nor cdk8s-plus-go, nor constructs-go v10.3.0, so package-all builds them from their npm packages
// (peer-bindings:go). Where the proxy serves them, these three lines can go.
replace (
	github.com/aws/constructs-go/constructs/v10 => ../../dist/go/constructs
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 => ../../dist/go/cdk8s
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 => ../../dist/go/cdk8splus27
)
