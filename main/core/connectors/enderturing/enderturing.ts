import type { Connector } from '../connector.ts';
import { allowMonoOption, baseUrlOption, httpConnectionOptions } from '../common-options.ts';
import { EnderTuringClient } from './client.ts';
import { enderTuringNameProblem } from './name-check.ts';
import { enderTuringMetadata } from './metadata-document.ts';

/** Ender Turing over its HTTP API (seeds 000 and 001, API-NOTES). */
export const enderTuring: Connector = {
  id: 'enderturing',
  label: 'Ender Turing',
  docsUrl: 'https://docs.enderturing.com/',
  summary:
    'Uploads to Ender Turing through its API, which reads the call details from the file name.',
  options: [
    baseUrlOption(
      'Your Ender Turing address: https://COMPANY.enderturing.com in the cloud, or your on-premises host.',
      'https://company.enderturing.com',
    ),
    {
      name: 'username',
      label: 'Username',
      type: 'string',
      required: true,
      help: 'The Ender Turing user that uploads calls, usually an e-mail address.',
      examples: ['uploader@company.com'],
    },
    {
      name: 'password',
      label: 'Password',
      type: 'string',
      secret: true,
      required: true,
      help: "That user's password. Kept in the system keychain.",
    },
    {
      name: 'language',
      label: 'Language',
      type: 'string',
      required: true,
      default: 'en',
      help: 'Language code of the calls, as Ender Turing names it (en, es, uk, …).',
      examples: ['en'],
    },
    {
      name: 'detailedRealtimeResults',
      label: 'Detailed real-time results',
      type: 'boolean',
      default: false,
      advanced: true,
      help: 'Ask Ender Turing for detailed real-time recognition results (its detailed_realtime_results parameter).',
    },
    {
      name: 'advancedLanguageIdentification',
      label: 'Advanced language identification',
      type: 'boolean',
      default: false,
      advanced: true,
      help: 'Let Ender Turing identify the language of each call (its advanced_language_identification parameter).',
    },
    {
      name: 'updateMetadata',
      label: 'Send call details as metadata',
      type: 'boolean',
      default: false,
      advanced: true,
      help:
        "After each upload, and when a recording's sidecar appears or changes, send its CRM details (CSI, NPS, CRM statuses, customer id, other sidecar fields) and any call details the file name lacks to the conversation. " +
        "CRM statuses are added to the conversation's own, never replacing them.",
    },
    allowMonoOption,
    ...httpConnectionOptions,
  ],
  // The upload itself carries the name alone; details go by PUT …/metadata when asked for.
  callDetails: (recording) => enderTuringMetadata(recording.metadata, recording.fileName),
  callDetailsVariants: [
    { label: 'by PUT /api/v1/sessions/{id}/metadata, with updateMetadata on', options: {} },
  ],
  capabilities: {
    formats: [{ container: 'wav' }, { container: 'mp3' }, { container: 'ogg', codecs: ['opus'] }],
    requiresStereo: true,
    lookup: true,
    metadataUpdate: true,
    statusPolling: false,
    heartbeat: false,
  },
  checkRecording: (recording) => {
    const problem = enderTuringNameProblem(recording.fileName);
    return problem ? [problem] : [];
  },
  allowsMono: (options) => options.allowMono === true,
  open: (context) => new EnderTuringClient(context),
};
