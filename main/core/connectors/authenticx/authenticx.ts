import type { Connector } from '../connector.ts';
import { baseUrlOption, httpConnectionOptions } from '../common-options.ts';
import { AuthenticxClient } from './client.ts';
import { MAX_BYTES } from './file-checks.ts';
import { mediaMetadata } from './metadata-document.ts';
import { authenticxSettings } from './settings.ts';

/** Authenticx Media/Upload with an OAuth2 client-credentials token (seed 003, API-NOTES). */
export const authenticx: Connector = {
  id: 'authenticx',
  label: 'Authenticx',
  docsUrl: 'https://api.beauthenticx.com/',
  summary: 'Uploads calls to Authenticx with agent, hierarchy and extended metadata.',
  options: [
    baseUrlOption(
      'Authenticx API address; https://api.authcx.com for staging.',
      'https://api.beauthenticx.com',
      'https://api.beauthenticx.com',
    ),
    {
      name: 'clientId',
      label: 'Client id',
      type: 'string',
      required: true,
      help: 'The OAuth client id Authenticx issued.',
    },
    {
      name: 'clientSecret',
      label: 'Client secret',
      type: 'string',
      secret: true,
      required: true,
      help: 'The OAuth client secret Authenticx issued with the client id. Kept in the system keychain.',
    },
    {
      name: 'localeId',
      label: 'Language',
      type: 'enum',
      default: '1033',
      choices: [
        { value: '1033', label: 'English (1033)' },
        { value: '2058', label: 'Spanish (2058)' },
      ],
      help: 'The language the calls are in, for transcription.',
    },
    {
      name: 'hierarchyCode',
      label: 'Hierarchy code',
      type: 'string',
      advanced: true,
      help: 'Your internal organisation code to file calls under.',
    },
    {
      name: 'hierarchyId',
      label: 'Hierarchy id',
      type: 'string',
      advanced: true,
      help: 'The Authenticx hierarchy id to file calls under, such as 00000000-0000-0000-0000-000000000002.',
    },
    {
      name: 'applyHierarchyToAgent',
      label: 'Apply hierarchy to agent',
      type: 'boolean',
      default: false,
      advanced: true,
      help: 'Also place the agent in that hierarchy (needs a hierarchy code or id).',
    },
    ...httpConnectionOptions,
  ],
  callDetails: (recording, options) => ({
    metadata: mediaMetadata(
      recording.fileName,
      recording.metadata,
      authenticxSettings({
        id: 'docs',
        connector: 'authenticx',
        allowInsecureHttp: false,
        options: { clientId: 'client', ...options },
      }),
    ),
  }),
  capabilities: {
    formats: [
      { container: 'wav' },
      { container: 'mp3' },
      { container: 'mp4' },
      { container: 'ogg' },
    ],
    requiresStereo: false,
    maxBytes: MAX_BYTES,
    lookup: false,
    metadataUpdate: false,
    statusPolling: false,
    heartbeat: false,
  },
  open: (context) => new AuthenticxClient(context),
};
