// Copying the narrative as plain text AND HTML (so it keeps the 公文 look when pasted into Word/WPS).
//
// Excel on the web runs the pane in an iframe where navigator.clipboard is blocked by permissions
// policy, so the copy happens synchronously inside the click handler: a one-time 'copy' listener fills
// the event's clipboardData, and document.execCommand('copy') fires it (a selected off-screen textarea
// makes browsers that need a selection fire the event too). navigator.clipboard is only the fallback.

export type CopyOutcome = 'copied' | 'failed';

/** Synchronous copy through a 'copy' event. Must be called inside a user gesture (click/keypress). */
export function copyViaExecCommand(text: string, html: string, doc: Document = document): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  let filled = false;
  const onCopy = (e: ClipboardEvent) => {
    const data = e.clipboardData;
    if (!data) return;
    data.setData('text/plain', text);
    data.setData('text/html', html);
    e.preventDefault();
    filled = true;
  };
  const previous = doc.activeElement as HTMLElement | null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.tabIndex = -1;
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '-9999px';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  doc.addEventListener('copy', onCopy, true);
  let ok = false;
  try {
    area.select();
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  } finally {
    doc.removeEventListener('copy', onCopy, true);
    area.remove();
    if (previous && typeof previous.focus === 'function') previous.focus();
  }
  return ok && filled;
}

/** Async fallback: the async Clipboard API (works where permissions allow it). */
export async function copyViaClipboardApi(text: string, html: string): Promise<boolean> {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  const clip = nav && nav.clipboard;
  if (!clip) return false;
  try {
    const Item = (globalThis as { ClipboardItem?: typeof ClipboardItem }).ClipboardItem;
    if (Item && typeof clip.write === 'function') {
      await clip.write([
        new Item({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
      return true;
    }
  } catch {
    // fall through to plain text
  }
  try {
    if (typeof clip.writeText === 'function') {
      await clip.writeText(text);
      return true;
    }
  } catch {
    // blocked
  }
  return false;
}

/**
 * Copies text and HTML. The synchronous path runs before the first await, so it stays inside the
 * click's user activation; the promise only settles the outcome of the fallback.
 */
export function copyRich(text: string, html: string): Promise<CopyOutcome> {
  if (copyViaExecCommand(text, html)) return Promise.resolve('copied');
  return copyViaClipboardApi(text, html).then((ok) => (ok ? 'copied' : 'failed'));
}
