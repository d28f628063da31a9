/** The diagnostics bundle as the window receives it: a .zip and the name to save it as. */
export interface DiagnosticsFile {
  readonly fileName: string;
  readonly blob: Blob;
}

/** A client that can fetch the diagnostics bundle (the HTTP transport; not the contract). */
export interface DiagnosticsAbility {
  readonly diagnostics?: () => Promise<DiagnosticsFile>;
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header, or a plain default. */
export function attachmentName(header: string | null): string {
  const name = /filename="([^"]+)"/.exec(header ?? '')?.[1];
  return name ?? 'call-courier-diagnostics.zip';
}

/** Hands a file to the browser to save, as a download under its name. */
export function saveFile(file: DiagnosticsFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the link; the object URL is released a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
