import { readFileSync } from 'fs';
import { ApiObject, App, IResolver, ResolutionContext } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { LockEntry } from './lock-file';
import { AppChecks } from '../private/checks';
import { imageReference, onFirstUse } from '../private/lazy';

/* eslint-disable @typescript-eslint/no-require-imports */
const lockFile = onFirstUse(() => require('./lock-file') as typeof import('./lock-file'));
const references = onFirstUse(() => require('./references') as typeof import('./references'));
/* eslint-enable @typescript-eslint/no-require-imports */

const APPLIED = Symbol.for('cdk8s-kpack.ImageLock.applied');

/** Keys whose values are images kpack writes (never pulls): never pinned. */
const OUTPUT_KEYS = new Set(['tag', 'tags', 'additionalTags']);

/**
 * An image lock: image references mapped to the digests they pointed to when the lock was written, read
 * offline. Applied to an app, it pins every image reference in every object of the app at synth (kpack's
 * stacks, stores, buildpacks and lifecycles, and any other object, such as the platform's Deployments and
 * ConfigMaps), so kpack stops rebuilding whenever an upstream tag moves.
 *
 * The file (YAML or JSON) is cdk8s-kpack's own:
 *
 * ```yaml
 * images:
 *   paketobuildpacks/build-jammy-base: sha256:<64 hex characters>
 *   paketobuildpacks/java:18.0.0: sha256:<64 hex characters>
 * ```
 *
 * or Carvel's: kbld's lock output (`kbld -f dist/ --lock-output images.kbld.lock.yml`, a `kbld.k14s.io/v1alpha1`
 * Config whose `overrides` map each `image` to its `newImage` digest reference), or imgpkg's images lock (a
 * `imgpkg.carvel.dev/v1alpha1` ImagesLock, e.g. from `kbld --imgpkg-lock-output`, whose entries name the image
 * they pin in the annotation `kbld.carvel.dev/id`; entries without it are skipped). A Carvel entry that resolves
 * an image to another repository (relocation) is refused: the lock pins digests, it does not move images.
 *
 * `cdk8s-kpack lock` writes the skeleton of cdk8s-kpack's format from the synthesized manifests, and fills it from
 * a Carvel lock (`--from`); otherwise fill the digests outside synth, e.g. with `crane digest <reference>`.
 *
 * What is pinned: a string under a key named `image` that is the same image as a lock entry (spelled alike or
 * not: `paketobuildpacks/java` and `docker.io/paketobuildpacks/java:latest` are one image), and any other string
 * that is exactly a lock entry and contains a `/` (an env var value, for instance); never `tag`, `tags` or
 * `additionalTags`. It becomes `<reference as written>@<digest>`. JSON patches (`ApiObject.addJsonPatch`) are
 * applied after pinning and are not pinned.
 *
 * @experimental
 */
export class ImageLock implements IResolver {
  /** Reads a lock file (YAML or JSON): cdk8s-kpack's format, kbld's lock output or imgpkg's ImagesLock. */
  public static fromFile(path: string): ImageLock {
    let text: string;
    try {
      text = readFileSync(path, 'utf-8');
    } catch (e) {
      throw new Error(`image lock ${path}: cannot read the file: ${(e as Error).message}`);
    }
    return ImageLock.fromString(text, path);
  }

  /**
   * Reads the text of a lock file (YAML or JSON), in any of the formats `fromFile` reads.
   * @param text the file's content
   * @param source the file name, for messages
   */
  public static fromString(text: string, source: string = 'image lock'): ImageLock {
    const where = source === 'image lock' ? source : `image lock ${source}`;
    return new ImageLock(lockFile().parseLockText(text, where), where);
  }

  /**
   * A lock from a map of image reference to digest (`sha256:<64 lower-case hex>`).
   */
  public static fromDigests(digests: { [reference: string]: string }): ImageLock {
    return new ImageLock(Object.entries(digests).map(([reference, digest]) => ({ reference, digest, at: `images[${JSON.stringify(reference)}]` })), 'image lock');
  }

  private readonly digests = new Map<string, string>();
  private readonly exact = new Map<string, string>();

  private constructor(entries: LockEntry[], where: string) {
    const { canonicalTag, SHA256_DIGEST } = references();
    const { parseReference } = imageReference();
    const seen = new Map<string, string>();
    for (const { reference, digest, at } of entries) {
      const entry = `${where}: ${at}`;
      const parsed = parseReference(reference);
      if (!parsed.ok) throw new Error(`${entry}: ${JSON.stringify(reference)} is not a valid image reference: ${parsed.reason}`);
      if (parsed.reference.digest) {
        throw new Error(`${entry}: the reference already has a digest; give it as the tag reference it pins`);
      }
      if (typeof digest !== 'string' || !SHA256_DIGEST.test(digest)) {
        const shown = digest === null || digest === undefined || digest === '' ? 'no digest' : JSON.stringify(digest);
        throw new Error(`${entry}: ${shown} is not a sha256 digest (sha256: and 64 lower-case hex characters); `
          + `fill it with \`crane digest ${reference}\``);
      }
      const canonical = canonicalTag(reference)!;
      const other = seen.get(canonical);
      if (other !== undefined && this.digests.get(canonical) !== digest) {
        throw new Error(`${entry}: ${JSON.stringify(reference)} is the same image as ${JSON.stringify(other)}, with another digest`);
      }
      seen.set(canonical, reference);
      this.digests.set(canonical, digest);
      this.exact.set(reference, digest);
    }
  }

  /** The references of the lock, as written, sorted. */
  public get references(): string[] {
    return [...this.exact.keys()].sort();
  }

  /**
   * The digest the lock records for an image, or undefined.
   * @param reference an image reference (any spelling of the locked image)
   */
  public digestOf(reference: string): string | undefined {
    const canonical = references().canonicalTag(reference);
    return canonical === undefined ? undefined : this.digests.get(canonical);
  }

  /**
   * The reference pinned to its locked digest (`<reference>@sha256:...`), or unchanged when the lock has no
   * entry for it or it already carries a digest.
   */
  public pin(reference: string): string {
    const digest = this.digestOf(reference);
    return digest === undefined ? reference : `${reference}@${digest}`;
  }

  /**
   * Pins the image references of every object of the app `scope` belongs to, at synth, and warns (printed by
   * `app.synth()`, rule `lock-mutable-tag`) about every image reference that stays a mutable tag. Calling it again for the same
   * app does nothing.
   */
  public applyTo(scope: IConstruct): void {
    const app = App.of(scope) as any;
    if (!Array.isArray(app.resolvers)) {
      throw new Error('ImageLock.applyTo needs a construct inside a cdk8s App');
    }
    if (app.resolvers.includes(this)) return;
    // First, so it sees the values Lazy and token resolvers produce (they resolve again after replacing).
    app.resolvers.unshift(this);
    if (!app[APPLIED]) {
      Object.defineProperty(app, APPLIED, { value: true });
      // After the app's checks (which start each run's warnings afresh): validations run in the order added.
      AppChecks.of(app);
      app.node.addValidation({ validate: () => warnMutable(app) });
    }
  }

  /**
   * The cdk8s resolver: replaces a locked image reference by its pinned form. Prefer `applyTo`, which also
   * warns about the references that stay mutable.
   */
  public resolve(context: ResolutionContext): void {
    const value = context.value;
    if (typeof value !== 'string') return;
    // The field name, or for a list element the list's name (`additionalTags.0`).
    const key = [...context.key].reverse().find(k => !/^[0-9]+$/.test(k)) ?? '';
    if (OUTPUT_KEYS.has(key)) return;
    if (key === 'image' || (value.includes('/') && this.exact.has(value))) {
      const pinned = this.pin(value);
      if (pinned !== value) context.replaceValue(pinned);
    }
  }
}

/** One warning listing the image references of the app that carry no digest. */
function warnMutable(app: IConstruct): string[] {
  const mutable = new Set<string>();
  for (const c of app.node.findAll()) {
    if (!ApiObject.isApiObject(c)) continue;
    let json: unknown;
    try {
      json = c.toJson();
    } catch {
      continue; // reported by the object's own validation
    }
    for (const { value } of references().imageFields(json)) {
      if (!value.includes('@')) mutable.add(value);
    }
  }
  if (mutable.size > 0) {
    const list = [...mutable].sort();
    AppChecks.of(app).addRunWarning(app, `${list.length} image reference(s) are not in the image lock and stay mutable tags `
      + `(kpack follows them when they move): ${list.join(', ')}`, 'lock-mutable-tag');
  }
  return [];
}
