/**
 * `npm run synth`: synthesizes every example app into its own folder under dist/ (dist/<example>/*.k8s.yaml).
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { EXAMPLES } from './index';

for (const [name, build] of Object.entries(EXAMPLES)) {
  const app = new App({ outdir: path.join(__dirname, '..', 'dist', name) });
  build(app);
  app.synth();
  console.log(`synthesized ${name} -> dist/${name}/`);
}
