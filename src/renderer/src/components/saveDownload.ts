/**
 * Saves what the app built as a download: an object URL of a Blob, clicked
 * from a hidden link and revoked a minute later. Chromium saves it; Electron
 * asks where (the shell lets only the app's own Blob downloads through).
 */
export function saveDownload(content: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
