// Builds the Host for where the pane runs. Adapters are imported lazily so each build only pulls in
// what it uses (the WPS build never loads office.js code paths; exceljs loads only in standalone mode).

import { detectHost, DetectedHost, wpsApplication } from './detect';
import { Host } from './host';

export async function createHostFor(kind: DetectedHost): Promise<Host | null> {
  if (kind === 'wps') {
    const m = await import('./wps');
    return m.createWpsHost(wpsApplication());
  }
  if (kind === 'office') {
    const m = await import('./excel');
    return m.createExcelHost();
  }
  // Standalone: the host exists once the user opens a file (src/hosts/file/browser.ts).
  return null;
}

export { detectHost };
