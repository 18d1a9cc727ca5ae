import * as kplus from 'cdk8s-plus-27';
import * as kpack from './imports/kpack';
import { kubernetesRules } from './private/lazy';
import { PropChecks } from './private/props';
import { undefinedIfEmpty } from './private/render';

/** Options every source takes. */
export interface SourceOptions {
  /**
   * A directory of the source to use as the app's root.
   * @default - the root of the source
   */
  readonly subPath?: string;
}

/** Options of a git source. */
export interface GitSourceOptions extends SourceOptions {
  /**
   * Clone git submodules too.
   * @default false
   */
  readonly initializeSubmodules?: boolean;
}

/** How kpack authenticates to fetch a blob. */
export enum BlobAuth {
  /** With the `kpack.io/blob` secrets of the service account. */
  SECRET = 'secret',
  /** With the IaaS workload identity of the build pod (Azure and GCP). */
  HELPER = 'helper',
}

/** Options of a blob source. */
export interface BlobSourceOptions extends SourceOptions {
  /**
   * How to authenticate.
   * @default - anonymous
   */
  readonly auth?: BlobAuth;

  /**
   * Leading path components to strip from the archive's entries.
   * @default - none
   */
  readonly stripComponents?: number;
}

/** Options of a registry source. */
export interface RegistrySourceOptions extends SourceOptions {
  /**
   * Pull secrets for the source image. kpack's build pod mounts only the first one.
   * @default - the service account's registry credentials
   */
  readonly imagePullSecrets?: kplus.ISecret[];
}

/** Where an Image's or Build's app source comes from: exactly one of git, blob or registry. */
export class ImageSource {
  /**
   * A git repository at a branch, tag or commit. kpack polls branches and tags and rebuilds on new commits.
   * @param url https or ssh URL (ssh needs a `kpack.io/git` ssh-auth secret on the service account)
   * @param revision branch, tag or commit SHA
   */
  public static fromGit(url: string, revision: string, options: GitSourceOptions = {}): ImageSource {
    const checks = new PropChecks('ImageSource.fromGit()');
    checks.string('url', url, { required: true, nonEmpty: true, expected: 'a git URL, e.g. "https://github.com/org/app"' });
    checks.string('revision', revision, { required: true, nonEmpty: true, expected: 'a branch, tag or commit' });
    const o = checkSourceOptions(checks, options);
    checks.boolean('options.initializeSubmodules', o.initializeSubmodules);
    checks.throwIfFailed();
    return new ImageSource({
      git: { url, revision, initializeSubmodules: o.initializeSubmodules },
      subPath: o.subPath,
    });
  }

  /** An archive (zip, tar, tar.gz, jar) at a URL. */
  public static fromBlob(url: string, options: BlobSourceOptions = {}): ImageSource {
    const checks = new PropChecks('ImageSource.fromBlob()');
    checks.string('url', url, { required: true, nonEmpty: true, expected: 'the URL of an archive, e.g. "https://example.com/app.zip"' });
    const o = checkSourceOptions(checks, options);
    checks.oneOf('options.auth', o.auth, Object.values(BlobAuth));
    checks.integer('options.stripComponents', o.stripComponents, 0);
    checks.throwIfFailed();
    return new ImageSource({
      // kpack drops a zero stripComponents and an empty auth (omitempty): not written, so applying shows no drift.
      blob: { url, auth: o.auth || undefined, stripComponents: o.stripComponents || undefined },
      subPath: o.subPath,
    });
  }

  /** An OCI image that contains the app source. */
  public static fromRegistry(image: string, options: RegistrySourceOptions = {}): ImageSource {
    const checks = new PropChecks('ImageSource.fromRegistry()');
    checks.string('image', image, { required: true, nonEmpty: true, expected: 'an image holding the source, e.g. "registry.example.com/app-source:1"' });
    const o = checkSourceOptions(checks, options);
    checks.secrets('options.imagePullSecrets', o.imagePullSecrets);
    checks.throwIfFailed();
    return new ImageSource({
      registry: {
        image,
        imagePullSecrets: undefinedIfEmpty((o.imagePullSecrets ?? []).map((s: kplus.ISecret) => ({ name: s.name }))),
      },
      subPath: o.subPath,
    });
  }

  private constructor(private readonly config: kpack.SourceConfig) {}

  /** @internal */
  public _toKube(): kpack.SourceConfig {
    return this.config;
  }
}

/** The options object and `subPath`, which every source takes. */
function checkSourceOptions(checks: PropChecks, options: unknown): Record<string, any> {
  const o = checks.props(options, false, 'source options');
  checks.string('options.subPath', o.subPath, { nonEmpty: true });
  if (typeof o.subPath === 'string') checks.add(kubernetesRules().validateSourceSubPath('options.subPath', o.subPath));
  return o;
}
