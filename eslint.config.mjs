// ESLint flat config: typescript-eslint everywhere, the Office add-in rules where office.js is called
// (Excel host and ribbon commands), the React hooks rules in the task pane. No type-aware rules: they
// need a full program per run and would make `npm run lint` take minutes.
import js from '@eslint/js';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The rules of eslint-plugin-office-addins' recommended config, without its Prettier and parser settings. */
const officeRules = Object.fromEntries(
  Object.entries(officeAddins.configs.recommended.find((c) => c.plugins && c.plugins['office-addins']).rules).filter(([name]) =>
    name.startsWith('office-addins/'),
  ),
);

export default tseslint.config(
  { ignores: ['lib/', 'dist/', 'dist-wps/', 'out/', 'coverage/', 'bench/results/', 'tests/**/__output__/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter an interface requires but this implementation does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Chinese text in templates uses the ideographic space (U+3000) on purpose; stray ones in code still fail.
      'no-irregular-whitespace': ['error', { skipTemplates: true, skipStrings: true }],
      'no-extend-native': 'error',
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    // jest.isolateModules(() => require(…)) is how the tests load a module afresh.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    // Node scripts and configs are CommonJS: require() is how they load modules.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['wps/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/hosts/excel/**/*.ts', 'src/commands/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
);
