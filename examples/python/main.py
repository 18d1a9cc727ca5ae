#!/usr/bin/env python3
"""The getting-started example (examples/getting-started.ts) in Python, from the built package.

Install the wheel built by `npm run package-all` (dist/python) and the peers in requirements.txt, then run
`python main.py` (or `cdk8s synth`): it writes dist/getting-started.k8s.yaml, the same YAML, byte for byte, as
the TypeScript example (`npm run test:languages` checks it).
"""
from cdk8s import ApiObjectMetadata, App, Chart
from cdk8s_kpack import (
    BuildpackRef,
    BuildServiceAccount,
    ClusterStack,
    ClusterStore,
    ClusterStoreSource,
    Image,
    ImageSource,
    NamespacedBuilder,
    OrderGroup,
    RegistryCredential,
)
from constructs import Construct

# The registry repository the builder and the app image are pushed to.
REPOSITORY = "index.docker.io/my-dockerhub-user"


class GettingStartedChart(Chart):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id, disable_resource_name_hashes=True)

        stack = ClusterStack(
            self,
            "stack",
            metadata=ApiObjectMetadata(name="base"),
            stack_id="io.buildpacks.stacks.jammy",
            build_image="paketobuildpacks/build-jammy-base",
            run_image="paketobuildpacks/run-jammy-base",
        )

        store = ClusterStore(
            self,
            "store",
            metadata=ApiObjectMetadata(name="default"),
            sources=[
                ClusterStoreSource(image="paketobuildpacks/dotnet-core", buildpack_ids=["paketo-buildpacks/dotnet-core"]),
                ClusterStoreSource(image="paketobuildpacks/java", buildpack_ids=["paketo-buildpacks/java"]),
                ClusterStoreSource(image="paketobuildpacks/nodejs", buildpack_ids=["paketo-buildpacks/nodejs"]),
            ],
        )

        credentials = RegistryCredential.from_secret_name(
            self, "registry-credentials", "registry-credentials", registry="index.docker.io"
        )
        service_account = BuildServiceAccount(
            self,
            "service-account",
            metadata=ApiObjectMetadata(name="kpack-service-account", namespace="default"),
            credentials=[credentials],
        )

        builder = NamespacedBuilder(
            self,
            "builder",
            metadata=ApiObjectMetadata(name="my-builder", namespace="default"),
            tag=f"{REPOSITORY}/builder:v1",
            service_account=service_account,
            stack=stack,
            store=store,
            order=[
                OrderGroup(group=[BuildpackRef.from_id("paketo-buildpacks/dotnet-core")]),
                OrderGroup(group=[BuildpackRef.from_id("paketo-buildpacks/java")]),
                OrderGroup(group=[BuildpackRef.from_id("paketo-buildpacks/nodejs")]),
            ],
        )

        Image(
            self,
            "image",
            metadata=ApiObjectMetadata(name="sample-image", namespace="default"),
            tag=f"{REPOSITORY}/accuweather",
            service_account=service_account,
            builder=builder,
            source=ImageSource.from_git(
                "https://github.com/PradeepLoganathan/AccuWeather", "96976f0f4d9b5fceda838fb55c3235961dae4e6c"
            ),
        )


# The output folder is cdk8s' default (dist/), or CDK8S_OUTDIR.
app = App()
GettingStartedChart(app, "getting-started")
app.synth()
