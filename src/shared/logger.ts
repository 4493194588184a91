/** Where core code sends what it has to say; the CLI prints it, the action routes it to @actions/core. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  /** Something is lost unless the user acts (a failed rollback); loggers without it get `warn`. */
  error?(message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** A progress report from a long operation; the adapter decides how to draw it. */
export interface Progress {
  phase: 'scan' | 'backup' | 'verify' | 'restore' | 'fetch';
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export type ProgressCallback = (progress: Progress) => void;
