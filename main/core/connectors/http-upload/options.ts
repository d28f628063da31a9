import { httpConnectionOptions } from '../common-options.ts';
import type { OptionDeclaration } from '../declaration.ts';
import { API_KEY } from './placeholders.ts';
import { AUTH_MODES, UPLOAD_METHODS } from './upload-settings.ts';

const AUTH_LABELS: Readonly<Record<(typeof AUTH_MODES)[number], string>> = {
  none: 'None (or a key in a header)',
  basic: 'User name and password (Basic)',
  bearer: 'Fixed token (Bearer)',
  'oauth2-client-credentials': 'OAuth 2 client credentials',
};

/** The options of the generic HTTP connector, in the order the settings form shows them. */
export const HTTP_UPLOAD_OPTIONS: readonly OptionDeclaration[] = [
  {
    name: 'url',
    label: 'Upload address',
    type: 'url',
    placeholders: true,
    required: true,
    help: 'Where each recording is sent. Its path and query may hold placeholders such as {agentId}, filled in for each recording.',
    examples: ['https://api.example.com/v1/recordings?agent={agentId}'],
  },
  {
    name: 'method',
    label: 'Method',
    type: 'enum',
    default: 'POST',
    choices: UPLOAD_METHODS.map((value) => ({ value, label: value })),
    help: 'The HTTP method of the upload request.',
  },
  {
    name: 'fileField',
    label: 'File field',
    type: 'string',
    default: 'file',
    help: 'The multipart field that carries the recording, under its original file name and with its audio content type.',
  },
  {
    name: 'fields',
    label: 'Other fields',
    type: 'map',
    placeholders: true,
    help: 'More multipart fields, sent before the file: name → value, with placeholders. {metadataJson} gives all call details as one JSON object. A field that comes out empty is not sent.',
    examples: ['{ "agent": "{agentId}", "metadata": "{metadataJson}" }'],
  },
  {
    name: 'headers',
    label: 'Headers',
    type: 'map',
    placeholders: true,
    help: 'More request headers: name → value, with placeholders. A header that comes out empty is not sent.',
    examples: [`{ "X-Api-Key": "{secret:${API_KEY}}" }`],
  },
  {
    name: 'auth',
    label: 'Sign-in',
    type: 'enum',
    default: 'none',
    choices: AUTH_MODES.map((value) => ({ value, label: AUTH_LABELS[value] })),
    help: 'How the platform checks who is uploading: none, basic (username and password), bearer (a fixed token) or oauth2-client-credentials (a token from tokenUrl).',
  },
  {
    name: 'username',
    label: 'Username',
    type: 'string',
    help: 'With auth basic: the user name.',
  },
  {
    name: 'password',
    label: 'Password',
    type: 'string',
    secret: true,
    help: "With auth basic: the user's password. Kept in the system keychain.",
  },
  {
    name: 'token',
    label: 'Token',
    type: 'string',
    secret: true,
    help: 'With auth bearer: the token sent as "Authorization: Bearer …". Kept in the system keychain.',
  },
  {
    name: 'tokenUrl',
    label: 'Token address',
    type: 'url',
    help: 'With auth oauth2-client-credentials: where access tokens are issued.',
    examples: ['https://login.example.com/oauth2/token'],
  },
  {
    name: 'clientId',
    label: 'Client id',
    type: 'string',
    help: 'With auth oauth2-client-credentials: the client id.',
  },
  {
    name: 'clientSecret',
    label: 'Client secret',
    type: 'string',
    secret: true,
    help: 'With auth oauth2-client-credentials: the client secret. Kept in the system keychain.',
  },
  {
    name: 'scope',
    label: 'Scope',
    type: 'string',
    help: 'With auth oauth2-client-credentials: the scope to ask for, if the token server wants one.',
  },
  {
    name: 'tokenClientAuth',
    label: 'Client credentials sent',
    type: 'enum',
    default: 'basic',
    advanced: true,
    choices: [
      { value: 'basic', label: 'In an Authorization header (client_secret_basic)' },
      { value: 'post', label: 'In the form body (client_secret_post)' },
    ],
    help: 'With auth oauth2-client-credentials: how the client id and secret reach the token server.',
  },
  {
    name: API_KEY,
    label: 'API key',
    type: 'string',
    secret: true,
    help: `A key for any header, field or the address, written there as {secret:${API_KEY}}. Kept in the system keychain.`,
  },
  {
    name: 'responseIdPath',
    label: 'Id in the answer',
    type: 'string',
    help: "Where the platform's id for the recording is in its JSON answer. Left out, the answer's Location header is kept, if any.",
    examples: ['data.id'],
  },
  {
    name: 'acceptedStatuses',
    label: 'Success statuses',
    type: 'integer-list',
    min: 200,
    max: 399,
    advanced: true,
    help: 'The HTTP statuses that mean the platform took the recording. Left out, any 2xx status does.',
    examples: ['[200, 201]'],
  },
  ...httpConnectionOptions,
];
