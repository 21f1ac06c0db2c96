// Type declarations of the airops package (Node.js binding of libairops).

export type Delivery = 'direct' | 'queued';
export type LogLevel = 'trace' | 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical';
export type EventType = 'chunk' | 'completed' | 'agent-response' | 'agent-action' | 'agent-action-error';
export type State = 'unknown' | 'queued' | 'pending' | 'running' | 'success' | 'error' | 'cancelled' | 'review_needed';
/** An app's inputs: an object written as JSON, or JSON text. */
export type Inputs = Record<string, unknown> | string | null;

export interface ClientOptions {
  /** The API host, e.g. 'https://app.airops.com' or 'http://127.0.0.1:8080'. */
  host?: string;
  /** An explicit realtime (Pusher protocol) WebSocket URL and key, as the dev server prints them. */
  realtime?: { url: string; key: string };
  /** Hosted Pusher. */
  pusher?: { key: string; cluster: string };
  /** Milliseconds for one HTTP request (default 30000). */
  requestTimeout?: number;
  /** Milliseconds a realtime subscription may wait for its confirmation (default 10000). */
  subscriptionTimeout?: number;
  /** How often a failed request is sent again (default 2). */
  maxRetries?: number;
  /** A PEM file of the certificate authorities to trust instead of the system's. */
  caFile?: string;
  /** How events reach JavaScript (default 'direct'). */
  delivery?: Delivery;
  /** Receives the client's log lines at logLevel and above (default 'info'). */
  onLog?: (level: LogLevel, message: string) => void;
  logLevel?: LogLevel;
  /** Apply AIROPS_HOST, AIROPS_PUSHER_KEY, AIROPS_REALTIME_URL, AIROPS_PUSHER_CLUSTER (default true). */
  loadEnvironment?: boolean;
  identity?: Identity;
}

export interface Identity {
  userId: string;
  workspaceId: string;
  hashedUserId: string;
}

export class AirOpsError extends Error {
  /** The airops_code's name, e.g. 'AIROPS_ERR_NOT_FOUND'. */
  code: string;
  codeNumber: number;
  /** The HTTP status behind the error, 0 when none. */
  httpStatus: number;
}

export class Result {
  readonly executionId: string;
  readonly status: string;
  readonly state: State;
  readonly output: string | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly json: string;
  readonly record: Record<string, unknown>;
}

export class Event {
  readonly type: EventType | 'unknown';
  readonly executionId: string;
  readonly json: string;
  readonly data: Record<string, unknown>;
  readonly content: string | null;
  readonly token: string | null;
  readonly streamFinished: boolean;
  readonly result: string | null;
  readonly tool: string | null;
  readonly toolInput: Record<string, unknown> | null;
  readonly toolError: string | null;
}

export class Execution implements AsyncIterable<Event>, Disposable {
  readonly id: string;
  readonly sessionId: string | null;
  readonly closed: boolean;
  fetch(): Promise<Result>;
  /** timeout in milliseconds; rejects with AIROPS_ERR_TIMEOUT when it passes first. */
  wait(options?: { timeout?: number }): Promise<Result>;
  cancel(): Promise<void>;
  events(): AsyncIterableIterator<Event>;
  [Symbol.asyncIterator](): AsyncIterableIterator<Event>;
  close(): void;
  [Symbol.dispose](): void;
}

export interface StreamOptions {
  version?: number;
  onEvent?: (event: Event) => void;
}

export class AirOps implements AsyncDisposable {
  /** A public client (public apps only), or one with options.identity. */
  constructor(options?: ClientOptions);
  static identify(options: Identity & ClientOptions): AirOps;
  readonly delivery: Delivery;
  readonly eventFd: number;
  readonly dispatching: boolean;
  readonly closed: boolean;
  getApp(appId: string): Promise<Record<string, unknown>>;
  execute(appId: string, inputs?: Inputs, options?: { version?: number }): Promise<Execution>;
  stream(appId: string, inputs?: Inputs, options?: StreamOptions): Promise<Execution>;
  chat(appId: string, message: string,
    options?: { inputs?: Inputs; sessionId?: string | null; onEvent?: (event: Event) => void }): Promise<Execution>;
  openExecution(executionId: string): Execution;
  dispatch(maxEvents?: number): number;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export function hashUserId(apiKey: string, userId: string): string;
export const version: string;
export const libraryPath: string;
