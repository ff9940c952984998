// Finds references that reach outside the repository in source, test, script and config text: the
// schema folder that used to sit beside the clone, machine-specific absolute paths, the old schema
// variable, and relative paths ('../…', path.join(__dirname or ROOT, '..', …)) that climb above the
// repository root.
// Installed programs are not the repository's business: the browsers the browser tests may drive
// (/usr/bin, Chrome and Edge where playwright-core looks for them) are allowed.
import * as path from 'path';

export interface Outside {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Programs installed on the machine, which tests may run (a system Chromium, a PATH value). */
const ALLOWED_ABSOLUTE =
  /^(?:\/usr\/bin(?:\/[\w.-]*)?(?::\/bin)?|\/opt\/(?:google|microsoft)\/[\w/.-]+|\/Applications\/[\w .]+\.app\/Contents\/MacOS\/[\w .]+)$/;
const ABSOLUTE = /^(?:\/(?:usr|home|work|tmp|opt|mnt|var|etc|srv|root|Users|Applications|Volumes)(?:\/|$)|[A-Za-z]:[\\/])/;
const STRING = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.|\$(?!\{))*)`/g;
/** The shared folder beside the clone, the old schema variable, this workplace's root (in pieces, so this file passes). */
const BESIDE = new RegExp(['office-manifest-sch' + 'emas', 'OFFICE_MANIFEST_' + 'SCHEMAS', '\\/wo' + 'rk\\/'].join('|'), 'g');
/** Folders tsc compiles to lib/<same path>: their scripts run one level deeper. */
const BUILT = /^(?:src|bench|examples)[\\/]/;
const JOIN = /path\.(?:join|resolve)\(\s*(__dirname|ROOT|REPO_ROOT)((?:\s*,\s*(?:'[^'\n]*'|"[^"\n]*"))*)\s*[,)]/g;

/** Whether `target` (absolute) lies inside `root`. */
function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The references in `text` (the contents of `file`, a path relative to `root`) that reach outside `root`.
 * Works on the text alone, so it can be tried on samples.
 */
export function findOutside(text: string, file: string, root: string): Outside[] {
  const found: Outside[] = [];
  const dir = path.dirname(path.resolve(root, file));
  const dirs = BUILT.test(file) ? [dir, path.join(root, 'lib', path.relative(root, dir))] : [dir];
  const within = (...parts: string[]) => dirs.some((d) => inside(root, path.resolve(d, ...parts)));
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const add = (index: number, snippet: string, why: string) => found.push({ file, line: lineOf(index), text: snippet, why });

  for (const m of text.matchAll(BESIDE)) {
    add(m.index ?? 0, m[0], 'names a folder beside the repository or on one machine');
  }
  for (const m of text.matchAll(STRING)) {
    const value = m[1] ?? m[2] ?? m[3] ?? '';
    const index = m.index ?? 0;
    if (ABSOLUTE.test(value) && !ALLOWED_ABSOLUTE.test(value)) add(index, value, 'absolute path');
    else if (/^\.\.?(?:[\\/]|$)/.test(value) && !within(value)) add(index, value, 'relative path above the repository root');
  }
  for (const m of text.matchAll(JOIN)) {
    const parts = [...m[2].matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map((p) => p[1] ?? p[2]);
    const ok = m[1] === '__dirname' ? within(...parts) : inside(root, path.resolve(root, ...parts));
    if (!ok) add(m.index ?? 0, m[0], 'path.join(…) above the repository root');
  }
  return found;
}
