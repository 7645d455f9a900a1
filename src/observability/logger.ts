import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '../config/config';

export type { Logger };

/** The gate's JSON logger: one object per line, stable keys. */
export function createLogger(logLevel: LogLevel): Logger {
  return new Logger({ serviceName: 'presence-gate', logLevel });
}
