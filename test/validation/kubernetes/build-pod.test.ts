import { validateBuildEnv, validateBuildPodFields, validateVolumeCache } from '../../../src/validation/kubernetes';

describe('what kpack copies into build pods', () => {
  test('env names: the prefixed name under Kubernetes\' rule, and a file name for kpack', () => {
    expect(validateBuildEnv('spec.build.env', [{ name: 'BP_JVM_VERSION', value: '17' }, { name: '1abc' }])).toEqual([]);
    expect(validateBuildEnv('spec.build.env', [{ name: 'A=B' }, { name: 'a/b' }, { name: '..' }, { name: '' }]).map(p => p.path)).toEqual([
      'spec.build.env[0].name', 'spec.build.env[1].name', 'spec.build.env[2].name', 'spec.build.env[3].name',
    ]);
    expect(validateBuildEnv('env', [{ name: 'a/b' }])[0].message).toMatch(/kpack writes each variable to the file \/platform\/env\/<name>/);
  });

  test('an Image\'s spec.build: every field, and buildTimeout as the pod\'s deadline', () => {
    const problems = validateBuildPodFields('spec.build', {
      env: [{ name: 'A=B' }],
      resources: { requests: { cpu: '2' }, limits: { cpu: '1' } },
      tolerations: [{ key: 'k', operator: 'Equals' }],
      nodeSelector: { 'bad key!': 'x' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
      runtimeClassName: 'Kata',
      schedulerName: 'my-scheduler',
      buildTimeout: 0,
    }, { timeoutField: 'buildTimeout' });
    expect(problems.map(p => p.path)).toEqual([
      'spec.build.env[0].name',
      'spec.build.resources.requests.cpu',
      'spec.build.tolerations[0].operator',
      'spec.build.nodeSelector',
      'spec.build.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
      'spec.build.runtimeClassName',
      'spec.build.buildTimeout',
    ]);
  });

  test('a Build\'s priorityClassName and activeDeadlineSeconds', () => {
    expect(validateBuildPodFields('spec', { priorityClassName: 'Urgent', activeDeadlineSeconds: -5 }, { timeoutField: 'activeDeadlineSeconds' }).map(p => p.path))
      .toEqual(['spec.priorityClassName', 'spec.activeDeadlineSeconds']);
  });

  test('the volume cache: a size above zero, a valid StorageClass name', () => {
    expect(validateVolumeCache('spec.cache.volume', { size: '2G', storageClassName: 'fast-ssd' })).toEqual([]);
    expect(validateVolumeCache('spec.cache.volume', {})).toEqual([]); // no size: kpack creates no claim
    expect(validateVolumeCache('spec.cache.volume', { size: '0Ki', storageClassName: 'Fast SSD' }).map(p => p.message)).toEqual([
      'spec.cache.volume.size "0Ki" must be greater than zero',
      expect.stringMatching(/^spec\.cache\.volume\.storageClassName "Fast SSD" is not a valid StorageClass name/),
    ]);
  });
});
