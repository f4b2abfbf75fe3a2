/**
 * `npm run fake-ci -- --scenario <name> [--ui model|treeherder] [--port N] [--poll ms] [--time-scale x] [--seed n] [--pushes n]
 *  [--jobs-per-push n] [--platforms n] [--latency ms] [--error-rate x] [--timeout-rate x]
 *  [--malformed-rate x] [--schema-drift] [--expired-credentials] [--missing-scopes]`
 * Prints the URLs and stays up until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import type { FaultConfig } from './faults';
import { NetworkModel, parseNetworkModel } from './network-model';
import { scenarioNames } from './scenario/spec';
import { startFakeCi, type FakeCiOptions } from './server';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'default' },
    ui: { type: 'string', default: 'model' },
    port: { type: 'string', default: '8045' },
    poll: { type: 'string' },
    'time-scale': { type: 'string', default: '30' },
    seed: { type: 'string' },
    pushes: { type: 'string' },
    'jobs-per-push': { type: 'string' },
    platforms: { type: 'string' },
    latency: { type: 'string' },
    'error-rate': { type: 'string' },
    'timeout-rate': { type: 'string' },
    'malformed-rate': { type: 'string' },
    'schema-drift': { type: 'boolean' },
    'expired-credentials': { type: 'boolean' },
    'missing-scopes': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(`Usage: npm run fake-ci -- --scenario <${scenarioNames().join('|')}> [--ui model|treeherder] [--port 8045] [--poll ms] [--time-scale 30]
  jobs page: --ui model (default) is the fake's model of Treeherder; --ui treeherder serves Treeherder's real
             build from ../shared/treeherder-ui/build (open Bugzilla and Lando in the browser are not answered)
  scale:  --seed n --pushes n --jobs-per-push n (≤ 5000) --platforms n
  network: --latency treeherder=150±30,taskcluster=100,taskcluster-redirect=80,artifact=40,hg=120,bandwidth=8MB
  faults: --latency ms --error-rate x --timeout-rate x --malformed-rate x --schema-drift --expired-credentials --missing-scopes`);
  process.exit(0);
}

if (values.ui !== 'model' && values.ui !== 'treeherder') {
  console.error(`--ui must be model or treeherder, not "${values.ui}".`);
  process.exit(2);
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const faults: Partial<FaultConfig> = {};
// `--latency 200` delays every API answer (a fault); `--latency treeherder=150±30,taskcluster-redirect=80,…` is
// a production-like network model (network-model.ts).
const network =
  values.latency !== undefined && !/^\d+(\.\d+)?$/.test(values.latency)
    ? new NetworkModel(parseNetworkModel(values.latency))
    : undefined;
if (values.latency !== undefined && !network) faults.latencyMs = Number(values.latency);
if (values['error-rate'] !== undefined) faults.errorRate = Number(values['error-rate']);
if (values['timeout-rate'] !== undefined) faults.timeoutRate = Number(values['timeout-rate']);
if (values['malformed-rate'] !== undefined) faults.malformedRate = Number(values['malformed-rate']);
if (values['schema-drift']) faults.schemaDrift = true;
if (values['expired-credentials']) faults.expiredCredentials = true;
if (values['missing-scopes']) faults.missingScopes = true;

const options: FakeCiOptions = {
  scenario: values.scenario,
  ui: values.ui,
  port: Number(values.port),
  timeScale: Number(values['time-scale']),
  faults,
  ...(network ? { network } : {}),
};
const extra: Array<[keyof FakeCiOptions, number | undefined]> = [
  ['pollIntervalMs', num(values.poll)],
  ['seed', num(values.seed)],
  ['pushes', num(values.pushes)],
  ['jobsPerPush', num(values['jobs-per-push'])],
  ['platforms', num(values.platforms)],
];
for (const [key, value] of extra) if (value !== undefined) Object.assign(options, { [key]: value });

let fake: Awaited<ReturnType<typeof startFakeCi>>;
try {
  fake = await startFakeCi(options);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const repo = fake.truth.repo;
const path = repo === 'autoland' ? 'integration/autoland' : repo;
console.log(`Fake Firefox CI — scenario "${values.scenario}" (seed ${fake.truth.seed}), simulated time ×${options.timeScale}
  jobs page         ${fake.url}/jobs?repo=${repo}  (${fake.ui === 'treeherder' ? "Treeherder's real build" : 'the modelled page'})
  Treeherder API    ${fake.url}/api/  (e.g. ${fake.url}/api/project/${repo}/push/)
  Taskcluster root  ${fake.url}  (queue ${fake.url}/api/queue/v1/, hooks ${fake.url}/api/hooks/v1/)
  pushlog           ${fake.url}/${path}/json-pushes?version=2
  state / truth     ${fake.url}/__fake/state   ${fake.url}/__fake/truth
  sheriff client    ${fake.credentials.clientId}
  access token      ${fake.credentials.accessToken}
Ctrl-C to stop.`);

const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
