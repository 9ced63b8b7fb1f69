import type { Logger } from '../../src/core/logger.ts';

/** A logger that keeps every line, to assert that no message text, token or secret is logged. */
export interface RecordingLogger extends Logger {
  lines: { level: string; message: string; fields?: Record<string, unknown> }[];
  /** Everything logged, as one string. */
  dump(): string;
}

/** Creates a {@link RecordingLogger}. */
export function createRecordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, ...(fields ? { fields } : {}) });
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), dump: () => JSON.stringify(lines) };
}
