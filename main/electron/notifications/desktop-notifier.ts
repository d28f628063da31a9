/** Electron glue: shows a notice as a native notification whose click opens the view it names. */
import { Notification } from 'electron';
import type { DesktopView } from '../../../preload/desktop-api.ts';
import type { Notice } from './notice-text.ts';

/** Shows notices; keeps each notification referenced until it is gone, so its click still arrives. */
export class DesktopNotifier {
  readonly #open: (view: DesktopView) => void;
  readonly #shown = new Set<Notification>();

  constructor(open: (view: DesktopView) => void) {
    this.#open = open;
  }

  /** Shows one notice (nothing where the system has no notifications). */
  show(notice: Notice): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: notice.title, body: notice.body });
    const forget = (): void => {
      this.#shown.delete(notification);
    };
    notification.on('click', () => {
      forget();
      this.#open(notice.view);
    });
    notification.on('close', forget);
    this.#shown.add(notification);
    notification.show();
  }
}
