// The app of the plugin check (cdk8s.yaml): the objects of fixtures/errors.yaml through Include, which cdk8s-cli's
// `cdk8s synth` then checks with the package's validation plugin (KpackValidation), loaded in the cli's own process.
const path = require('path');
const { App, Chart, Include } = require('cdk8s');

const app = new App();
new Include(new Chart(app, 'included'), 'kpack', { url: path.join(__dirname, 'fixtures', 'errors.yaml') });
app.synth();
