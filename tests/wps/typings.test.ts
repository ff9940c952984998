// The WPS add-in root subset in src/hosts/wps/et.ts (PluginStorage, CreateTaskPane, GetTaskPane) checked
// against et-jsapi-declare's index.d.ts. That file declares a global `Application` for the whole
// program, so it is compiled here in a separate program rather than referenced from the sources.
// (The ET object model subset is checked at compile time in et.ts itself, against lib.et.d.ts.)

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const INDEX = path.join(ROOT, 'node_modules/et-jsapi-declare/index.d.ts');
const ET = path.join(ROOT, 'src/hosts/wps/et').split(path.sep).join('/');

function compile(extra: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-typings-'));
  try {
    const file = path.join(dir, 'check.ts');
    fs.writeFileSync(
      file,
      `/// <reference path="${INDEX.split(path.sep).join('/')}" />
import type { WpsPluginStorage, WpsTaskPane, WpsAddonRoot, WpsApplication } from '${ET}';
type Extra<Mine, Official> = Exclude<keyof Mine, keyof Official>;
type NoExtra<T extends never> = T;
export type Checks = [
  NoExtra<Extra<WpsPluginStorage, WPS.PluginStorage>>,
  NoExtra<Extra<WpsTaskPane, WPS.CustomTaskpane>>,
  NoExtra<Extra<WpsAddonRoot, WPS.AddonRoot>>,
  NoExtra<Extra<WpsApplication, WPSMergedRoot>>,
];
// The real Application satisfies what the adapter and main.js call on it.
export const app: Pick<WpsAddonRoot, 'CreateTaskPane' | 'GetTaskPane'> = Application;
${extra}
`,
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
      target: ts.ScriptTarget.ES2019,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the add-in root subset exists in the official typings', () => {
  expect(compile('')).toEqual([]);
}, 60000);

test('the check would catch a member the typings lack', () => {
  const errors = compile(
    'interface Bogus extends WpsPluginStorage { flush(): void }\nexport type Bad = NoExtra<Extra<Bogus, WPS.PluginStorage>>;',
  );
  expect(errors.join('\n')).toMatch(/"flush"/);
}, 60000);
