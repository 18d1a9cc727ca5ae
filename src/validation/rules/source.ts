/** SourceConfig rules SRC-1..SRC-8 (`spec.source` of Image and Build). */
import { num, obj, Obj, redactUserinfo, show, str } from '../json';
import { kpack } from '../report';
import { checkImage, invalid, missing } from './common';
import { RuleContext } from './context';

const BLOB_AUTH = new Set(['', 'helper', 'secret']);

export function checkSource(source: Obj, path: string, ctx: RuleContext): void {
  // Each read once (they run for every Image): `null` is absent, `undefined` set to another type (which counts as set).
  const git = obj(source, 'git');
  const blob = obj(source, 'blob');
  const registry = obj(source, 'registry');
  const set: string[] = [];
  if (git !== null) set.push('git');
  if (blob !== null) set.push('blob');
  if (registry !== null) set.push('registry');
  if (set.length === 0) {
    ctx.report.add('SRC-1', path, `${path} must set one of git, blob or registry, it sets none`
      + kpack('expected exactly one, got neither'));
    return;
  }
  // kpack returns SRC-2 alone, but the problems inside each source are real too, so they are reported as well.
  if (set.length > 1) {
    ctx.report.add('SRC-2', path, `${path} sets ${set.join(' and ')}: set exactly one of git, blob or registry`
      + kpack('expected exactly one, got both'));
  }
  const gitUrl = str(git, 'url');
  const blobUrl = str(blob, 'url');
  checkUrlCredentials('git', gitUrl, path, ctx);
  checkUrlCredentials('blob', blobUrl, path, ctx);
  if (git) {
    if (gitUrl === '') missing(ctx, 'SRC-3', `${path}.git.url`, 'the https or ssh URL of the git repository');
    if (str(git, 'revision') === '') missing(ctx, 'SRC-4', `${path}.git.revision`, 'a branch, tag or commit SHA');
  }
  if (blob) {
    const auth = str(blob, 'auth');
    if (auth !== undefined && !BLOB_AUTH.has(auth)) {
      invalid(ctx, 'SRC-5', `${path}.blob.auth`, auth, 'must be "" (no authentication), "secret" or "helper"');
    }
    if (blobUrl === '') missing(ctx, 'SRC-6', `${path}.blob.url`, 'the URL of the zip, tar or jar archive');
    const strip = num(blob, 'stripComponents');
    if (typeof strip === 'number' && strip < 0) {
      ctx.report.add('SRC-7', `${path}.blob.stripComponents`,
        `${path}.blob.stripComponents ${strip} must be 0 or more` + kpack(`expected positive integer got ${strip}`));
    }
  }
  if (registry) {
    checkImage(ctx, 'SRC-8', `${path}.registry.image`, str(registry, 'image'), 'reference',
      'the image that contains the source code');
  }
}

function checkUrlCredentials(kind: 'git' | 'blob', url: string | undefined, path: string, ctx: RuleContext): void {
  if (!url || redactUserinfo(url) === url) return;
  ctx.report.add('url-credentials', `${path}.${kind}.url`, `${path}.${kind}.url ${show(url)} holds credentials, which everyone who can `
    + `read the ${ctx.doc.kind === 'Build' ? 'Build' : 'Image'} (and its Builds) sees: give them in a ${kind === 'git' ? 'kpack.io/git' : 'kpack.io/blob'} `
    + 'Secret of the service account instead');
}
