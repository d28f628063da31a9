import type { ConnectorDeclaration } from '../declaration.ts';
import { baseUrlOption } from '../common-options.ts';

/** Authenticx Media/Upload (seed 003). */
export const authenticx: ConnectorDeclaration = {
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
      help: 'Kept in the system keychain.',
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
      help: 'The language of the calls.',
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
      help: 'The Authenticx hierarchy id to file calls under.',
    },
    {
      name: 'applyHierarchyToAgent',
      label: 'Apply hierarchy to agent',
      type: 'boolean',
      default: false,
      advanced: true,
      help: 'Also place the agent in that hierarchy.',
    },
  ],
  capabilities: {
    formats: [
      { container: 'wav' },
      { container: 'mp3' },
      { container: 'mp4' },
      { container: 'ogg' },
    ],
    requiresStereo: false,
    maxBytes: 2_500_000_000,
    lookup: false,
    metadataUpdate: false,
    statusPolling: false,
    heartbeat: false,
  },
};
