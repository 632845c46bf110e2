// The simulator's public surface. The generator can also be imported on its own from
// './dataset.generator', which pulls in no server code.
export {
  DEFAULT_AS_OF,
  countPeople,
  generateWondeDataset,
  hashWondeDataset,
} from './dataset.generator';
export type { GenerateWondeDatasetOptions, SchoolSpec } from './dataset.generator';
export type * from './dataset.types';
export { startWondeSimulator } from './wonde-simulator.server';
export type {
  SimulatedSchool,
  WondeSimulator,
  WondeSimulatorOptions,
} from './wonde-simulator.server';
export { SimControlError } from './sim-controls.service';
export type {
  AddContactInput,
  AddEmployeeInput,
  AddStudentInput,
  ContactLinkInput,
  RequestLogEntry,
  SchoolStatus,
  WondeSimControls,
} from './sim-controls.service';
export type { PersonPatch } from './person-patch.lib';
export { SCOPED_FIELDS } from './sim-state.store';
export type {
  AccessState,
  DeletionRecord,
  InitialAccess,
  PersonKind,
  ScopedField,
} from './sim-state.store';
export { FAULT_KINDS } from './fault-injector.lib';
export type { FaultKind, FaultRule, FaultSpec } from './fault-injector.lib';
export type { WebhookAttempt, WebhookDelivery, WondeWebhookPayload } from './webhook.sender';
export { DEFAULT_CLI_PORT, runWondeSimCli } from './wonde-sim.cli';
export type { CliIo } from './wonde-sim.cli';
export { createSeededRandom } from './seeded-random.lib';
export type { SeededRandom } from './seeded-random.lib';
