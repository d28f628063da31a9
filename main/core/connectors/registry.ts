import type { Connector } from './connector.ts';
import type { ConnectorDeclaration } from './declaration.ts';
import { authenticx } from './authenticx/authenticx.ts';
import { behavioralSignals } from './behavioralsignals/behavioralsignals.ts';
import { enderTuring } from './enderturing/enderturing.ts';
import { enderTuringSftp } from './enderturing-sftp/enderturing-sftp.ts';
import { httpUpload } from './http-upload/http-upload.ts';
import { tethr } from './tethr/tethr.ts';

/** Every destination Call Courier can deliver to, in the order the UI lists them. */
export const CONNECTORS: readonly ConnectorDeclaration[] = [
  enderTuring,
  enderTuringSftp,
  tethr,
  authenticx,
  behavioralSignals,
  httpUpload,
];

/** The declaration of a connector id, or undefined. */
export function findConnector(id: string): ConnectorDeclaration | undefined {
  return CONNECTORS.find((c) => c.id === id);
}

/** The connector of an id if it can already upload, or undefined. */
export function findUploader(id: string): Connector | undefined {
  const connector = findConnector(id);
  return connector && 'open' in connector ? (connector as Connector) : undefined;
}
