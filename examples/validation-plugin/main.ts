/**
 * The app of the validation-plugin example: the getting-started chart, plus kpack YAML written with kp and
 * included as it is. `cdk8s synth` in this folder runs it, then the KpackValidation plugin over the output.
 */
import * as path from 'path';
import { App, Include } from 'cdk8s';
import { GettingStartedChart } from '../getting-started';

const app = new App();
const chart = new GettingStartedChart(app, 'getting-started');
new Include(chart, 'kp-builders', { url: path.join(__dirname, 'kp-builders.yaml') });
app.synth();
