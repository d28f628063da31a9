import type { Connector } from '../connector.ts';
import { allowMonoOption } from '../common-options.ts';
import { enderTuring } from '../enderturing/enderturing.ts';
import { EnderTuringSftpSession } from './sftp-session.ts';

/**
 * Ender Turing's SFTP drop (seed 000): the platform reads the call details from the file
 * name. Files are written under a hidden temporary name and renamed when whole.
 */
export const enderTuringSftp: Connector = {
  id: 'enderturing-sftp',
  label: 'Ender Turing (SFTP)',
  docsUrl: 'https://docs.enderturing.com/',
  summary:
    'Drops recordings on Ender Turing’s SFTP server, where the platform picks them up; a file appears under its name only once it is whole.',
  options: [
    {
      name: 'host',
      label: 'SFTP host',
      type: 'string',
      required: true,
      default: 'upload.enderturing.com',
      help: 'upload.enderturing.com in the cloud, or COMPANY.enderturing.com for dedicated and on-premises deployments.',
      examples: ['upload.enderturing.com'],
    },
    {
      name: 'port',
      label: 'Port',
      type: 'integer',
      default: 2022,
      min: 1,
      max: 65535,
      help: 'Ender Turing listens on 2022.',
    },
    {
      name: 'username',
      label: 'Username',
      type: 'string',
      required: true,
      help: 'Your Ender Turing login, or the SFTP user your support manager created.',
    },
    {
      name: 'password',
      label: 'Password',
      type: 'string',
      secret: true,
      help: 'The password of that user, kept in the system keychain. A password or a private key is needed.',
    },
    {
      name: 'privateKey',
      label: 'Private key',
      type: 'string',
      secret: true,
      advanced: true,
      help: 'An OpenSSH private key to log in with instead of a password. Kept in the system keychain.',
    },
    {
      name: 'remoteDir',
      label: 'Remote folder',
      type: 'string',
      default: '/',
      advanced: true,
      help: 'Where on the server to put recordings. The folder must exist and the user must be allowed to write into it.',
    },
    {
      name: 'hostFingerprint',
      label: 'Host key fingerprint',
      type: 'string',
      advanced: true,
      help: "The server's SHA256 host key fingerprint, as `ssh-keygen -l` prints it. Left empty, the key seen on the first connection is pinned and a changed key is refused.",
      examples: ['SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'],
    },
    {
      name: 'sshClient',
      label: 'SSH client',
      type: 'enum',
      default: 'auto',
      advanced: true,
      choices: [
        { value: 'auto', label: 'OpenSSH’s when installed and logging in by key, else built-in' },
        { value: 'openssh', label: 'OpenSSH’s ssh (key login)' },
        { value: 'builtin', label: 'Built-in' },
      ],
      help: 'What carries the connection. OpenSSH’s own ssh (Linux and macOS, 7.6 or later) encrypts in a process of its own, which takes that work off the service; the built-in client needs nothing installed and also logs in by password.',
    },
    allowMonoOption,
  ],
  capabilities: {
    formats: enderTuring.capabilities.formats,
    requiresStereo: true,
    lookup: true,
    metadataUpdate: false,
    statusPolling: false,
    heartbeat: false,
  },
  details: [
    'Each upload running at once has a connection of its own (at most four), kept between uploads and closed after a minute without one.',
    'With a key login and OpenSSH’s `ssh` installed (Linux and macOS), the connection goes through `ssh`, run with no configuration file of the user’s: the key reaches it through an agent the service serves for the length of the login, never a file on disk, and the service checks the server’s key (pinned, or `hostFingerprint`) before that agent signs anything. Set `sshClient` to `builtin` to keep everything inside the service.',
  ],
  ...(enderTuring.checkRecording ? { checkRecording: enderTuring.checkRecording } : {}),
  allowsMono: (options) => options.allowMono === true,
  open: (context) => new EnderTuringSftpSession(context),
};
