// Lint: typescript-eslint strict + type-checked, plus the layer fences of docs/STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Who may import what. Each layer lists the layers it must NOT import; the lint fails on a
 * violation, so the architecture is checked by a machine rather than by reviewers.
 */
const LAYERS = {
  model: ['lib', 'core', 'loaders', 'analyzers', 'rules', 'frameworks', 'graph', 'vuln', 'runtime', 'writers', 'config', 'sdk', 'cli', 'server'],
  lib: ['core', 'loaders', 'analyzers', 'rules', 'frameworks', 'graph', 'vuln', 'runtime', 'writers', 'config', 'sdk', 'cli', 'server'],
  core: ['loaders', 'analyzers', 'rules', 'frameworks', 'graph', 'vuln', 'runtime', 'writers', 'config', 'sdk', 'cli', 'server'],
  loaders: ['rules', 'frameworks', 'graph', 'vuln', 'runtime', 'writers', 'sdk', 'cli', 'server'],
  analyzers: ['loaders', 'rules', 'frameworks', 'graph', 'runtime', 'writers', 'sdk', 'cli', 'server'],
  rules: ['loaders', 'analyzers', 'frameworks', 'writers', 'sdk', 'cli', 'server', 'config'],
  frameworks: ['loaders', 'analyzers', 'graph', 'vuln', 'runtime', 'writers', 'sdk', 'cli', 'server'],
  graph: ['loaders', 'analyzers', 'frameworks', 'writers', 'sdk', 'cli', 'server'],
  vuln: ['loaders', 'rules', 'frameworks', 'graph', 'runtime', 'writers', 'sdk', 'cli', 'server'],
  runtime: ['rules', 'frameworks', 'graph', 'writers', 'sdk', 'cli', 'server'],
  writers: ['loaders', 'analyzers', 'rules', 'graph', 'vuln', 'runtime', 'config', 'sdk', 'cli', 'server'],
  config: ['loaders', 'analyzers', 'rules', 'frameworks', 'graph', 'vuln', 'runtime', 'writers', 'sdk', 'cli', 'server'],
  sdk: ['cli', 'server'],
  cli: ['loaders', 'analyzers', 'rules', 'frameworks', 'graph', 'vuln', 'runtime', 'writers', 'core', 'config', 'server'],
  server: ['loaders', 'analyzers', 'rules', 'frameworks', 'graph', 'vuln', 'runtime', 'writers', 'config', 'cli'],
};

const fences = Object.entries(LAYERS).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.ts`],
  ignores: ['src/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((other) => ({
          group: [`**/${other}/*`, `**/${other}`, `../${other}/**`],
          message: `Layer fence: src/${layer} must not import src/${other} (see docs/STYLE.md).`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-check/**', 'node_modules/**', 'coverage/**', '**/fixtures/**', 'examples/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'bench/*.mjs', '.ci/*.mjs'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  ...fences,
);
