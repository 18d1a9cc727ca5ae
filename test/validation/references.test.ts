/** Cross-object rules: references between the manifests, namespaces, buildpack ids, duplicates. */
import { baseline, baselineSet, expectFinding, NS, V2, validate } from './fixtures';
import { KpackValidator, Severity, Stage } from '../../src/validation';

/** The baseline set with objects replaced or removed (by kind), plus extra objects. */
function setWith(change: { [kind: string]: ((o: any) => void) | null }, ...extra: any[]): any[] {
  const set = baselineSet().filter(o => change[o.kind] !== null || o.metadata.name === 'maven-settings');
  for (const o of set) change[o.kind]?.(o);
  return [...set, ...extra];
}

function about(findings: ReturnType<typeof validate>, kind: string) {
  return findings.filter(f => f.kind === kind);
}

describe('missing references', () => {
  test.each([
    ['Image', 'spec.builder.name', 'Builder', /names Builder "builder" in namespace "team-a", which is not in the manifests: add it, or list it in externalObjects/],
    ['Builder', 'spec.stack.name', 'ClusterStack', /names ClusterStack "base", which is not in the manifests/],
    ['Builder', 'spec.store.name', 'ClusterStore', /names ClusterStore "default"/],
    ['Builder', 'spec.lifecycle.name', 'ClusterLifecycle', /names ClusterLifecycle "lifecycle-0-20"/],
    ['Builder', 'spec.order[1].group[0].name', 'Buildpack', /names Buildpack "nodejs" in namespace "team-a"/],
    ['ClusterBuilder', 'spec.order[0].group[0].name', 'ClusterBuildpack', /names ClusterBuildpack "java"/],
    ['Image', 'spec.serviceAccountName', 'ServiceAccount', /names ServiceAccount "builder-sa" in namespace "team-a"/],
    ['ClusterBuildpack', 'spec.serviceAccountRef.name', 'ServiceAccount', /names ServiceAccount "builder-sa" in namespace "team-a"/],
    ['ServiceAccount', 'secrets[0].name', 'Secret', /names Secret "registry-credentials"/],
    ['ServiceAccount', 'imagePullSecrets[0].name', 'Secret', /names Secret "registry-credentials"/],
  ])('%s %s -> %s: a warning, an error when strict, nothing when external', (kind, path, missingKind, message) => {
    const manifests = setWith({ [missingKind]: null });
    expectFinding(about(validate(manifests), kind), { rule: 'ref-missing', path, message, severity: Severity.WARNING });
    expectFinding(about(validate(manifests, { strictReferences: true }), kind), { rule: 'ref-missing', path, message, severity: Severity.ERROR });
    const target = baseline(missingKind).metadata;
    // Kubernetes' key names, as plain objects give them (ObjectKey's own are namespaceName, secretType).
    const externalObjects = [{ kind: missingKind, name: target.name, namespace: target.namespace }];
    expect(about(validate(manifests, { externalObjects }), kind).filter(f => f.path === path)).toEqual([]);
  });

  test('the service binding Secret must exist', () => {
    const manifests = baselineSet().filter(o => o.metadata.name !== 'maven-settings');
    expectFinding(about(validate(manifests), 'Image'), {
      rule: 'ref-missing', path: 'spec.build.services[0].name', message: /names Secret "maven-settings"/, severity: Severity.WARNING,
    });
  });

  test('default-lifecycle (installed by kpack) and the default ServiceAccount are never missing; the default one must hold the push credential', () => {
    const image = baseline('Image');
    image.spec.serviceAccountName = 'default';
    const builder = baseline('Builder');
    builder.spec.lifecycle.name = 'default-lifecycle';
    delete builder.spec.serviceAccountName;
    const findings = validate([image, builder], { externalObjects: [{ kind: 'ClusterStack', name: 'base' }, { kind: 'ClusterStore', name: 'default' }] });
    expect(findings.filter(f => f.rule !== 'default-service-account' && /ServiceAccount|ClusterLifecycle/.test(f.message))).toEqual([]);
    expectFinding(findings.filter(f => f.kind === 'Image'), {
      rule: 'default-service-account',
      path: 'spec.serviceAccountName',
      message: /is "default": kpack uses the ServiceAccount "default" of namespace "team-a", which must list a registry credential for "registry.example.com" \(to push "registry.example.com\/apps\/app"\)/,
    });
    expectFinding(findings.filter(f => f.kind === 'Builder'), { rule: 'default-service-account', path: 'spec.serviceAccountName', message: /is not set/ });
    // Not when the default ServiceAccount is among the objects (the credential rules check what it holds).
    const withDefault = validate([image, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: NS } }]);
    expect(withDefault.filter(f => f.rule === 'default-service-account')).toEqual([]);
  });

  test('the legacy Builder spec.serviceAccount is checked when serviceAccountName is empty', () => {
    const findings = validate(setWith({ Builder: o => { delete o.spec.serviceAccountName; o.spec.serviceAccount = 'legacy'; } }));
    expectFinding(findings, { rule: 'ref-missing', path: 'spec.serviceAccount', message: /ServiceAccount "legacy"/, severity: Severity.WARNING });
  });

  test('an object without namespace is in "default"', () => {
    const image = baseline('Image');
    delete image.metadata.namespace;
    const builder = baseline('Builder');
    builder.metadata.namespace = 'default';
    const findings = validate([image, builder], { externalObjects: [{ kind: 'ServiceAccount', name: 'builder-sa' }, { kind: 'Secret', name: 'maven-settings' }] });
    expect(about(findings, 'Image')).toEqual([]);
  });

  test('external objects of cluster-scoped kinds ignore any namespace given', () => {
    const builder = baseline('Builder');
    delete builder.spec.store;
    delete builder.spec.lifecycle;
    delete builder.spec.order;
    const findings = validate([builder], {
      externalObjects: [{ kind: 'ClusterStack', name: 'base', namespaceName: 'whatever' }, { kind: 'ServiceAccount', name: 'builder-sa', namespaceName: NS }],
    });
    expect(findings).toEqual([]);
  });
});

describe('namespace mix-ups: advice (kpack waits for an object in the namespace it looks in), errors with strictReferences', () => {
  test('Image -> Builder of another namespace', () => {
    const findings = validate(setWith({ Image: o => { o.metadata.namespace = 'team-b'; } }), {
      externalObjects: [
        { kind: 'ServiceAccount', name: 'builder-sa', namespaceName: 'team-b' }, { kind: 'Secret', name: 'maven-settings', namespaceName: 'team-b' },
      ],
    });
    expect(about(findings, 'Image')).toEqual([{
      severity: Severity.WARNING,
      stage: Stage.ADVICE,
      kind: 'Image',
      name: 'app',
      namespaceName: 'team-b',
      path: 'spec.builder.name',
      rule: 'ref-namespace',
      message: 'spec.builder.name names Builder "builder", which is in namespace "team-a", not "team-b": kpack looks Builders up in the Image\'s namespace',
    }]);
    const strict = validate(setWith({ Image: o => { o.metadata.namespace = 'team-b'; } }), { strictReferences: true });
    expect(about(strict, 'Image').map(f => `${f.severity} ${f.rule}`)).toContain(`${Severity.ERROR} ref-namespace`);
  });

  test('Builder -> Buildpack of another namespace', () => {
    const findings = validate(setWith({ Buildpack: o => { o.metadata.namespace = 'team-b'; } }));
    expectFinding(about(findings, 'Builder'), { rule: 'ref-namespace', path: 'spec.order[1].group[0].name', message: /in namespace "team-b", not "team-a"/ });
  });

  test('ServiceAccount -> Secret of another namespace', () => {
    const findings = validate(setWith({ Secret: o => { o.metadata.namespace = 'other'; } }));
    expectFinding(about(findings, 'ServiceAccount'), { rule: 'ref-namespace', path: 'secrets[0].name', message: /in namespace "other"/ });
  });

  test('Build ref -> Builder: kpack looks in ref.namespace, so without one the Build can never run', () => {
    const build = (ns: string | undefined) => setWith({ Build: o => { o.spec.builder = { ref: { kind: 'Builder', name: 'builder', namespace: ns } }; } });
    expect(about(validate(build(NS)), 'Build')).toEqual([]);
    expectFinding(about(validate(build('other')), 'Build'), { rule: 'ref-namespace', path: 'spec.builder.ref.name', message: /not "other"/ });
    expectFinding(about(validate(build(undefined)), 'Build'), {
      rule: 'ref-builder-namespace', path: 'spec.builder.ref.namespace', message: /in namespace "", where no Builder can be.*set it to the Build's namespace "team-a"/,
    });
  });

  test('Build ref -> ClusterBuilder', () => {
    const set = setWith({ Build: o => { o.spec.builder = { ref: { kind: 'ClusterBuilder', name: 'nope' } }; } });
    expectFinding(about(validate(set), 'Build'), { rule: 'ref-missing', path: 'spec.builder.ref.name', severity: Severity.WARNING, message: /ClusterBuilder "nope"/ });
  });
});

describe('builder order', () => {
  test('a ClusterBuilder cannot use a namespaced Buildpack', () => {
    const findings = validate(setWith({ ClusterBuilder: o => { o.spec.order[0].group.push({ kind: 'Buildpack', name: 'nodejs' }); } }));
    expectFinding(findings, { rule: 'ref-cluster-builder-buildpack', path: 'spec.order[0].group[1].kind', message: /use a ClusterBuildpack/ });
  });

  test('the same buildpack twice in a group: advice, kpack uses the first', () => {
    const findings = validate(setWith({
      Builder: o => {
        o.spec.order[0].group.push({ id: 'paketo-buildpacks/java', version: '2' });
        o.spec.order[1].group.push({ kind: 'Buildpack', name: 'nodejs', optional: true });
      },
    }));
    expectFinding(findings, { rule: 'ref-duplicate-buildpack', path: 'spec.order[0].group[1]', message: /repeats buildpack id "paketo-buildpacks\/java" of spec.order\[0\].group\[0\]/ });
    expectFinding(findings, { rule: 'ref-duplicate-buildpack', path: 'spec.order[1].group[2]', message: /repeats buildpack Buildpack "nodejs"/ });
  });

  test('the same buildpack in different groups is fine', () => {
    expect(validate(setWith({ Builder: o => { o.spec.order.push({ group: [{ id: 'paketo-buildpacks/java' }] }); } }))).toEqual([]);
  });
});

describe('buildpack ids declared with the annotation', () => {
  const ANNOTATION = KpackValidator.BUILDPACK_IDS_ANNOTATION;
  const declare = (ids: string) => (o: any) => { o.metadata.annotations = { [ANNOTATION]: ids }; };
  const declaringAll = {
    ClusterStore: declare('paketo-buildpacks/java@1.0.0, paketo-buildpacks/nodejs'),
    ClusterBuildpack: declare('paketo-buildpacks/java@2.0.0'),
    Buildpack: declare('paketo-buildpacks/go@3.1.0,'),
  };
  const withEntry = (entry: any, extra: object = {}) =>
    validate(setWith({ ...declaringAll, ...extra, Builder: o => { o.spec.order = [{ group: [entry] }]; } }));

  test('an id that every place declares is fine, with or without version', () => {
    expect(withEntry({ id: 'paketo-buildpacks/java' })).toEqual([]);
    expect(withEntry({ id: 'paketo-buildpacks/java', version: '2.0.0' })).toEqual([]);
    expect(withEntry({ id: 'paketo-buildpacks/go', version: '3.1.0' })).toEqual([]);
    expect(withEntry({ id: 'paketo-buildpacks/nodejs', version: '9.9.9' })).toEqual([]); // declared without version
  });

  test('an id no place provides', () => {
    expectFinding(withEntry({ id: 'paketo-buildpacks/jav' }), {
      rule: 'ref-buildpack-id',
      path: 'spec.order[0].group[0].id',
      message: new RegExp('"paketo-buildpacks/jav" is not provided by the Buildpacks of namespace "team-a", the ClusterBuildpacks, '
        + 'ClusterStore "default" in the manifests .*available are '
        + 'paketo-buildpacks/go@3.1.0, paketo-buildpacks/java@1.0.0, paketo-buildpacks/java@2.0.0, paketo-buildpacks/nodejs$'),
    });
  });

  test('a version no place provides', () => {
    expectFinding(withEntry({ id: 'paketo-buildpacks/java', version: '3.0.0' }), {
      rule: 'ref-buildpack-id', path: 'spec.order[0].group[0].id', message: /"paketo-buildpacks\/java" version "3.0.0" is not provided/,
    });
  });

  test('skipped when one place does not declare, when the store is not in the set, or when an external place exists', () => {
    expect(withEntry({ id: 'x' }, { Buildpack: () => undefined })).toEqual([]);
    expect(validate(setWith({ ...declaringAll, ClusterStore: null, Builder: o => { o.spec.order = [{ group: [{ id: 'x' }] }]; } }),
      { externalObjects: [{ kind: 'ClusterStore', name: 'default' }] })).toEqual([]);
    expect(validate(setWith({ ...declaringAll, Builder: o => { o.spec.order = [{ group: [{ id: 'x' }] }]; } }),
      { externalObjects: [{ kind: 'ClusterBuildpack', name: 'python' }] })).toEqual([]);
  });

  test('a ClusterBuilder does not search namespaced Buildpacks', () => {
    const findings = validate(setWith({ ...declaringAll, ClusterBuilder: o => { o.spec.order = [{ group: [{ id: 'paketo-buildpacks/go' }] }]; } }));
    expectFinding(findings, { rule: 'ref-buildpack-id', path: 'spec.order[0].group[0].id', message: /the ClusterBuildpacks, ClusterStore "default" in the manifests/ });
  });

  test('kind, name and id: checked against that object only', () => {
    const findings = withEntry({ kind: 'ClusterBuildpack', name: 'java', id: 'paketo-buildpacks/java', version: '1.0.0' });
    expectFinding(findings, {
      rule: 'ref-buildpack-id', path: 'spec.order[0].group[0].id', message: /is not provided by ClusterBuildpack "java" .*available are paketo-buildpacks\/java@2.0.0$/,
    });
    expect(withEntry({ kind: 'Buildpack', name: 'nodejs', id: 'paketo-buildpacks/go' })).toEqual([]);
  });
});

describe('other cross-object rules', () => {
  test('duplicate objects: an error on the second', () => {
    const findings = validate([...baselineSet(), baseline('Image'), baseline('ClusterStack')]);
    expect(findings.map(f => `${f.rule} ${f.kind} ${f.path}`)).toEqual(['duplicate-object Image metadata.name', 'duplicate-object ClusterStack metadata.name']);
    expect(findings[0].message).toMatch(/another Image with this name in namespace "team-a" comes earlier in the manifests \(#8\)/);
  });

  test('duplicates across kpack.io versions and for cluster-scoped objects with a namespace', () => {
    const legacy = { ...baseline('Image'), apiVersion: 'kpack.io/v1alpha1' };
    const stack = baseline('ClusterStack');
    stack.metadata.namespace = 'x';
    const findings = validate([baseline('Image'), legacy, baseline('ClusterStack'), stack]);
    expect(findings.filter(f => f.rule === 'duplicate-object').map(f => f.kind)).toEqual(['Image', 'ClusterStack']);
  });

  test('same names in other namespaces or of other kinds are not duplicates', () => {
    const other = baseline('Image');
    other.metadata.namespace = 'team-b';
    const findings = validate([baseline('Image'), other, { apiVersion: V2, kind: 'Build', metadata: { name: 'app', namespace: NS } }]);
    expect(findings.filter(f => f.rule === 'duplicate-object')).toEqual([]);
  });

  test('a service binding to a Secret of a ServiceAccount of the namespace', () => {
    const set = setWith({ ServiceAccount: o => { o.secrets.push({ name: 'maven-settings' }); } });
    expectFinding(about(validate(set), 'Image'), {
      rule: 'ref-forbidden-secret',
      path: 'spec.build.services[0].name',
      message: /Secret "maven-settings", which ServiceAccount "builder-sa" lists under secrets.*service "maven-settings" uses forbidden secret/,
    });
    const build = setWith({ ServiceAccount: o => { o.secrets.push({ name: 'maven-settings' }); }, Build: o => { o.spec.services = [{ kind: 'Secret', name: 'maven-settings' }]; } });
    expectFinding(about(validate(build), 'Build'), { rule: 'ref-forbidden-secret', path: 'spec.services[0].name', message: /forbidden/ });
  });

  test('references of unchecked (v1alpha1) objects are not followed, but they can be referenced', () => {
    const image = { ...baseline('Image'), apiVersion: 'kpack.io/v1alpha1' };
    image.spec.builder.name = 'nowhere';
    const builder = { ...baseline('Builder'), apiVersion: 'kpack.io/v1alpha1' };
    const user = baseline('Image');
    user.metadata.name = 'user';
    const findings = validate([image, builder, user], {
      externalObjects: [{ kind: 'ServiceAccount', name: 'builder-sa', namespaceName: NS }, { kind: 'Secret', name: 'maven-settings', namespaceName: NS }],
    });
    expect(findings.map(f => `${f.name} ${f.rule}`)).toEqual(['app unchecked-version', 'builder unchecked-version']);
  });
});
