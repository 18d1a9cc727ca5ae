/**
 * `cdk8s-kpack descriptor FILE [--default-repository REPO] [--stack-id NAME=ID]... [--service-account NAME]
 * [--service-account-namespace NS]`: prints the manifests a kp dependency descriptor stands for, as YAML, for
 * migrating from `kp import` without writing code.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CliIo, EXIT_ERRORS, EXIT_INPUT, EXIT_OK } from './io';
import { KpDescriptor } from '../kp/kp-descriptor';
import { readFile } from '../manifests/source';

export const DESCRIPTOR_USAGE = `usage: cdk8s-kpack descriptor FILE [options]

Prints the kpack manifests (YAML) of a kp dependency descriptor (kp.kpack.io/v1alpha1, v1alpha3 or v1), as
\`kp import -f FILE\` would create them, offline: images are used as written (kp would relocate them).

options:
  --default-repository REPO        kp's default repository; builders are tagged REPO:clusterbuilder-<name>
  --stack-id NAME=ID               the stack id of the descriptor stack NAME (repeatable); needed unless its
                                   build image is a Paketo stack of the catalog
  --service-account NAME           the ServiceAccount of every serviceAccountRef (default: default)
  --service-account-namespace NS   its namespace (default: kpack)
  -h, --help                       this help
`;

export function descriptorCommand(args: string[], io: CliIo): number {
  let file: string | undefined;
  let repository: string | undefined;
  let saName: string | undefined;
  let saNamespace: string | undefined;
  const stackIds: { [name: string]: string } = {};
  const usage = (message: string) => {
    io.err(`cdk8s-kpack descriptor: ${message}\n\n${DESCRIPTOR_USAGE}`);
    return EXIT_INPUT;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    try {
      switch (flag) {
        case '-h':
        case '--help':
          io.out(DESCRIPTOR_USAGE);
          return EXIT_OK;
        case '--default-repository': repository = value(); break;
        case '--service-account': saName = value(); break;
        case '--service-account-namespace': saNamespace = value(); break;
        case '--stack-id': {
          const v = value();
          const eq = v.indexOf('=');
          if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--stack-id takes NAME=ID, got ${JSON.stringify(v)}`);
          stackIds[v.slice(0, eq)] = v.slice(eq + 1);
          break;
        }
        default:
          if (flag.startsWith('-')) throw new UsageError(`unknown option ${JSON.stringify(flag)}`);
          if (file !== undefined) throw new UsageError(`one descriptor file at a time, got ${JSON.stringify(file)} and ${JSON.stringify(arg)}`);
          file = arg;
      }
    } catch (e) {
      if (e instanceof UsageError) return usage(e.message);
      throw e;
    }
  }
  if (file === undefined) return usage('the descriptor FILE is missing');
  if (saNamespace !== undefined && saName === undefined) saName = 'default';

  try {
    const app = new App();
    const chart = new Chart(app, 'descriptor', { disableResourceNameHashes: true });
    const serviceAccount = saName === undefined ? undefined
      : kplus.ServiceAccount.fromServiceAccountName(chart, 'service-account', saName, { namespaceName: saNamespace ?? 'kpack' });
    // Read bounded, and never a FIFO or a device (KpDescriptor.fromFile would read whatever the path is).
    const read = readFile(file);
    if ('error' in read) throw new Error(`kp descriptor ${file}: ${read.error}`);
    new KpDescriptor(chart, 'kp', { content: read.bytes.toString('utf-8'), fileName: file, defaultRepository: repository, stackIds, serviceAccount });
    io.out(app.synthYaml());
    return EXIT_OK;
  } catch (e) {
    io.err(`cdk8s-kpack descriptor: ${(e as Error).message}\n`);
    return EXIT_ERRORS;
  }
}

class UsageError extends Error {}
