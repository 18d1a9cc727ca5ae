import { IConstruct } from 'constructs';
import { platformOf } from './registry';
import { KpackRelease } from '../imports/kpack-versions';
import { AppChecks } from '../private/checks';
import { show } from '../validation/json';
import { DEFAULT_KPACK_VERSION, kpackRelease, kpackReleases } from '../validation/versions';

/** Options of `KpackVersion.of` for a kpack release this package does not ship. */
export interface KpackVersionOptions {
  /**
   * Path of kpack's own `release-<version>.yaml` of that release, downloaded from its GitHub release. The
   * installation (`KpackPlatform`) is rendered from it (read at synth, offline; a relative path is taken from the
   * current directory), with every image pinned to the digest it records.
   */
  readonly releaseFile: string;
}

const SHIPPED = new Map<string, KpackVersion>();
const NUMBER = /^v?(\d+)\.(\d+)\.(\d+)$/;

/**
 * A kpack release: one this library ships the API and installation of (vendored under `imports/kpack/<version>`),
 * or a patch release of one, given with its release file (`KpackVersion.of`).
 *
 * The version decides which kinds and fields exist (ClusterLifecycle and a builder's `spec.lifecycle` arrived
 * in v0.17.0) and which defaults kpack writes, so the constructs and the rule engine follow it.
 */
export class KpackVersion {
  /** kpack v0.17.2 (2026-06-17), the newest release. */
  public static readonly V0_17_2 = KpackVersion.shipped('v0.17.2');

  /** kpack v0.16.1 (2025-01-16): no ClusterLifecycle; the lifecycle image is a ConfigMap of the controller. */
  public static readonly V0_16_1 = KpackVersion.shipped('v0.16.1');

  /** Every version this package ships, newest first. */
  public static all(): KpackVersion[] {
    return kpackReleases().map(r => KpackVersion.shipped(r.tag));
  }

  /**
   * A kpack version by its number (`0.17.2` or `v0.17.2`): one this package ships, or, with `options.releaseFile`,
   * a newer patch release of a shipped minor version (e.g. `0.17.3`). Such a version is installed from its release
   * file, and its objects are checked with the rules of the shipped release it patches (same API, same features).
   * @throws when the version is not shipped and no release file is given, or is no patch release of a shipped one
   */
  public static of(version: string, options?: KpackVersionOptions): KpackVersion {
    const m = typeof version === 'string' ? NUMBER.exec(version) : null;
    const shipped = KpackVersion.all().map(v => v.tag).join(', ');
    if (!m) throw new Error(`kpack version ${show(version)} is not a version number: give <major>.<minor>.<patch>, e.g. one of ${shipped}`);
    const tag = `v${m[1]}.${m[2]}.${m[3]}`;
    const releaseFile: unknown = options?.releaseFile;
    if (options !== undefined && options !== null && (typeof releaseFile !== 'string' || releaseFile === '')) {
      throw new Error(`KpackVersion.of(${show(version)}): releaseFile must be the path of kpack's release-${tag.slice(1)}.yaml`);
    }
    if (kpackRelease(tag)) {
      if (typeof releaseFile === 'string') {
        throw new Error(`KpackVersion.of(${show(version)}): kpack ${tag} is shipped with cdk8s-kpack: use KpackVersion.${KpackVersion._constantName(tag)} `
          + '(KpackPlatform\'s releaseFile pins its images by digest)');
      }
      return KpackVersion.shipped(tag);
    }
    const base = kpackReleases().find(r => r.tag.split('.').slice(0, 2).join('.') === tag.split('.').slice(0, 2).join('.'));
    if (typeof releaseFile !== 'string') {
      throw new Error(`kpack version ${show(version)} is not shipped with cdk8s-kpack: use one of ${shipped}`
        + (base ? `, or give the release file of this patch release: KpackVersion.of(${show(version)}, { releaseFile: 'release-${tag.slice(1)}.yaml' })` : ''));
    }
    if (!base || Number(m[3]) < Number(base.version.split('.')[2])) {
      throw new Error(`KpackVersion.of(${show(version)}): only a patch release newer than a shipped version can be given with its `
        + `release file (its API and rules are the shipped version's): the shipped versions are ${shipped}`);
    }
    return new KpackVersion(tag, base, releaseFile);
  }

  /**
   * `V0_17_2` for `v0.17.2`: the name of a shipped version's constant.
   * @internal
   */
  public static _constantName(tag: string): string {
    return `V${tag.slice(1).replace(/\./g, '_')}`;
  }

  /**
   * The version apps target unless told otherwise (a KpackPlatform or `useIn`): the newest shipped.
   * @internal
   */
  public static _default(): KpackVersion {
    return KpackVersion.shipped(DEFAULT_KPACK_VERSION);
  }

  /** The kpack version with a `V<major>_<minor>_<patch>` constant, from the version table. */
  private static shipped(tag: string): KpackVersion {
    let v = SHIPPED.get(tag);
    if (!v) {
      const release = kpackRelease(tag);
      if (!release) throw new Error(`kpack ${tag} is not in the version table (src/imports/kpack-versions.ts)`);
      v = new KpackVersion(tag, release, undefined);
      SHIPPED.set(tag, v);
    }
    return v;
  }

  /** The version number, e.g. `0.17.2`. */
  public readonly version: string;

  /** The release tag, e.g. `v0.17.2`. */
  public readonly tag: string;

  /** Whether this version has the ClusterLifecycle kind and a builder's `spec.lifecycle`. */
  public readonly hasClusterLifecycle: boolean;

  /**
   * The release file a version not shipped with this package is installed from (`KpackVersion.of`).
   * @default - a shipped version: installed from the release templates this package ships
   */
  public readonly releaseFile?: string;

  /** The shipped release whose API, rules and templates apply: this one's, or the one a patch release patches. */
  private readonly release: KpackRelease;

  private constructor(tag: string, release: KpackRelease, releaseFile: string | undefined) {
    this.tag = tag;
    this.version = tag.slice(1);
    this.release = release;
    this.releaseFile = releaseFile;
    this.hasClusterLifecycle = release.features.clusterLifecycle;
  }

  /**
   * The tag of the shipped release whose API and rules apply (this version's own, unless it is a patch release).
   * @internal
   */
  public get _rulesTag(): string {
    return this.release.tag;
  }

  /**
   * Makes the app of `scope` target this kpack version: its defaults (a builder's default lifecycle) and the
   * rules its objects are checked against follow it. Apps target `KpackVersion.V0_17_2` unless told otherwise; an
   * app with a `KpackPlatform` targets the platform's version.
   * @throws when the app's KpackPlatform installs another version
   */
  public useIn(scope: IConstruct): void {
    const platform = platformOf(scope);
    if (platform && platform.version.tag !== this.tag) {
      const self = this.releaseFile === undefined ? `KpackVersion.${KpackVersion._constantName(this.tag)}` : `KpackVersion.of(${show(this.version)})`;
      throw new Error(`${self}.useIn(): the app installs kpack ${platform.version.tag} with the KpackPlatform at `
        + `"${platform.node.path}", and its objects are checked against that version: give the platform version ${self} instead, `
        + 'or do not call useIn');
    }
    AppChecks.of(scope).targetVersion(this);
  }
}
