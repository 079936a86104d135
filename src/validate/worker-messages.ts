import type { FileReport } from './file-report.js';

/** What each worker gets at start: enough to load the same schema registry. */
export interface WorkerSetup {
  schemas: string[];
  cwd: string;
  strict: boolean;
  event?: string;
  maxErrors: number;
}

export interface WorkerJob {
  id: number;
  files: Array<{ file: string; path: string }>;
}

export type WorkerReply =
  | { id: number; reports: FileReport[] }
  | { id: number; failure: { message: string; hint?: string; exitCode: 0 | 1 | 2 } };
