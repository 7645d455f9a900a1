import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '../config/config';

export type { Logger };

/** The gate's JSON logger: one object per line, stable keys. */
export function createLogger(logLevel: LogLevel): Logger {
  return new Logger({
    serviceName: 'presence-gate',
    logLevel,
    jsonReplacerFn: redactCredentials,
  });
}

/**
 * Keys that hold credentials wherever they appear in a log item: request
 * headers, the settings of a failed axios call, token answers, the secret.
 */
const credentialKeys = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'auth',
  'password',
  'access_token',
  'refresh_token',
  'clientsecret',
  'signingkey',
  'previoussigningkey',
  'callerkeys',
  'secretstring',
]);

const credentialInText = /\b(bearer|basic)\s+[\w.~+/=-]{16,}/gi;

/**
 * The last line of defence: the gate logs no credential on purpose, and
 * nothing it logs by mistake (an axios error with its request, a header
 * quoted in a message) gets one out either.
 */
export function redactCredentials(key: string, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (credentialKeys.has(key.toLowerCase())) return '[redacted]';
  if (typeof value === 'string') {
    return value.replace(credentialInText, '$1 [redacted]');
  }
  return value;
}
