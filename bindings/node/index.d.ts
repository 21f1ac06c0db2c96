// Type declarations of the airops package (Node.js binding of libairops).

export type Delivery = 'direct' | 'queued';
export type LogLevel = 'trace' | 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical';
export type EventType = 'chunk' | 'completed' | 'agent-response' | 'agent-action' | 'agent-action-error';
export type State = 'unknown' | 'queued' | 'pending' | 'running' | 'success' | 'error' | 'cancelled' | 'review_needed';
/** What a client does with an HTTP redirect (airops_redirects). */
export type FollowRedirects = 'never' | 'same-origin';
/** The names of the library's error codes (airops_code). */
export type ErrorCode = 'AIROPS_ERR_INVALID_ARGUMENT' | 'AIROPS_ERR_UNAUTHORIZED' | 'AIROPS_ERR_NOT_FOUND' |
  'AIROPS_ERR_BAD_REQUEST' | 'AIROPS_ERR_RATE_LIMITED' | 'AIROPS_ERR_SERVER' | 'AIROPS_ERR_NETWORK' |
  'AIROPS_ERR_TIMEOUT' | 'AIROPS_ERR_PROTOCOL' | 'AIROPS_ERR_INTERNAL' | 'AIROPS_ERR_REDIRECT';
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
  /**
   * How many events of one streamed execution may wait for its listener, and with queued
   * delivery how many callbacks may wait for a dispatch (default 10000; 1 to 10000000; a
   * negative count is a RangeError). A listener that falls further behind gets, instead of the
   * rest of the stream, one 'completed' event whose errorCode is 'events_overflowed'.
   */
  maxBufferedEvents?: number;
  /** How often a failed request is sent again (default 2). */
  maxRetries?: number;
  /** A PEM file of the certificate authorities to trust instead of the system's. */
  caFile?: string;
  /**
   * Sends every connection (API calls and the realtime WebSocket) through this HTTP proxy,
   * 'http://[user:password@]host[:port]' (port 80 when omitted), overriding HTTPS_PROXY,
   * HTTP_PROXY and ALL_PROXY. Each connection is a CONNECT tunnel to the target, with TLS inside
   * it for https:// and wss://, so the proxy never sees a request or the identity headers.
   * Credentials are sent as Proxy-Authorization: Basic and never appear in a log or an error.
   * '' connects directly, whatever the environment says. A proxy that refuses the tunnel (or
   * wants credentials) fails the call with AIROPS_ERR_NETWORK and a message that names the proxy
   * and says "refused the tunnel" (with the proxy's status where known: 407 always).
   * Anything other than an http:// URL with a host, no path and a valid port is AIROPS_ERR_INVALID_ARGUMENT.
   */
  proxy?: string;
  /**
   * The hosts reached without the proxy, overriding NO_PROXY: a comma-separated list of host
   * names, domain suffixes ('.example.com' and 'example.com' both match the domain and its
   * subdomains), IP addresses and CIDR ranges ('10.0.0.0/8', '::1/128'), each optionally with
   * ':port'; '*' matches every host, '' proxies every host. Loopback hosts are proxied too
   * unless the list names them, as in libcurl. Another form is AIROPS_ERR_INVALID_ARGUMENT.
   */
  noProxy?: string;
  /**
   * What the client does with an HTTP redirect (default 'never'). 'never': a 3xx answer is an
   * AIROPS_ERR_REDIRECT error, its status in httpStatus and its target in the message.
   * 'same-origin': redirects to the same scheme, host and port are followed, up to 5 in a row;
   * any other target fails as with 'never', so the identity and the body never reach another
   * origin and https is never downgraded. 307 and 308 repeat the method and body; 303, and
   * 301/302 after a POST, continue with a GET.
   */
  followRedirects?: FollowRedirects;
  /**
   * Allows an identified client to talk plain http:// to a host that is not loopback (default
   * false: creating such a client fails with AIROPS_ERR_INVALID_ARGUMENT, since the hashed user
   * id is a credential). Loopback hosts (127.0.0.0/8, ::1, 'localhost') need no opt-in. A ws://
   * realtime URL next to an https:// host is refused whatever this says.
   */
  allowInsecureHttp?: boolean;
  /** How events reach JavaScript (default 'direct'). */
  delivery?: Delivery;
  /** Receives the client's log lines at logLevel and above (default 'info'). */
  onLog?: (level: LogLevel, message: string) => void;
  logLevel?: LogLevel;
  /**
   * Apply AIROPS_HOST, AIROPS_PUSHER_KEY, AIROPS_REALTIME_URL, AIROPS_PUSHER_CLUSTER and the
   * proxy variables https_proxy/HTTPS_PROXY, http_proxy/HTTP_PROXY, all_proxy/ALL_PROXY and
   * no_proxy/NO_PROXY (default true). proxy and noProxy override the proxy variables.
   */
  loadEnvironment?: boolean;
  identity?: Identity;
}

export interface Identity {
  userId: string;
  workspaceId: string;
  hashedUserId: string;
}

export class AirOpsError extends Error {
  /**
   * The airops_code's name, e.g. 'AIROPS_ERR_NOT_FOUND'; 'AIROPS_ERR_REDIRECT' for a 3xx that
   * followRedirects does not follow (the status in httpStatus, the target in the message).
   */
  code: ErrorCode;
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
  /** completed: null unless the library ended the stream, e.g. 'events_overflowed'. */
  readonly errorCode: string | null;
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
