/**
 * The image reference grammar kpack applies (go-containerregistry `name`, weak validation), see kpack-api.md §3.
 * `parseTag` is `name.NewTag` (what `tag`, `additionalTags`, Build `tags` must satisfy); `parseReference` is
 * `name.ParseReference` (a tag, or a sha256 digest reference). Failures carry a reason for the user.
 */

import { show } from './json';

/** Docker Hub, which go-containerregistry uses for references without a registry. */
export const DEFAULT_REGISTRY = 'index.docker.io';

export interface ImageReference {
  /** Registry host[:port], `index.docker.io` when none is given (`docker.io` is rewritten to it). */
  readonly registry: string;
  /** Repository path inside the registry. */
  readonly repository: string;
  /** The tag when one is given (`latest` is implied otherwise). */
  readonly tag?: string;
  /** `sha256:<hex>` for digest references. */
  readonly digest?: string;
}

export type ParseResult =
  | { readonly ok: true; readonly reference: ImageReference }
  | { readonly ok: false; readonly reason: string };

const TAG_CHARS = /^[A-Za-z0-9_.-]*$/;
const TAG_BAD_CHAR = /[^A-Za-z0-9_.-]/;
const REPOSITORY_CHARS = /^[a-z0-9_./-]*$/;
const REPOSITORY_BAD_CHAR = /[^a-z0-9_./-]/;
const UPPER = /[A-Z]/;
const SHA256_HEX = /^[a-f0-9]{64}$/;
const PORT = /^(:[0-9]*)?$/;
/**
 * The first ASCII character Go's url.Parse does not accept in a host (it accepts unreserved, sub-delims, `:` `[`
 * `]` `<` `>` `"`, and leaves non-ASCII to later checks): one scan of the registry instead of a test per character.
 */
const HOST_BAD_ASCII = /[^A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"\u0080-\uffff]/;
const IPV6_LITERAL = /^\[[0-9A-Fa-f:.]+\]$/;

function fail(reason: string): ParseResult {
  return { ok: false, reason };
}

/** Number of code points (Go counts runes). */
function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Whether `s` has `min` to `max` code points. Every string whose length is in [2 * min, max] does (a code point is
 * one or two UTF-16 units), so counting is needed only near the limits: nearly every reference skips it.
 */
function runesWithin(s: string, min: number, max: number): boolean {
  if (s.length >= 2 * min && s.length <= max) return true;
  const n = runeCount(s);
  return n >= min && n <= max;
}

function badChar(s: string, re: RegExp): string {
  const m = re.exec(s);
  return m ? JSON.stringify(m[0]) : '';
}

/** How a kpack release's go-containerregistry parses references, where releases differ. */
export interface ReferenceGrammar {
  /** `app:` is `app:latest` (before go-containerregistry v0.20.6), not an error. */
  readonly emptyTagIsLatest?: boolean;
}

/** `name.NewTag(s, name.WeakValidation)`. */
export function parseTag(s: string, grammar: ReferenceGrammar = {}): ParseResult {
  if (s === '') return fail('an image reference must not be empty');
  if (s.includes('@')) {
    return fail('a digest reference (@sha256:...) is not allowed here, kpack needs a tag reference such as registry/repository:tag');
  }
  let base = s;
  let tag: string | undefined;
  const colon = s.lastIndexOf(':');
  // The text after the last ':' is a tag unless it contains '/' (then the ':' belongs to a registry port).
  if (colon >= 0 && !s.slice(colon + 1).includes('/')) {
    base = s.slice(0, colon);
    tag = s.slice(colon + 1);
    if (tag === '') {
      if (!grammar.emptyTagIsLatest) return fail('a tag name must follow the colon');
      tag = undefined;
    }
    if (tag !== undefined && !runesWithin(tag, 1, 128)) return fail(`the tag must be 1 to 128 characters long, it has ${runeCount(tag)}`);
    if (tag !== undefined && !TAG_CHARS.test(tag)) {
      return fail(`the tag may only contain the characters A-Z a-z 0-9 _ . - (found ${badChar(tag, TAG_BAD_CHAR)})`);
    }
  }
  const repository = parseRepository(base);
  if (!repository.ok) return repository;
  // Fields copied by name: an object spread here costs more than all the parsing (it runs for every tag).
  const { registry, repository: name } = repository.reference;
  return { ok: true, reference: { registry, repository: name, tag } };
}

function parseRepository(name: string): ParseResult {
  if (name === '') return fail('a repository name must be given');
  let registry = '';
  let repository = name;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    const first = name.slice(0, slash);
    // The first path element is a registry only if it looks like a host: it has a '.' or a ':port'.
    if (first.includes('.') || first.includes(':')) {
      registry = first;
      repository = name.slice(slash + 1);
    }
  }
  if (!runesWithin(repository, 2, 255)) {
    return fail(`the repository ${show(repository)} must be 2 to 255 characters long`);
  }
  if (!REPOSITORY_CHARS.test(repository)) {
    if (UPPER.test(repository)) return fail('repository must be lower case (a-z 0-9 _ . / -)');
    return fail(`repository may only contain the characters a-z 0-9 _ . / - (found ${badChar(repository, REPOSITORY_BAD_CHAR)})`);
  }
  const registryProblem = checkRegistry(registry);
  if (registryProblem) return fail(registryProblem);
  if (registry === '' || registry === 'docker.io') registry = DEFAULT_REGISTRY;
  return { ok: true, reference: { registry, repository } };
}

/** Go: `url.Parse("//" + name)` must succeed and give back `name` as the host, i.e. host[:port]. */
function checkRegistry(registry: string): string | undefined {
  if (registry === '') return undefined;
  const invalid = (problem: string) => `the registry ${show(registry)} is not a valid host[:port] (${problem})`;
  if (registry.startsWith('[')) {
    const close = registry.lastIndexOf(']');
    if (close < 0) return invalid('missing "]"');
    if (!IPV6_LITERAL.test(registry.slice(0, close + 1))) return invalid('bad IPv6 address');
    if (!PORT.test(registry.slice(close + 1))) return invalid('the port must be digits');
    return undefined;
  }
  const colon = registry.lastIndexOf(':');
  if (colon >= 0 && !PORT.test(registry.slice(colon))) return invalid('the port must be digits');
  const bad = HOST_BAD_ASCII.exec(registry);
  return bad ? invalid(`${JSON.stringify(bad[0])} is not allowed in a host`) : undefined;
}

/** `name.ParseReference(s, name.WeakValidation)`: a tag reference, or a sha256 digest reference. */
export function parseReference(s: string, grammar: ReferenceGrammar = {}): ParseResult {
  const asTag = parseTag(s, grammar);
  if (asTag.ok || !s.includes('@')) return asTag;
  const parts = s.split('@');
  if (parts.length !== 2) return fail('a digest reference must contain exactly one "@"');
  const [base, digest] = parts;
  if (!digest.startsWith('sha256:')) {
    const algorithm = digest.includes(':') ? digest.slice(0, digest.indexOf(':')) : digest;
    return fail(`the digest must be sha256:<64 hex characters>, ${JSON.stringify(algorithm.slice(0, 20))} is not supported`);
  }
  const hex = digest.slice('sha256:'.length);
  if (hex.length !== 64) return fail(`a sha256 digest must have 64 hex characters, it has ${hex.length}`);
  if (!SHA256_HEX.test(hex)) return fail('a sha256 digest must be lower-case hex (0-9 a-f)');
  const named = parseTag(base, grammar);
  if (!named.ok) return named;
  const { registry, repository, tag } = named.reference;
  // name.NewDigest parses its base again by its full name (tag.Repository.Name()), in which a Docker Hub repository
  // of one path element has the implied `library/` prefix: that one counts towards the 255 characters.
  if (!runesWithin(fullRepository({ registry, repository }), 2, 255)) {
    return fail(`the repository ${show(repository)} is on Docker Hub, where its full name library/${repository.slice(0, 20)}... `
      + 'must be 2 to 255 characters long');
  }
  return { ok: true, reference: { registry, repository, tag, digest } };
}

/**
 * The repository as go-containerregistry names it in full (`RepositoryStr()`): on Docker Hub a repository of one path
 * element has the implied `library/` prefix.
 */
export function fullRepository(reference: Pick<ImageReference, 'registry' | 'repository'>): string {
  const { registry, repository } = reference;
  return registry === DEFAULT_REGISTRY && !repository.includes('/') ? `library/${repository}` : repository;
}

/** The registry of a valid tag reference (for the same-registry rule), or undefined. */
export function tagRegistry(s: string): string | undefined {
  const parsed = parseTag(s);
  return parsed.ok ? parsed.reference.registry : undefined;
}
