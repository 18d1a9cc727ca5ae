/**
 * Image references inside manifests: which strings are image references, and how two spellings of one image
 * compare. Shared by the image lock (pinning at synth, the mutable-tag warning) and `cdk8s-kpack lock`.
 */
import { DEFAULT_REGISTRY, parseReference } from '../validation/image-reference';

/** A sha256 digest as registries report it: `sha256:` and 64 lower-case hex characters. */
export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * One image written in its canonical form (`registry/repository:tag`, Docker Hub as `index.docker.io` with its
 * implied `library/`, `latest`
 * when no tag is given), or undefined when `s` is not a tag reference (a digest reference, or not a reference).
 */
export function canonicalTag(s: string): string | undefined {
  const parsed = parseReference(s);
  if (!parsed.ok || parsed.reference.digest) return undefined;
  const r = parsed.reference;
  // Docker Hub's one-element repositories are library/<name>: `nginx` and `docker.io/library/nginx` are one image.
  const repository = r.registry === DEFAULT_REGISTRY && !r.repository.includes('/') ? `library/${r.repository}` : r.repository;
  return `${r.registry}/${repository}:${r.tag ?? 'latest'}`;
}

/** Splits `ref@sha256:...` into the reference and its digest (undefined digest when there is none). */
export function splitDigest(s: string): { reference: string; digest?: string } {
  const at = s.lastIndexOf('@');
  if (at < 0) return { reference: s };
  return { reference: s.slice(0, at), digest: s.slice(at + 1) };
}

/**
 * Every string value under a key named `image` in a manifest, with its JSON path: kpack's stack, store,
 * buildpack, lifecycle and Build images, the registry source of an Image, the containers of pod templates, and
 * kpack's own `*-image` ConfigMaps (`data.image`).
 */
export function imageFields(doc: unknown): Array<{ path: string; value: string }> {
  const found: Array<{ path: string; value: string }> = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const p = path ? `${path}.${key}` : key;
        if (key === 'image' && typeof v === 'string' && v !== '') found.push({ path: p, value: v });
        else walk(v, p);
      }
    }
  };
  walk(doc, '');
  return found;
}
