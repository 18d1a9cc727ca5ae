import { parseReference, parseTag, tagRegistry } from '../../src/validation/image-reference';

const HEX = '0123456789abcdef'.repeat(4);

describe('parseTag (name.NewTag, weak validation)', () => {
  test.each([
    ['docker.io/library/x', 'index.docker.io', 'library/x', undefined],
    ['ubuntu', 'index.docker.io', 'ubuntu', undefined],
    ['paketobuildpacks/builder:base', 'index.docker.io', 'paketobuildpacks/builder', 'base'],
    ['localhost:5000/app:1', 'localhost:5000', 'app', '1'],
    ['localhost/app', 'index.docker.io', 'localhost/app', undefined], // no '.' or ':': not a registry
    ['gcr.io/ab', 'gcr.io', 'ab', undefined],
    ['registry.example.com:443/team/app_1.x-y:V1.0_rc-1', 'registry.example.com:443', 'team/app_1.x-y', 'V1.0_rc-1'],
    ['[::1]:5000/app:dev', '[::1]:5000', 'app', 'dev'],
    ['host:/app', 'host:', 'app', undefined], // Go accepts an empty port
    [`gcr.io/app:${'t'.repeat(128)}`, 'gcr.io', 'app', 't'.repeat(128)],
  ])('%s is valid', (input, registry, repository, tag) => {
    const parsed = parseTag(input);
    expect(parsed).toEqual({ ok: true, reference: { registry, repository, tag } });
  });

  test.each([
    ['', /must not be empty/],
    ['gcr.io/a', /repository "a" must be 2 to 255 characters/],
    ['a', /repository "a" must be 2 to 255/],
    [`gcr.io/${'a'.repeat(256)}`, /must be 2 to 255/],
    ['gcr.io/app:', /a tag name must follow the colon/],
    [`gcr.io/app:${'t'.repeat(129)}`, /the tag must be 1 to 128 characters long, it has 129/],
    ['gcr.io/app:v1+2', /tag may only contain .* \(found "\+"\)/],
    ['gcr.io/My/App', /repository must be lower case/],
    ['gcr.io/my app', /repository may only contain .* \(found " "\)/],
    ['user@gcr.io/app', /digest reference/],
    [`gcr.io/app@sha256:${HEX}`, /digest reference .* not allowed here/],
    ['gcr.io:port/app', /registry "gcr.io:port" is not a valid host\[:port\] \(the port must be digits\)/],
    ['gcr{x}.io/app', /registry "gcr\{x\}.io" is not a valid host.*"\{" is not allowed/],
    ['gc%41r.io/app', /"%" is not allowed/],
    ['[::1/app', /registry/],
    [':tag', /a repository name must be given/],
    // Lengths count code points, like Go's runes: a tag of 65 astral characters (130 UTF-16 units) has 65.
    [`gcr.io/app:${'\u{1F600}'.repeat(129)}`, /the tag must be 1 to 128 characters long, it has 129/],
    ['gcr.io/\u{1F600}', /repository ".+" must be 2 to 255/],
    [`gcr.io/${'\u{1F600}'.repeat(256)}`, /must be 2 to 255/],
    // The first ASCII character that is not allowed is named; non-ASCII characters are left to later checks.
    ['r\u00e9g{x}|y.io/app', /"\{" is not allowed in a host/],
  ])('%s is invalid', (input, reason) => {
    const parsed = parseTag(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('parseReference (name.ParseReference)', () => {
  test.each([
    'gcr.io/app',
    'localhost:5000/app:1',
    `gcr.io/app@sha256:${HEX}`,
    `gcr.io/app:1.0@sha256:${HEX}`, // the tag is stripped before the digest check
    `localhost:5000/team/app@sha256:${HEX}`,
    `ubuntu@sha256:${HEX}`,
  ])('%s is valid', input => {
    expect(parseReference(input).ok).toBe(true);
  });

  test('a digest reference gives registry, repository, tag and digest', () => {
    expect(parseReference(`docker.io/library/app:1@sha256:${HEX}`)).toEqual({
      ok: true, reference: { registry: 'index.docker.io', repository: 'library/app', tag: '1', digest: `sha256:${HEX}` },
    });
  });

  test.each([
    [`gcr.io/app@sha512:${HEX}${HEX}`, /"sha512" is not supported/],
    [`gcr.io/app@sha256:${HEX.toUpperCase()}`, /lower-case hex/],
    [`gcr.io/app@sha256:${HEX.slice(1)}`, /must have 64 hex characters, it has 63/],
    [`gcr.io/app@sha256:${HEX}@sha256:${HEX}`, /exactly one "@"/],
    [`gcr.io/A@sha256:${HEX}`, /must be 2 to 255/],
    [`gcr.io/App@sha256:${HEX}`, /lower case/],
    [`gcr.io/app:@sha256:${HEX}`, /a tag name must follow the colon/],
    ['gcr.io/My App', /lower case/],
  ])('%s is invalid', (input, reason) => {
    const parsed = parseReference(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

test('tagRegistry gives the registry the same-registry rule compares', () => {
  expect(tagRegistry('app')).toBe('index.docker.io');
  expect(tagRegistry('docker.io/team/app:1')).toBe('index.docker.io');
  expect(tagRegistry('index.docker.io/team/app')).toBe('index.docker.io');
  expect(tagRegistry('gcr.io/team/app')).toBe('gcr.io');
  expect(tagRegistry('gcr.io/a')).toBeUndefined();
});

describe('differences the oracle found', () => {
  test('a Docker Hub digest reference counts the implied library/ prefix (name.NewDigest re-parses the full name)', () => {
    expect(parseReference(`${'a'.repeat(247)}@sha256:${HEX}`).ok).toBe(true);
    expect(parseReference(`${'a'.repeat(248)}@sha256:${HEX}`)).toEqual({ ok: false, reason: expect.stringMatching(/on Docker Hub, where its full name library\//) });
    expect(parseReference(`docker.io/${'a'.repeat(248)}:1@sha256:${HEX}`).ok).toBe(false);
    // A tag reference is not re-parsed: the same repository is a valid tag, and so is one with a '/'.
    expect(parseTag('a'.repeat(248)).ok).toBe(true);
    expect(parseReference(`x/${'a'.repeat(253)}@sha256:${HEX}`).ok).toBe(true);
  });

  test('an empty tag after a colon: refused by go-containerregistry v0.20.6 (kpack v0.17.2), latest before (v0.16.1)', () => {
    expect(parseTag('gcr.io/app:').ok).toBe(false);
    expect(parseTag('gcr.io/app:', { emptyTagIsLatest: true })).toEqual({ ok: true, reference: { registry: 'gcr.io', repository: 'app', tag: undefined } });
  });
});
