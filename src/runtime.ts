import { loadConfig } from './config/config';
import { Gate } from './gate';
import { createLogger } from './observability/logger';
import { GateMetrics } from './observability/metrics';

let gate: Gate | undefined;

/**
 * The container's gate, built from the environment on first use. A
 * configuration error is thrown again on every call, never half-kept.
 */
export function gateFromEnvironment(): Gate {
  gate ??= new Gate(loadConfig());
  return gate;
}

/** Logs what cannot wait for a gate, such as a configuration error. */
export const bootLogger = createLogger('INFO');

/** Counts a gate that cannot even be built. */
export const bootMetrics = new GateMetrics();
