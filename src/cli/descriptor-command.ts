/**
 * `cdk8s-kpack descriptor FILE [--default-repository REPO] [--stack-id NAME=ID]... [--service-account NAME]
 * [--service-account-namespace NS]`: prints the manifests a kp dependency descriptor stands for, as YAML, for
 * migrating from `kp import` without writing code.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Command, OptionsSpec, readCommandLine, usageError, UsageError } from './args';
import { CliIo, EXIT_ERRORS, EXIT_OK } from './io';
import { KpDescriptor } from '../kp/kp-descriptor';
import { readFile } from '../manifests/source';
import { KPACK_NAMESPACE } from '../validation/kinds';

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

const OPTIONS: OptionsSpec = {
  'default-repository': { type: 'string' },
  'stack-id': { type: 'string', multiple: true },
  'service-account': { type: 'string' },
  'service-account-namespace': { type: 'string' },
  'help': { type: 'boolean', short: 'h' },
};

const DESCRIPTOR: Command = { name: 'descriptor', usage: DESCRIPTOR_USAGE };

export function descriptorCommand(args: string[], io: CliIo): number {
  const usage = (message: string) => usageError(DESCRIPTOR, io, message);
  const command = readCommandLine(DESCRIPTOR, args, OPTIONS, io, l => {
    const stackIds: { [name: string]: string } = {};
    for (const v of l.list('stack-id')) {
      const eq = v.indexOf('=');
      if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--stack-id takes NAME=ID, got ${JSON.stringify(v)}`);
      stackIds[v.slice(0, eq)] = v.slice(eq + 1);
    }
    return stackIds;
  });
  if (typeof command === 'number') return command;
  const { line, value: stackIds } = command;
  if (line.positionals.length > 1) {
    return usage(`one descriptor file at a time, got ${line.positionals.map(p => JSON.stringify(p)).join(' and ')}`);
  }
  const file = line.positionals[0];
  if (file === undefined) return usage('the descriptor FILE is missing');
  const repository = line.string('default-repository');
  let saName = line.string('service-account');
  const saNamespace = line.string('service-account-namespace');
  if (saNamespace !== undefined && saName === undefined) saName = 'default';

  try {
    const app = new App();
    const chart = new Chart(app, 'descriptor', { disableResourceNameHashes: true });
    const serviceAccount = saName === undefined ? undefined
      : kplus.ServiceAccount.fromServiceAccountName(chart, 'service-account', saName, { namespaceName: saNamespace ?? KPACK_NAMESPACE });
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

