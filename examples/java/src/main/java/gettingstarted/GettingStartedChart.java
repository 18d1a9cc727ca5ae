package gettingstarted;

import java.util.List;

import io.github.cdk8skpack.BuildServiceAccount;
import io.github.cdk8skpack.BuildpackRef;
import io.github.cdk8skpack.ClusterStack;
import io.github.cdk8skpack.ClusterStore;
import io.github.cdk8skpack.ClusterStoreSource;
import io.github.cdk8skpack.FromRegistrySecretNameOptions;
import io.github.cdk8skpack.ICredential;
import io.github.cdk8skpack.Image;
import io.github.cdk8skpack.ImageSource;
import io.github.cdk8skpack.NamespacedBuilder;
import io.github.cdk8skpack.OrderGroup;
import io.github.cdk8skpack.RegistryCredential;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import software.constructs.Construct;

/** The getting-started example (examples/getting-started.ts) in Java, from the built package. */
public class GettingStartedChart extends Chart {
    /** The registry repository the builder and the app image are pushed to. */
    private static final String REPOSITORY = "index.docker.io/my-dockerhub-user";

    public GettingStartedChart(final Construct scope, final String id) {
        super(scope, id, ChartProps.builder().disableResourceNameHashes(true).build());

        ClusterStack stack = ClusterStack.Builder.create(this, "stack")
                .metadata(ApiObjectMetadata.builder().name("base").build())
                .stackId("io.buildpacks.stacks.jammy")
                .buildImage("paketobuildpacks/build-jammy-base")
                .runImage("paketobuildpacks/run-jammy-base")
                .build();

        ClusterStore store = ClusterStore.Builder.create(this, "store")
                .metadata(ApiObjectMetadata.builder().name("default").build())
                .sources(List.of(
                        ClusterStoreSource.builder().image("paketobuildpacks/dotnet-core").buildpackIds(List.of("paketo-buildpacks/dotnet-core")).build(),
                        ClusterStoreSource.builder().image("paketobuildpacks/java").buildpackIds(List.of("paketo-buildpacks/java")).build(),
                        ClusterStoreSource.builder().image("paketobuildpacks/nodejs").buildpackIds(List.of("paketo-buildpacks/nodejs")).build()))
                .build();

        ICredential credentials = RegistryCredential.fromSecretName(this, "registry-credentials", "registry-credentials",
                FromRegistrySecretNameOptions.builder().registry("index.docker.io").build());
        BuildServiceAccount serviceAccount = BuildServiceAccount.Builder.create(this, "service-account")
                .metadata(ApiObjectMetadata.builder().name("kpack-service-account").namespace("default").build())
                .credentials(List.of(credentials))
                .build();

        NamespacedBuilder builder = NamespacedBuilder.Builder.create(this, "builder")
                .metadata(ApiObjectMetadata.builder().name("my-builder").namespace("default").build())
                .tag(REPOSITORY + "/builder:v1")
                .serviceAccount(serviceAccount)
                .stack(stack)
                .store(store)
                .order(List.of(
                        OrderGroup.builder().group(List.of(BuildpackRef.fromId("paketo-buildpacks/dotnet-core"))).build(),
                        OrderGroup.builder().group(List.of(BuildpackRef.fromId("paketo-buildpacks/java"))).build(),
                        OrderGroup.builder().group(List.of(BuildpackRef.fromId("paketo-buildpacks/nodejs"))).build()))
                .build();

        Image.Builder.create(this, "image")
                .metadata(ApiObjectMetadata.builder().name("sample-image").namespace("default").build())
                .tag(REPOSITORY + "/accuweather")
                .serviceAccount(serviceAccount)
                .builder(builder)
                .source(ImageSource.fromGit("https://github.com/PradeepLoganathan/AccuWeather", "96976f0f4d9b5fceda838fb55c3235961dae4e6c"))
                .build();
    }
}
