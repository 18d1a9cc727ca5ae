/**
 * The oldest and the newest cdk8s of the peer range, for tests that must hold on both (test/checks-contract.test.ts,
 * test/fast-json.test.ts): the devDependency `cdk8s` and the devDependency `cdk8s-newest` (an npm alias), at the
 * versions package.json (from .projenrc.ts) pins, so a lock-file change cannot silently test something else.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface Peer {
  /** The module `cdk8s` is mapped to. */
  readonly module: string;
  /** The version it must be. */
  readonly version: string;
}

const DEV_DEPENDENCIES: { [name: string]: string } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf-8')).devDependencies;

export const PEERS: readonly Peer[] = [
  { module: 'cdk8s', version: DEV_DEPENDENCIES.cdk8s },
  { module: 'cdk8s-newest', version: DEV_DEPENDENCIES['cdk8s-newest'].replace(/^npm:cdk8s@/, '') },
];

/**
 * What `load` returns when it requires modules afresh with `cdk8s` mapped to `peer.module` (cdk8s, cdk8s-plus-27 and
 * this library, as `load` requires them, all see that cdk8s).
 */
export function withPeer<T>(peer: Peer, load: () => T): T {
  let loaded: T | undefined;
  jest.isolateModules(() => {
    jest.doMock('cdk8s', () => jest.requireActual(peer.module));
    loaded = load();
  });
  jest.dontMock('cdk8s');
  return loaded!;
}
