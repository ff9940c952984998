// Saving a file from the pane: a Blob and an <a download> click. No network involved.

import { HostGlobals, hostGlobals } from '../hosts/detect';
import { FILE_UNREADABLE, UNNAMED_DOWNLOAD } from '../app/pane-messages';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Characters Windows does not allow in file names become "_". */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
  return cleaned || UNNAMED_DOWNLOAD;
}

/**
 * Whether a blob download can reach the user here. Excel for Mac and iPad run the pane in WKWebView,
 * which ignores <a download> of a blob (nothing happens, no error): there we offer what works instead.
 */
export function canDownload(g: HostGlobals = hostGlobals()): boolean {
  try {
    const office = g.Office as { context?: { platform?: unknown; diagnostics?: { platform?: unknown } } } | undefined;
    const platform = String(office?.context?.platform ?? office?.context?.diagnostics?.platform ?? '');
    if (platform === 'Mac' || platform === 'iOS') return false;
    const wk = g.webkit as { messageHandlers?: unknown } | undefined;
    const nav = g.navigator as { userAgent?: string } | undefined;
    // WKWebView (not Safari itself, which has no webkit.messageHandlers for pages).
    if (wk && wk.messageHandlers && /Macintosh|iPad|iPhone/.test(nav?.userAgent ?? '')) return false;
    const a = (g.HTMLAnchorElement as { prototype?: object } | undefined)?.prototype;
    return !a || 'download' in a;
  } catch {
    return true;
  }
}

export function downloadBytes(bytes: Uint8Array, fileName: string, mime: string, doc: Document = document): void {
  const blob = new Blob([bytes as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = safeFileName(fileName);
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
}

/** A File's bytes (FileReader where Blob.arrayBuffer is missing: older Office web views). */
export function readFileBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error(FILE_UNREADABLE));
    reader.readAsArrayBuffer(file);
  });
}
