// The ICWS simulator: plain Node, no `vscode` import. Runs as a CLI and from the extension.
export { IcwsSimulator, DEFAULT_FEATURES } from './IcwsSimulator';
export type { SimulatorOptions, SimulatorConfig } from './SimulatorOptions';
export { DEFAULT_DIRECTORY, type Directory, type SimUser, type SimWorkgroup } from './directory';
export { DEFAULT_TIMING, type CallCenterTiming } from './CallCenter';
export { type Scenario, type DemoTrafficOptions, seededRandom } from './DemoTraffic';
export { type FaultRequest } from './Faults';
export { type CapturedMessage, readCapture } from './replay/CaptureReplay';
export { loadScenario, ScenarioError } from './scenario/loadScenario';
export { type ScenarioDefinition, scenarioJsonSchema } from './scenario/scenarioSchema';
export { type ScenarioProgress, ScenarioRunner } from './scenario/ScenarioRunner';
