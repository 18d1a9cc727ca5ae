/**
 * `cdk8s-kpack lock PATH... [--out FILE]`: writes the skeleton of an image lock from synthesized manifests: every
 * image reference they use (kpack's stacks, stores, buildpacks, lifecycles and Builds, pod templates, kpack's
 * `*-image` ConfigMaps). Filling the digests needs a registry, so it is done outside synth (`crane digest`).
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { loadInput, reportProblems } from './input';
import { CliIo, EXIT_INPUT, EXIT_OK } from './io';
import { canonicalTag, imageFields, SHA256_DIGEST, splitDigest } from '../lock/references';
import { ManifestDocument } from '../manifests';
import { readFile } from '../manifests/source';

export const LOCK_USAGE = `usage: cdk8s-kpack lock PATH... [--out FILE]

Writes the skeleton of an image lock (ImageLock.fromFile) from synthesized manifests: every image reference
they use, each with an empty digest to fill outside synth, e.g. with crane:

  crane digest paketobuildpacks/build-jammy-base

PATH is a YAML manifest file, or a folder (every *.yaml and *.yml below it, e.g. dist/), or - for stdin. References the manifests already pin
(ref@sha256:...) are written with their digest.

options:
  --out FILE   write the lock to FILE instead of stdout; the digests FILE already records are kept
  -h, --help   this help
`;

const HEADER = `# Image lock for cdk8s-kpack: ImageLock.fromFile('<this file>').applyTo(app) pins these images at synth.
# Written by \`cdk8s-kpack lock\`. Fill each empty digest outside synth, e.g.: crane digest <reference>
`;

export function lockCommand(args: string[], io: CliIo): number {
  const paths: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') {
      io.out(LOCK_USAGE);
      return EXIT_OK;
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      out = arg === '--out' ? args[++i] : arg.slice('--out='.length);
      if (!out) return usage(io, '--out needs a FILE');
    } else if (arg.startsWith('-')) {
      return usage(io, `unknown option ${JSON.stringify(arg)}`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) return usage(io, 'give the synthesized manifests (files or directories)');

  // The same reader as validate and graph: folders, size and alias limits, YAML errors as file:line.
  const input = loadInput(paths);
  if (reportProblems(input.errors, 'lock', io)) return EXIT_INPUT;
  try {
    const digests = new Map<string, string>();
    collect(input.documents, digests);
    const previous = out !== undefined && fs.existsSync(out) ? existingDigests(out) : new Map<string, string>();
    for (const [reference, digest] of digests) {
      if (digest === '' && previous.has(reference)) digests.set(reference, previous.get(reference)!);
    }
    const text = render(digests);
    const missing = [...digests.values()].filter(d => d === '').length;
    if (out === undefined) io.out(text);
    else fs.writeFileSync(out, text);
    io.err(`cdk8s-kpack lock: ${digests.size} image reference(s)${out ? ` written to ${out}` : ''}`
      + (missing > 0 ? `, ${missing} without a digest: fill them with \`crane digest <reference>\`` : '') + '\n');
    return EXIT_OK;
  } catch (e) {
    io.err(`cdk8s-kpack lock: ${(e as Error).message}\n`);
    return EXIT_INPUT;
  }
}

function usage(io: CliIo, message: string): number {
  io.err(`cdk8s-kpack lock: ${message}\n\n${LOCK_USAGE}`);
  return EXIT_INPUT;
}

/** Adds the image references of the documents; a reference written with a digest brings it along. */
function collect(documents: readonly ManifestDocument[], digests: Map<string, string>): void {
  for (const doc of documents) {
    for (const { value } of imageFields(doc.value)) {
      const { reference, digest } = splitDigest(value);
      if (canonicalTag(reference) === undefined) continue; // not a reference (the rule engine reports it)
      const known = digests.get(reference);
      if (digest !== undefined && SHA256_DIGEST.test(digest)) digests.set(reference, digest);
      else if (known === undefined) digests.set(reference, '');
    }
  }
}

/** The digests an existing lock file records (entries without a valid digest are ignored). */
function existingDigests(file: string): Map<string, string> {
  const read = readFile(file); // bounded, and never a FIFO or a device
  if ('error' in read) throw new Error(`${file}: ${read.error}`);
  const doc = YAML.parse(read.bytes.toString('utf-8')) ?? {};
  const images = doc.images ?? {};
  const found = new Map<string, string>();
  for (const [reference, digest] of Object.entries(images)) {
    if (typeof digest === 'string' && SHA256_DIGEST.test(digest)) found.set(reference, digest);
  }
  return found;
}

function render(digests: Map<string, string>): string {
  const lines = [...digests.keys()].sort().map(reference => `  ${JSON.stringify(reference)}: ${JSON.stringify(digests.get(reference))}`);
  return `${HEADER}images:${lines.length === 0 ? ' {}' : ''}\n${lines.map(l => `${l}\n`).join('')}`;
}
