/** Service binding rules S-1..S-4 (`spec.services` of Build, `spec.build.services` of Image). */
import { Obj, show, str } from '../json';
import { kpack } from '../report';
import { element, invalid, missing } from './common';
import { RuleContext } from './context';

const SERVICE_NAME = /^[a-z0-9\-.]{1,253}$/;

export function checkServices(services: readonly unknown[], path: string, ctx: RuleContext): void {
  const seen = new Map<string, number>();
  services.forEach((value, i) => {
    const service: Obj | undefined = element(value);
    if (!service) return;
    const at = `${path}[${i}]`;
    const name = str(service, 'name');
    if (name !== undefined && name !== '') {
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        ctx.report.add('S-1', `${at}.name`, `${at}.name ${show(name)} is already the name of ${path}[${earlier}]: `
          + 'service names must be unique' + kpack(`duplicate service name ${show(name)}`));
      }
      seen.set(name, i);
      if (!SERVICE_NAME.test(name)) {
        invalid(ctx, 'S-3', `${at}.name`, name, 'must be 1 to 253 lower case letters, digits, "-" or "."');
      }
    } else if (name === '') {
      missing(ctx, 'S-2', `${at}.name`, 'the name of the Secret or service to bind');
    }
    if (str(service, 'kind') === '') {
      missing(ctx, 'S-4', `${at}.kind`, '"Secret", or the kind of a ProvisionedService');
    }
  });
}
