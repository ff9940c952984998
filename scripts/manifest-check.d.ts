// Types for scripts/manifest-check.js (CommonJS), so TypeScript tests can import it.

export interface Problem {
  rule: 'root' | 'resid' | 'ids' | 'urls' | 'locales' | 'icons' | 'commands' | 'files' | string;
  message: string;
  line?: number;
}

export interface UrlRef {
  where: string;
  url: string;
  line: number;
  kind: 'url' | 'domain';
  resid?: string;
  /** Pixel size the image is used at (icons), when known. */
  size?: number;
}

export interface Checked {
  problems: Problem[];
  warnings: Problem[];
  base: string | null;
  urls: UrlRef[];
  functionNames: string[];
  taskpaneIds: string[];
  defaultLocale: string | null;
  requirements: { name: string; minVersion: string | null }[];
}

export interface SchemaResult {
  valid: boolean;
  errors: string[];
  schemaFiles: string[];
  schemaDir: string;
}

export interface XmlElement {
  name: string;
  local: string;
  ns: string | null;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  parent: XmlElement | null;
}

export const REPO_ROOT: string;
export const DEV_BASE: string;
export const GENERATED_PAGES: string[];
export const MAX_ID_LENGTH: number;
export const NS: { app: string; bt: string; ov: string; xsi: string; xml: string };

export const SCHEMA_DIR: string;
export function findSchemaDir(dir?: string): string;
export function loadSchemas(
  dir: string,
  rootNamespace?: string,
): { main: { fileName: string; contents: string }; others: { fileName: string; contents: string }[]; dir: string };
export function validateSchema(xml: string, options?: { schemaDir?: string; fileName?: string }): Promise<SchemaResult>;
export function parseXml(xml: string): XmlElement;
export function normalizeBase(value: string): string;
export function rewriteManifestBase(xml: string, toBase: string, fromBase?: string): string;
export function checkManifest(xml: string, options?: { base?: string; locales?: string[] }): Checked;
export function checkFiles(checked: Checked, options: { root: string; generated?: string[] }): Problem[];
export function pngSize(buffer: Buffer): { width: number; height: number } | null;
export function validateManifest(
  xml: string,
  options?: {
    base?: string;
    locales?: string[];
    schemaDir?: string;
    root?: string;
    generated?: string[];
    fileName?: string;
  },
): Promise<{ ok: boolean; schema: SchemaResult; checked: Checked; problems: Problem[]; warnings: Problem[] }>;
