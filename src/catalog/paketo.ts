/**
 * A catalog of the Paketo stacks and language family buildpacks: ids and image names as typed constants.
 *
 * Sources (checked June 2026):
 * - Jammy stacks: the `pack stack suggest` list of `buildpacks/pack` (`internal/commands/stack_suggest.go`), which
 *   the Paketo builders confirm (`paketo-buildpacks/builder-jammy-base` and `builder-jammy-full`, `builder.toml`
 *   `[stack]`); the tiny id also in `paketo-buildpacks/jammy-tiny-stack` `stack/stack.toml`.
 * - Noble stack: `paketo-buildpacks/ubuntu-noble-base-images` (`stacks/noble-base-stack/stack.toml` gives the id,
 *   `stacks/images.json` the image names `ubuntu-noble-{build,run}`) and the builder
 *   `paketo-buildpacks/builder-noble-java-tiny` (`builder.toml` `[stack]`).
 * - Buildpacks: the `[[buildpacks]]` and `[[order]]` tables of `builder-jammy-base` and `builder-jammy-full`
 *   (`docker.io/paketobuildpacks/<name>` images, ids `paketo-buildpacks/<name>`, image tag = buildpack version).
 *
 * Images are written without a tag (so `latest`): pin them with an image lock (`ImageLock`), or choose a release
 * with `withTag()` / `atVersion()`.
 */
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KpackResourceProps } from '../base';
import { BuildpackRef, BuildpackRefOptions } from '../builder-order';
import { ClusterStack } from '../cluster-stack';
import { ClusterStore, ClusterStoreSource } from '../cluster-store';
import { imageReference } from '../private/lazy';

/** Docker Hub organisation the Paketo images are published to. */
const ORG = 'paketobuildpacks';

/**
 * A Paketo stack: its id and its build and run images.
 *
 * @experimental
 */
export class PaketoStack {
  /** Ubuntu 22.04 Jammy base: `io.buildpacks.stacks.jammy`, `paketobuildpacks/{build,run}-jammy-base`. */
  public static readonly JAMMY_BASE = new PaketoStack('jammy-base', 'io.buildpacks.stacks.jammy',
    `${ORG}/build-jammy-base`, `${ORG}/run-jammy-base`);

  /** Ubuntu 22.04 Jammy full (more system libraries, e.g. for PHP): `io.buildpacks.stacks.jammy`, `paketobuildpacks/{build,run}-jammy-full`. */
  public static readonly JAMMY_FULL = new PaketoStack('jammy-full', 'io.buildpacks.stacks.jammy',
    `${ORG}/build-jammy-full`, `${ORG}/run-jammy-full`);

  /** Ubuntu 22.04 Jammy tiny (distroless-like run image): `io.buildpacks.stacks.jammy.tiny`, `paketobuildpacks/{build,run}-jammy-tiny`. */
  public static readonly JAMMY_TINY = new PaketoStack('jammy-tiny', 'io.buildpacks.stacks.jammy.tiny',
    `${ORG}/build-jammy-tiny`, `${ORG}/run-jammy-tiny`);

  /** Ubuntu 22.04 Jammy static (for statically linked binaries): `io.buildpacks.stacks.jammy.static`, `paketobuildpacks/{build,run}-jammy-static`. */
  public static readonly JAMMY_STATIC = new PaketoStack('jammy-static', 'io.buildpacks.stacks.jammy.static',
    `${ORG}/build-jammy-static`, `${ORG}/run-jammy-static`);

  /**
   * Ubuntu 24.04 Noble base: `io.buildpacks.stacks.noble`, `paketobuildpacks/ubuntu-noble-{build,run}`.
   *
   * There is no Noble full stack, and no Noble tiny stack kpack can use: Paketo publishes the tiny run image
   * (`ubuntu-noble-run-tiny`, labelled `io.buildpacks.stacks.noble.tiny`) but pairs it with the base build image
   * (labelled `io.buildpacks.stacks.noble`), and kpack requires both labels to equal the ClusterStack's id.
   */
  public static readonly NOBLE_BASE = new PaketoStack('noble-base', 'io.buildpacks.stacks.noble',
    `${ORG}/ubuntu-noble-build`, `${ORG}/ubuntu-noble-run`);

  /** Every stack of the catalog. */
  public static all(): PaketoStack[] {
    return [PaketoStack.JAMMY_BASE, PaketoStack.JAMMY_FULL, PaketoStack.JAMMY_TINY, PaketoStack.JAMMY_STATIC, PaketoStack.NOBLE_BASE];
  }

  /**
   * The catalog stack whose build image is `image` (any tag or digest, with or without `docker.io`), or
   * undefined. This is how a stack id is found offline for a known build image.
   */
  public static fromBuildImage(image: string): PaketoStack | undefined {
    const repository = repositoryOf(image);
    return repository === undefined ? undefined : PaketoStack.all().find(s => repositoryOf(s.buildImage) === repository);
  }

  /** The catalog name, e.g. `jammy-base`. */
  public readonly name: string;
  /** The stack id (the `io.buildpacks.stack.id` label of both images). */
  public readonly stackId: string;
  /** The build image. */
  public readonly buildImage: string;
  /** The run image. */
  public readonly runImage: string;

  private constructor(name: string, stackId: string, buildImage: string, runImage: string) {
    this.name = name;
    this.stackId = stackId;
    this.buildImage = buildImage;
    this.runImage = runImage;
  }

  /**
   * The same stack at one release: both images tagged `tag` (Paketo tags the build and run images of a stack
   * release alike, e.g. `0.1.244`).
   */
  public withTag(tag: string): PaketoStack {
    const stack = new PaketoStack(this.name, this.stackId, `${untagged(this.buildImage)}:${tag}`, `${untagged(this.runImage)}:${tag}`);
    for (const image of [stack.buildImage, stack.runImage]) {
      const parsed = imageReference().parseTag(image);
      if (!parsed.ok) throw new Error(`withTag: ${JSON.stringify(tag)} gives the image ${JSON.stringify(image)}, which is not valid: ${parsed.reason}`);
    }
    return stack;
  }
}

/**
 * A Paketo buildpack (a buildpackage image) and the buildpack id it provides.
 *
 * @experimental
 */
export class PaketoBuildpack {
  /** .NET Core: `paketo-buildpacks/dotnet-core`, `paketobuildpacks/dotnet-core`. */
  public static readonly DOTNET_CORE = PaketoBuildpack.named('dotnet-core');
  /** Go: `paketo-buildpacks/go`, `paketobuildpacks/go`. */
  public static readonly GO = PaketoBuildpack.named('go');
  /** Java (JVM): `paketo-buildpacks/java`, `paketobuildpacks/java`. */
  public static readonly JAVA = PaketoBuildpack.named('java');
  /** Java native image (GraalVM): `paketo-buildpacks/java-native-image`, `paketobuildpacks/java-native-image`. */
  public static readonly JAVA_NATIVE_IMAGE = PaketoBuildpack.named('java-native-image');
  /** Node.js: `paketo-buildpacks/nodejs`, `paketobuildpacks/nodejs`. */
  public static readonly NODEJS = PaketoBuildpack.named('nodejs');
  /** PHP (needs the full stack): `paketo-buildpacks/php`, `paketobuildpacks/php`. */
  public static readonly PHP = PaketoBuildpack.named('php');
  /** Procfile: `paketo-buildpacks/procfile`, `paketobuildpacks/procfile`. */
  public static readonly PROCFILE = PaketoBuildpack.named('procfile');
  /** Python: `paketo-buildpacks/python`, `paketobuildpacks/python`. */
  public static readonly PYTHON = PaketoBuildpack.named('python');
  /** Ruby: `paketo-buildpacks/ruby`, `paketobuildpacks/ruby`. */
  public static readonly RUBY = PaketoBuildpack.named('ruby');
  /** Web servers (HTTPD, NGINX, static front ends): `paketo-buildpacks/web-servers`, `paketobuildpacks/web-servers`. */
  public static readonly WEB_SERVERS = PaketoBuildpack.named('web-servers');

  /** Every buildpack of the catalog, in the order of Paketo's Jammy full builder. */
  public static all(): PaketoBuildpack[] {
    return [
      PaketoBuildpack.RUBY, PaketoBuildpack.DOTNET_CORE, PaketoBuildpack.GO, PaketoBuildpack.PYTHON, PaketoBuildpack.PHP,
      PaketoBuildpack.WEB_SERVERS, PaketoBuildpack.JAVA_NATIVE_IMAGE, PaketoBuildpack.JAVA, PaketoBuildpack.NODEJS,
      PaketoBuildpack.PROCFILE,
    ];
  }

  private static named(name: string): PaketoBuildpack {
    return new PaketoBuildpack(`paketo-buildpacks/${name}`, `${ORG}/${name}`, undefined);
  }

  /** The buildpack id, e.g. `paketo-buildpacks/java`. */
  public readonly buildpackId: string;
  /** The buildpackage image, e.g. `paketobuildpacks/java`. */
  public readonly image: string;
  /**
   * The version, when chosen with `atVersion()`.
   * @default - any version (the image's tag is `latest`)
   */
  public readonly version?: string;

  private constructor(buildpackId: string, image: string, version: string | undefined) {
    this.buildpackId = buildpackId;
    this.image = image;
    this.version = version;
  }

  /**
   * The same buildpack at one release: the image tagged `version` (Paketo tags each buildpackage with its
   * buildpack version), and the id declared as `id@version`.
   */
  public atVersion(version: string): PaketoBuildpack {
    const image = `${untagged(this.image)}:${version}`;
    const parsed = imageReference().parseTag(image);
    if (!parsed.ok) throw new Error(`atVersion: ${JSON.stringify(version)} gives the image ${JSON.stringify(image)}, which is not valid: ${parsed.reason}`);
    return new PaketoBuildpack(this.buildpackId, image, version);
  }

  /** The buildpack ids the image declares: `id`, or `id@version` after `atVersion()`. */
  public get buildpackIds(): string[] {
    return [this.version ? `${this.buildpackId}@${this.version}` : this.buildpackId];
  }

  /** A ClusterStore source for this buildpack, with its declared ids. */
  public toStoreSource(): ClusterStoreSource {
    return { image: this.image, buildpackIds: this.buildpackIds };
  }

  /** An order entry for this buildpack by id (with the chosen version, unless `options` gives another). */
  public toRef(options: BuildpackRefOptions = {}): BuildpackRef {
    return BuildpackRef.fromId(this.buildpackId, { version: options.version ?? this.version, optional: options.optional });
  }
}

/**
 * Props of a `PaketoClusterStack`.
 *
 * @experimental
 */
export interface PaketoClusterStackProps extends KpackResourceProps {
  /** The catalog stack, e.g. `PaketoStack.JAMMY_BASE`. */
  readonly stack: PaketoStack;

  /**
   * A ServiceAccount (in any namespace) whose secrets pull the stack images.
   * @default - the images are pulled anonymously (Docker Hub allows it)
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/**
 * A ClusterStack of a Paketo stack: the id and images come from the catalog.
 *
 * @experimental
 */
export class PaketoClusterStack extends ClusterStack {
  /** The catalog stack. */
  public readonly paketoStack: PaketoStack;

  public constructor(scope: Construct, id: string, props: PaketoClusterStackProps) {
    super(scope, id, {
      metadata: props.metadata,
      stackId: props.stack.stackId,
      buildImage: props.stack.buildImage,
      runImage: props.stack.runImage,
      serviceAccount: props.serviceAccount,
    });
    this.paketoStack = props.stack;
  }
}

/**
 * Props of a `PaketoClusterStore`.
 *
 * @experimental
 */
export interface PaketoClusterStoreProps extends KpackResourceProps {
  /**
   * The catalog buildpacks, e.g. `[PaketoBuildpack.JAVA, PaketoBuildpack.NODEJS]`; add more with `addBuildpack()`
   * (or any other image with `addSource()`).
   * @default - none yet
   */
  readonly buildpacks?: PaketoBuildpack[];

  /**
   * A ServiceAccount (in any namespace) whose secrets pull the images.
   * @default - the images are pulled anonymously (Docker Hub allows it)
   */
  readonly serviceAccount?: kplus.IServiceAccount;
}

/**
 * A ClusterStore of Paketo buildpacks. Each source declares the buildpack id it provides, so builder order entries
 * are checked at synth against what the store really contains.
 *
 * Only the language family ids are declared (`paketo-buildpacks/java`, not the component buildpacks inside the
 * image such as `paketo-buildpacks/maven`); to order a component directly, add a source with `addSource()` that
 * lists its ids.
 *
 * @experimental
 */
export class PaketoClusterStore extends ClusterStore {
  public constructor(scope: Construct, id: string, props: PaketoClusterStoreProps = {}) {
    super(scope, id, { metadata: props.metadata, serviceAccount: props.serviceAccount });
    for (const buildpack of props.buildpacks ?? []) this.addBuildpack(buildpack);
  }

  /** Adds a catalog buildpack to the store. */
  public addBuildpack(buildpack: PaketoBuildpack): void {
    this.addSource(buildpack.toStoreSource());
  }
}

/** `registry/repository` of a reference, or undefined when it does not parse. */
function repositoryOf(image: string): string | undefined {
  const parsed = imageReference().parseReference(image);
  return parsed.ok ? `${parsed.reference.registry}/${parsed.reference.repository}` : undefined;
}

/** The image without its tag (catalog images carry none, or one added by withTag/atVersion). */
function untagged(image: string): string {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(0, colon) : image;
}
