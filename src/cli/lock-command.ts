/**
 * `cdk8s-kpack lock PATH... [--from LOCK]... [--out FILE]`: writes the skeleton of an image lock from synthesized
 * manifests: every image reference they use (kpack's stacks, stores, buildpacks, lifecycles and Builds, pod
 * templates, kpack's `*-image` ConfigMaps). Filling the digests needs a registry, so it is done outside synth: by
 * Carvel's kbld (`kbld --lock-output`, read with `--from`) or by `crane digest`.
 */
import * as fs from 'fs';
import { Command, readCommandLine, usageError } from './args';
import { loadInput, reportProblems } from './input';
import { CliIo, EXIT_INPUT, EXIT_OK } from './io';
import { parseLockText } from '../lock/lock-file';
import { canonicalTag, imageFields, SHA256_DIGEST, splitDigest } from '../lock/references';
import { ManifestDocument } from '../manifests';
import { readFile } from '../manifests/source';

export const LOCK_USAGE = `usage: cdk8s-kpack lock PATH... [--from LOCK]... [--out FILE]

Writes an image lock (ImageLock.fromFile) from synthesized manifests: every image reference they use, each
with its digest when the manifests pin it, a --from lock has it, or --out already records it; otherwise empty,
to fill outside synth. With Carvel's kbld, which resolves every image of the manifests in one command:

  kbld -f dist/ --lock-output images.kbld.lock.yml > /dev/null
  cdk8s-kpack lock dist/ --from images.kbld.lock.yml --out images.lock.yaml

or one at a time with crane: crane digest paketobuildpacks/build-jammy-base

PATH is a YAML manifest file, or a folder (every *.yaml and *.yml below it, e.g. dist/), or - for stdin.

options:
  --from LOCK  digests from a lock: kbld's lock output (kbld --lock-output), imgpkg's ImagesLock
               (kbld --imgpkg-lock-output) or this command's format (repeatable)
  --out FILE   write the lock to FILE instead of stdout; the digests FILE already records are kept
  -h, --help   this help
`;

const HEADER = `# Image lock for cdk8s-kpack: ImageLock.fromFile('<this file>').applyTo(app) pins these images at synth.
# Written by \`cdk8s-kpack lock\`. Fill each empty digest outside synth, e.g.: crane digest <reference>
`;

const LOCK: Command = { name: 'lock', usage: LOCK_USAGE };

export function lockCommand(args: string[], io: CliIo): number {
  const read = readCommandLine(LOCK, args, {
    from: { type: 'string', multiple: true },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, io, () => undefined);
  if (typeof read === 'number') return read;
  const line = read.line;
  const paths = line.positionals;
  const out = line.string('out');
  if (paths.length === 0) return usage(io, 'give the synthesized manifests (files or directories)');

  // The same reader as validate and graph: folders, size and alias limits, YAML errors as file:line.
  const input = loadInput(paths);
  if (reportProblems(input.errors, 'lock', io)) return EXIT_INPUT;
  try {
    const digests = new Map<string, string>();
    collect(input.documents, digests);
    // Manifests' own digests first, then the --from locks in order, then what --out already records.
    const known = [...line.list('from').map(lockDigests), out !== undefined && fs.existsSync(out) ? lockDigests(out) : new Map<string, string>()];
    for (const [reference, digest] of digests) {
      if (digest !== '') continue;
      const canonical = canonicalTag(reference);
      const found = known.map(k => k.get(canonical!)).find(d => d !== undefined);
      if (found !== undefined) digests.set(reference, found);
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
  return usageError(LOCK, io, message);
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

/**
 * The digests a lock file records, by canonical reference (any of the formats ImageLock reads); entries without a
 * valid digest are ignored (a skeleton's empty ones).
 */
function lockDigests(file: string): Map<string, string> {
  const read = readFile(file); // bounded, and never a FIFO or a device
  if ('error' in read) throw new Error(`${file}: ${read.error}`);
  const found = new Map<string, string>();
  for (const { reference, digest } of parseLockText(read.bytes.toString('utf-8'), `image lock ${file}`)) {
    const canonical = canonicalTag(reference);
    if (canonical !== undefined && typeof digest === 'string' && SHA256_DIGEST.test(digest) && !found.has(canonical)) found.set(canonical, digest);
  }
  return found;
}

function render(digests: Map<string, string>): string {
  const lines = [...digests.keys()].sort().map(reference => `  ${JSON.stringify(reference)}: ${JSON.stringify(digests.get(reference))}`);
  return `${HEADER}images:${lines.length === 0 ? ' {}' : ''}\n${lines.map(l => `${l}\n`).join('')}`;
}
