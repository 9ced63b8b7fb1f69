import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/core/index.ts';
import { errorFields } from './check-reply.ts';

/**
 * A Bolt logger that forwards warnings and errors to the service logger without their content: Bolt's own
 * lines can carry request bodies (message text), so only the level and the names and codes of errors pass.
 * Debug and info lines are dropped.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.WARN;
  const forward = (write: Logger['warn'], message: string) => (...parts: unknown[]): void => {
    const error = parts.find((part) => part instanceof Error);
    write(message, error ? errorFields(error) : {});
  };
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: forward(logger.warn.bind(logger), 'slack: bolt warning'),
    error: forward(logger.error.bind(logger), 'slack: bolt error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
