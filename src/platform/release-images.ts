import { readFileSync } from 'fs';
import type * as Yaml from 'yaml';
import type { KpackImages } from './images';
import { refuseUserinfo } from './settings';
import type { KpackVersion } from './version';
import { parseReference, parseTag } from '../validation/image-reference';
import { show } from '../validation/json';
import { DEFAULT_LIFECYCLE } from '../validation/kinds';

/**
 * The `yaml` package, loaded when first used: `require('cdk8s-kpack')` does not load it (cdk8s has its own copy,
 * so loading ours up front is a second YAML library in every app; `npm run bench` measures the require time).
 */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}

/** Where kpack publishes its release images (each also tagged with the version number). */
export const DEFAULT_IMAGE_REPOSITORY = 'ghcr.io/buildpacks-community/kpack';

/** One image of a kpack installation. */
export interface ImageComponent {
  /** The key in `KpackImages`, e.g. `buildInit`. */
  readonly prop: keyof KpackImages;
  /** The ytt data value, e.g. `build_init`. */
  readonly value: string;
  /** The repository name under the release registry, e.g. `build-init`. */
  readonly repository: string;
  /** Where the release manifest holds it: a Deployment's container, a ConfigMap's `data.image`, or a ClusterLifecycle. */
  readonly source: { readonly kind: 'Deployment' | 'ConfigMap' | 'ClusterLifecycle'; readonly name: string };
}

function component(prop: keyof KpackImages, value: string, repository: string,
  kind: ImageComponent['source']['kind'], name: string): ImageComponent {
  return { prop, value, repository, source: { kind, name } };
}

const COMMON: ImageComponent[] = [
  component('controller', 'controller', 'controller', 'Deployment', 'kpack-controller'),
  component('webhook', 'webhook', 'webhook', 'Deployment', 'kpack-webhook'),
  component('buildInit', 'build_init', 'build-init', 'ConfigMap', 'build-init-image'),
  component('buildWaiter', 'build_waiter', 'build-waiter', 'ConfigMap', 'build-waiter-image'),
  component('rebase', 'rebase', 'rebase', 'ConfigMap', 'rebase-image'),
  component('completion', 'completion', 'completion', 'ConfigMap', 'completion-image'),
];

/** The images a kpack version installs. */
export function imageComponents(version: KpackVersion): ImageComponent[] {
  if (version.hasClusterLifecycle) {
    return [...COMMON, component('lifecycle', 'lifecycle', 'lifecycle', 'ClusterLifecycle', DEFAULT_LIFECYCLE)];
  }
  return [
    ...COMMON,
    component('lifecycle', 'lifecycle', 'lifecycle', 'ConfigMap', 'lifecycle-image'),
    component('buildInitWindows', 'build_init_windows', 'build-init-windows', 'ConfigMap', 'build-init-windows-image'),
    component('completionWindows', 'completion_windows', 'completion-windows', 'ConfigMap', 'completion-windows-image'),
  ];
}

/** What decides the images of an installation. */
export interface ImageOptions {
  readonly version: KpackVersion;
  readonly imageRegistry?: string;
  readonly images?: KpackImages;
  /** kpack's release manifest of the version (`releaseFile`), read: its images are pinned by digest. */
  readonly release?: ReleaseManifest;
}

/**
 * The image of every component, by ytt data value: an override in `images`, else the release file's digest
 * (moved to `imageRegistry` when given), else `<imageRegistry or kpack's registry>/<component>:<version>`.
 * @throws with a message naming the option for a reference that does not parse or a release file that does not fit
 */
export function resolveImages(o: ImageOptions): { [value: string]: string } {
  const components = imageComponents(o.version);
  const registry = o.imageRegistry === undefined ? undefined : checkRegistry(o.imageRegistry, o.version);
  const pinned = o.release === undefined ? undefined : pinnedImages(o.release, components);
  checkOverrides(o.images ?? {}, components, o.version);
  const result: { [value: string]: string } = {};
  for (const c of components) {
    const override = o.images?.[c.prop];
    const digest = pinned?.[c.prop];
    if (override !== undefined) result[c.value] = override;
    else if (digest !== undefined) result[c.value] = registry ? `${registry}/${c.repository}@${digest.digest}` : digest.reference;
    else result[c.value] = `${registry ?? DEFAULT_IMAGE_REPOSITORY}/${c.repository}:${o.version.version}`;
  }
  return result;
}

const PULL_CREDENTIALS = 'Give the registry alone; pull credentials go into Secrets: imagePullSecrets for the controller '
  + 'and webhook, the ServiceAccount of the builds for build images';

function checkRegistry(value: string, version: KpackVersion): string {
  refuseUserinfo('imageRegistry', value, PULL_CREDENTIALS);
  const registry = value.replace(/\/+$/, '');
  const parsed = parseTag(`${registry}/controller:${version.version}`);
  if (registry === '' || !parsed.ok) {
    const reason = parsed.ok ? 'it is empty' : parsed.reason;
    throw new Error(`imageRegistry ${show(value)} is not a registry host with an optional path, such as `
      + `"registry.internal:5000/kpack": ${reason}`);
  }
  return registry;
}

function checkOverrides(images: KpackImages, components: ImageComponent[], version: KpackVersion): void {
  const known = new Set<string>(components.map(c => c.prop));
  for (const [prop, ref] of Object.entries(images)) {
    if (ref === undefined) continue;
    if (!known.has(prop)) {
      throw new Error(`images.${prop} is not an image of kpack ${version.tag}: its images are ${[...known].join(', ')}`);
    }
    refuseUserinfo(`images.${prop}`, ref, PULL_CREDENTIALS);
    const parsed = parseReference(ref);
    if (!parsed.ok) {
      throw new Error(`images.${prop} ${show(ref)} is not a valid image reference (registry/repository[:tag][@sha256:digest]): ${parsed.reason}`);
    }
  }
}

/** kpack's own `release-<version>.yaml`, read. */
export interface ReleaseManifest {
  readonly file: string;
  /** Its objects, in file order. */
  readonly objects: any[];
}

/** Reads kpack's `release-<version>.yaml` of `version` (a release manifest of that version, or an error saying what it is). */
export function readRelease(file: string, version: KpackVersion): ReleaseManifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf-8');
  } catch (e) {
    throw new Error(`releaseFile ${show(file)} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}): `
      + `download release-${version.version}.yaml from https://github.com/buildpacks-community/kpack/releases/tag/${version.tag}`);
  }
  const objects = yaml().parseAllDocuments(text).map(d => d.toJS()).filter(o => o && typeof o === 'object');
  const controller = objects.find((o: any) => o.kind === 'Deployment' && o.metadata?.name === 'kpack-controller') as any;
  const released = controller?.spec?.template?.metadata?.labels?.version;
  if (released !== version.version) {
    throw new Error(`releaseFile ${show(file)} is ${released === undefined ? 'not a kpack release manifest (it has no kpack-controller Deployment)' : `the release of kpack ${show(released)}`}: `
      + `version is ${version.tag}, so give release-${version.version}.yaml`);
  }
  return { file, objects };
}

/**
 * The release's objects with each component's image set to `images` (by ytt data value), in place: what the release
 * templates render with those values, for a version whose templates this package does not ship.
 */
export function withImages(release: ReleaseManifest, components: ImageComponent[], images: { [value: string]: string }): any[] {
  for (const c of components) imageSlot(release, c).set(images[c.value]);
  return release.objects;
}

/** Where the release manifest holds a component's image: a Deployment's container, a ConfigMap's `data.image`, or a ClusterLifecycle's `spec.image`. */
function imageSlot(release: ReleaseManifest, c: ImageComponent): { readonly image: unknown; set(image: string): void } {
  const o = release.objects.find((x: any) => x.kind === c.source.kind && x.metadata?.name === c.source.name);
  const holder = c.source.kind === 'Deployment' ? o?.spec?.template?.spec?.containers?.[0]
    : c.source.kind === 'ConfigMap' ? o?.data : o?.spec;
  return {
    image: holder?.image,
    set: image => {
      if (holder === undefined || holder === null) {
        throw new Error(`releaseFile ${show(release.file)} has no ${c.repository} image (${c.source.kind} ${c.source.name})`);
      }
      holder.image = image;
    },
  };
}

interface Pinned { readonly reference: string; readonly digest: string }

/** The digest-pinned images of kpack's own `release-<version>.yaml`, by `KpackImages` key. */
function pinnedImages(release: ReleaseManifest, components: ImageComponent[]): { [prop: string]: Pinned } {
  const result: { [prop: string]: Pinned } = {};
  for (const c of components) {
    const reference = imageSlot(release, c).image;
    const parsed = typeof reference === 'string' ? parseReference(reference) : undefined;
    if (!parsed?.ok || !parsed.reference.digest) {
      throw new Error(`releaseFile ${show(release.file)}: the ${c.repository} image of ${c.source.kind} ${c.source.name} is `
        + `${show(reference)}, not a reference pinned by digest (registry/repository@sha256:...)`);
    }
    result[c.prop] = { reference: reference as string, digest: parsed.reference.digest };
  }
  return result;
}
