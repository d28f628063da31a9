/** Structured log lines; the service writes them as JSON lines with secrets redacted. */
export interface Logger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** A logger that drops everything, for callers that do not care. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
