import { SimClock, MINUTE } from './clock';
import { Faults, type FaultConfig } from './faults';
import { DeferredEffects } from './actions/deferred';
import { EventLog } from './introspection';
import type { World } from './model/world';
import { generateScenario, type Scenario } from './scenario/generate';
import { OutcomeModel } from './scenario/outcomes';
import { applyOverrides, loadScenario, type ScaleOverrides } from './scenario/spec';
import { OAuthRegistry } from './oauth-clients';
import { ClientStore } from './taskcluster/clients';

export interface AppOptions {
  scenario: string;
  overrides: ScaleOverrides;
  pollIntervalMs: number;
  timeScale: number;
  /** Simulated "now" at start; defaults to the wall clock rounded down to the minute. */
  epochMs?: number;
  faults: Partial<FaultConfig>;
}

/** The state of one fake CI server: the scenario's world, faults, clients and the log of what was done. */
export class App {
  scenario!: Scenario;
  readonly faults: Faults;
  readonly log = new EventLog();
  readonly clients: ClientStore;
  /** Cached generated artifact bodies, by `<taskId>/<name>`. */
  readonly artifactCache = new Map<string, string>();
  /** Registered third-party OAuth2 clients and web-UI sessions. */
  readonly oauth = new OAuthRegistry();
  /** Action callbacks waiting for their action task to run. */
  readonly deferred = new DeferredEffects();

  constructor(readonly options: AppOptions) {
    this.load();
    this.faults = new Faults(this.scenario.spec.seed, options.faults);
    this.clients = new ClientStore(this.scenario.spec.seed);
  }

  get world(): World {
    return this.scenario.world;
  }

  now(): number {
    return this.scenario.world.now();
  }

  /** Carries out every deferred effect due by the simulated now (called before each request is answered). */
  settle(): void {
    this.deferred.runDue(this.now());
  }

  modelFor(repo: string): OutcomeModel {
    return this.scenario.models.get(repo) ?? new OutcomeModel(this.scenario.spec.seed);
  }

  /** Regenerates the scenario from scratch and forgets everything that was triggered. */
  reset(): void {
    this.load();
    this.deferred.clear();
    this.log.clear();
    this.artifactCache.clear();
    this.faults.reset();
    this.faults.set(this.options.faults);
  }

  private load(): void {
    const spec = applyOverrides(loadScenario(this.options.scenario), this.options.overrides);
    const epoch = this.options.epochMs ?? Math.floor(Date.now() / MINUTE) * MINUTE;
    this.scenario = generateScenario(this.options.scenario, spec, new SimClock(epoch, this.options.timeScale));
  }
}
