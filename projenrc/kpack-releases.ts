/**
 * What the import task cannot read from the files vendored for a kpack release (imports/kpack/<tag>): the facts of
 * each release that decide how the rule engine judges it. The one place to describe a release: add the release's
 * folder under imports/kpack, its entry here, a `KpackVersion.V<x>_<y>_<z>` constant, and run `npx projen import`
 * (projenrc/gen-kpack-versions.ts writes src/imports/kpack-versions.ts from both). The oracle (oracle/), built
 * against each release's own Go module, referees every entry.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The facts of one release. */
export interface KpackReleaseFacts {
  /** The day the release was tagged, as kpack's GitHub release says. */
  readonly released: string;
  /** `valueFrom.secretKeyRef` in build env is refused (rule ENV-1; since v0.17.2). */
  readonly buildEnvSecretRefused: boolean;
  /**
   * A tag reference ending in a colon (`app:`) means `app:latest`: go-containerregistry before v0.20.6 (kpack v0.16.1
   * pins v0.20.0) accepts it; v0.20.6 (kpack v0.17.2) refuses it.
   */
  readonly emptyTagIsLatest: boolean;
}

export const KPACK_RELEASES: { readonly [tag: string]: KpackReleaseFacts } = {
  'v0.17.2': { released: '2026-06-17', buildEnvSecretRefused: true, emptyTagIsLatest: false },
  'v0.16.1': { released: '2025-01-16', buildEnvSecretRefused: false, emptyTagIsLatest: true },
};

/** The kpack releases vendored under imports/kpack (one folder per tag), newest first. */
export function vendoredReleases(root: string): string[] {
  const tags = fs.readdirSync(path.join(root, 'imports', 'kpack')).filter(name => /^v\d+\.\d+\.\d+$/.test(name));
  const number = (tag: string) => tag.slice(1).split('.').map(Number);
  return tags.sort((a, b) => {
    const [x, y] = [number(a), number(b)];
    return (y[0] - x[0]) || (y[1] - x[1]) || (y[2] - x[2]);
  });
}
