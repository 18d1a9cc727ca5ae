/** What the API server checks in `metadata` (before kpack sees the object), and scope mistakes. */
import { get, Obj, show, str } from '../json';
import { Report } from '../report';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkMetadata(doc: Obj, kind: string, clusterScoped: boolean, report: Report): void {
  const metadata = get(doc, 'metadata');
  const name = str(metadata, 'name');
  if (name === '') {
    // generateName works with `kubectl create` (Builds often use it); the server then picks the name.
    if (!str(metadata, 'generateName')) {
      report.add('metadata-name', 'metadata.name', `metadata.name is required: every ${kind} needs a name`);
    }
  } else if (name !== undefined && (name.length > 253 || !DNS_SUBDOMAIN.test(name))) {
    report.add('metadata-name', 'metadata.name', `metadata.name ${show(name)} is not a valid object name: use at most 253 `
      + 'lower case letters, digits, "-" and ".", starting and ending with a letter or digit');
  }
  const namespace = str(metadata, 'namespace');
  if (!namespace) return;
  if (clusterScoped) {
    report.add('cluster-scoped-namespace', 'metadata.namespace', `metadata.namespace ${show(namespace)} is ignored: `
      + `${kind} is cluster-scoped, remove the namespace`);
  } else if (namespace.length > 63 || !DNS_LABEL.test(namespace)) {
    report.add('metadata-namespace', 'metadata.namespace', `metadata.namespace ${show(namespace)} is not a valid namespace `
      + 'name: use at most 63 lower case letters, digits and "-", starting and ending with a letter or digit');
  }
}
