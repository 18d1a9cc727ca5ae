/** What the readers of src/manifests share: limits, the shape of a read document, and where its fields are. */

/** Collections nested deeper than this are refused (a Kubernetes object is a few levels deep). */
export const MAX_DEPTH = 1000;

/** A path into a document: keys and list indexes, as `pathSegments` gives them for `spec.order[0].group`. */
export type PathSegments = ReadonlyArray<string | number>;

/** A problem in one document of a file, before the file name is added. */
export interface ChunkError {
  /** 1-based line in the file. */
  readonly line: number;
  /** Whether the message goes on from "document N" (`cannot be read: ...`), else it stands alone. */
  readonly ofDocument?: boolean;
  readonly message: string;
}

/** Finds the line of a field of a document (the deepest part of the path that is there). */
export interface Locator {
  /** The line of the deepest segment of `path` that is in the document, else `fallback`. */
  lineOf(path: PathSegments, fallback: number): number;
}

/** A document of a file as read: its JSON value, or nothing for an empty document, and where it is. */
export interface ReadChunk {
  /** 1-based line of the document's first content (its first line when it has none). */
  readonly line: number;
  /** The JSON value kubectl gets; undefined for an empty document (kubectl skips it). */
  readonly value: unknown;
  readonly errors: readonly ChunkError[];
  /** Finds lines of fields; made on demand, so reading stays cheap for documents without findings. */
  readonly locator: () => Locator;
}

/** Sets a key of an object as JSON.parse does (`__proto__` becomes an own property, never the prototype). */
export function setKey(target: { [key: string]: unknown }, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Whether an object has the key as its own. */
export function hasKey(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

/** The message for a value JSON cannot hold (go-yaml decodes `.inf` and `.nan`; encoding/json refuses them). */
export function nonFiniteMessage(text: string): string {
  return `has ${text}, which is not a number JSON can hold, so kubectl refuses it (json: unsupported value): quote it if text is meant`;
}
