import type { ConnectorDeclaration } from '../declaration.ts';
import { baseUrlOption } from '../common-options.ts';

/** Behavioral Signals' Oliver API (seed 004; v5 and the legacy form). */
export const behavioralSignals: ConnectorDeclaration = {
  id: 'behavioralsignals',
  label: 'Behavioral Signals',
  docsUrl: 'https://behavioralsignals.readme.io/',
  summary: 'Submits calls to the Oliver API for processing and follows their status.',
  options: [
    baseUrlOption(
      'Oliver API address.',
      'https://api.behavioralsignals.com/v5',
      'https://api.behavioralsignals.com/v5',
    ),
    {
      name: 'projectId',
      label: 'Project (client) id',
      type: 'string',
      required: true,
      help: 'The client id (cid) of your Oliver project.',
    },
    {
      name: 'token',
      label: 'API token',
      type: 'string',
      secret: true,
      required: true,
      help: 'The project token. Kept in the system keychain.',
    },
    {
      name: 'apiVersion',
      label: 'API version',
      type: 'enum',
      default: 'v5',
      advanced: true,
      choices: [
        { value: 'v5', label: 'v5 (current)' },
        { value: 'legacy', label: 'Legacy (query parameters)' },
      ],
      help: 'Use legacy only for an older Oliver deployment.',
    },
  ],
  capabilities: {
    formats: [
      { container: 'wav' },
      { container: 'mp3' },
      { container: 'ogg' },
      { container: 'mp4' },
    ],
    requiresStereo: false,
    lookup: false,
    metadataUpdate: false,
    statusPolling: true,
    heartbeat: false,
  },
};
