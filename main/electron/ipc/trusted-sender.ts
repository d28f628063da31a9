/**
 * Which IPC messages come from our own window: its top frame, showing our app:// page. Messages
 * from any other page, frame or window are dropped (like GitHub Desktop's trusted-ipc-sender and
 * VS Code's sender-frame check). Pure: works on the shape of Electron's objects.
 */
import { isAppUrl } from '../protocol/app-url.ts';

/** The part of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: unknown;
}

/** The part of an IpcMainInvokeEvent the check reads. */
export interface SenderLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** The part of the window the check reads. */
export interface TrustedWindowLike {
  readonly webContents: { readonly id: number; readonly mainFrame: FrameLike };
}

/** Whether a message was sent by the main frame of our window while it shows an app:// page. */
export function isTrustedSender(event: SenderLike, window: TrustedWindowLike | null): boolean {
  const frame = event.senderFrame;
  if (!window || !frame) return false;
  const main = window.webContents.mainFrame;
  return (
    event.sender.id === window.webContents.id &&
    frame.parent === null &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId &&
    isAppUrl(frame.url)
  );
}
