/**
 * Pod Security "restricted" for kpack's own pods, as Kubernetes' Pod Security admission (k8s.io/pod-security-admission
 * `policy`, v1.34) reads pod metadata: AppArmor annotations (every policy version) and the seccomp annotations (read
 * by policies before v1.19, and checked by the API server against the seccompProfile fields kpack's pods set). Every
 * other check of the profile reads the pod spec, which no option of the platform reaches except through these
 * annotations.
 */

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Why a value of a profile annotation is refused, or undefined when it keeps the pod "restricted". */
function appArmorProblem(value: string): string | undefined {
  if (value === 'runtime/default' || /^localhost\/\S+$/.test(value)) return undefined;
  return 'use "runtime/default" or "localhost/<profile>" (Pod Security "restricted", enforced on the kpack namespace, '
    + 'refuses other profiles such as "unconfined")';
}

function seccompProblem(value: string): string | undefined {
  if (value === 'runtime/default' || value === 'docker/default') return undefined;
  return 'kpack\'s pods set seccompProfile RuntimeDefault, which Pod Security "restricted" requires, and the API '
    + 'server refuses a pod whose annotation differs from it: only "runtime/default" (or "docker/default") is allowed';
}

/**
 * Refuses pod annotations that would weaken Pod Security "restricted": an AppArmor profile other than
 * `runtime/default` or `localhost/<profile>` (e.g. `unconfined`), one for a container the pod does not have (the API
 * server refuses it), and a seccomp profile other than the `RuntimeDefault` the pod sets.
 * @param option the option, e.g. `controller.podAnnotations`
 * @param containers the names of the pod's containers
 */
export function checkPodSecurityAnnotations(option: string, annotations: { [key: string]: string }, containers: string[]): void {
  for (const [key, value] of Object.entries(annotations)) {
    let problem: string | undefined;
    if (key.startsWith(APPARMOR_PREFIX)) {
      const container = key.slice(APPARMOR_PREFIX.length);
      problem = containers.includes(container) ? appArmorProblem(value)
        : `it names container ${JSON.stringify(container)}, which the pod does not have (its containers: `
          + `${containers.map(c => JSON.stringify(c)).join(', ')}), and the API server refuses that`;
    } else if (key === SECCOMP_POD || key.startsWith(SECCOMP_CONTAINER_PREFIX)) {
      problem = seccompProblem(value);
    }
    if (problem !== undefined) {
      throw new Error(`${option} sets ${JSON.stringify(key)} to ${JSON.stringify(value)}: ${problem}`);
    }
  }
}
