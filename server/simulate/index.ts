/** The simulator's public surface (the CLI's `simulate` command and the server's demo use these). */
export { simulateFloor, simulatePlan, DEFAULT_AGENTS, type SimulateOptions, type SimulatedPlan } from './simulate.js';
export { leadAccount, MIN_DURATION_FOR_CHANGE_MS } from './shift-plan.js';
export { runSimulation, abortableSleep, DEFAULT_BATCH_SIZE, type RunSimulationOptions, type RunReport, type SimulationOutput } from './run.js';
export { createLiveSimulation, type LiveSimulation, type LiveSimulationOptions } from './live.js';
export { startDemoFeed, type DemoFeedOptions } from './demo-feed.js';
export { BREACHABLE_RULES, BREACH_OPPORTUNITIES, DEFAULT_BREACH_RATE, parseBreachRate, type SimulatedBreach } from './breaches.js';
export { DeliveryError, type IngestCounts, type RetryPolicy } from './delivery.js';
export { DEFAULT_QUEUES } from './demand.js';
export type { SimEvent } from './sim-event.js';
