import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorFaults } from '../shared/fault-dice.ts';

/** The endpoints a fault can be aimed at. */
export type Endpoint = 'token' | 'upload';

/** How the receiver checks who is uploading. */
export type ReceiverAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | {
      readonly kind: 'oauth2';
      readonly clientId: string;
      readonly clientSecret: string;
      /** The scope a client must ask for; when left out, asking for any scope is refused. */
      readonly scope?: string;
      /** Where the client id and secret must be: an Authorization header, or the form body. */
      readonly clientAuthentication: 'basic' | 'post';
      /** The token lifetime announced (expires_in) and enforced; tokens live for ever when left out. */
      readonly tokenLifetimeSeconds?: number;
    };

/** What the receiver answers to an upload it took. */
export interface ReceiverAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A recording the receiver took, with everything that came with it. */
export interface StoredRecording {
  /** The id the receiver gave it. */
  readonly id: string;
  readonly method: string;
  /** The request path, percent-decoded. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The text fields, by name. */
  readonly fields: Readonly<Record<string, string>>;
  /** Each text field's declared content type (text/plain when it declared none). */
  readonly fieldTypes: Readonly<Record<string, string>>;
  /** Part names in the order they came. */
  readonly partOrder: readonly string[];
}

/** How a receiver is set up: the one request it takes, strictly. */
export interface ReceiverOptions {
  /** Default POST. */
  readonly method?: 'POST' | 'PUT' | 'PATCH';
  /** The upload path, percent-decoded; default /v1/recordings. */
  readonly path?: string;
  /** Query parameters that must come with exactly these values; others are refused. */
  readonly query?: Readonly<Record<string, string>>;
  /** Default none. */
  readonly auth?: ReceiverAuth;
  /** Where tokens are issued (auth oauth2); default /oauth/token. */
  readonly tokenPath?: string;
  /** Headers that must come with exactly these values (names in any case). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The file part's name; default file. */
  readonly fileField?: string;
  /** Text fields that must come. */
  readonly fields?: readonly string[];
  /** Text fields that may come. Any other field is refused. */
  readonly optionalFields?: readonly string[];
  /** Fields that must be sent as application/json and hold a JSON object. */
  readonly jsonFields?: readonly string[];
  /** The answer to an upload taken; default 201 `{ "data": { "id": … } }`. */
  readonly answer?: (stored: StoredRecording) => ReceiverAnswer;
  readonly faults?: EmulatorFaults<Endpoint>;
  /** Source of randomness for fault probabilities. */
  readonly random?: () => number;
}

/** The default answer: 201 Created with the id under data.id, and a Location. */
export function defaultAnswer(stored: StoredRecording): ReceiverAnswer {
  return {
    status: 201,
    body: { data: { id: stored.id, status: 'received' } },
    headers: { location: `/v1/recordings/${stored.id}` },
  };
}
