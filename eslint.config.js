import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.bundle-in/**',
      '.dist-check-*/**',
      'node_modules/**',
      '.tmp/**',
      'coverage/**',
      'bench-out/**',
      'bench/.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...rooms(),
  {
    // A function longer than a screen hides its steps: name them as functions of their own.
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }] },
  },
);

/**
 * The rooms of src/ and the rooms each may import: arrows point one way, so no folder imports a
 * folder that imports it back. The README's "Architecture" section draws the same table.
 */
function rooms() {
  const below = {
    shared: [],
    snapshot: ['shared'],
    'fs-safety': ['shared', 'snapshot'],
    workers: ['shared', 'snapshot'],
    storage: ['shared', 'fs-safety'],
    formats: ['shared', 'snapshot', 'fs-safety'],
    engine: ['shared', 'snapshot', 'fs-safety', 'workers', 'storage', 'formats'],
    guard: ['shared', 'snapshot', 'fs-safety', 'workers', 'storage', 'formats', 'engine'],
    action: ['shared', 'snapshot', 'fs-safety', 'workers', 'storage', 'formats', 'engine', 'guard'],
    cli: ['shared', 'snapshot', 'fs-safety', 'workers', 'storage', 'formats', 'engine', 'guard'],
    // The package's subpath entries (index-vault/s3, /azure, /github): re-exports of stores.
    stores: ['shared', 'storage'],
  };
  const all = Object.keys(below);
  const rule = (regexes) => ({
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['@actions/*'], message: "GitHub's toolkit belongs to src/action/ and the GitHub stores." }, ...regexes] },
    ],
  });
  const configs = all.flatMap((room) => {
    const banned = all.filter((r) => r !== room && !below[room].includes(r));
    const regexes = banned.length
      ? [
          {
            regex: `^\\.{1,2}/(\\.\\./)*(${banned.join('|')})/`,
            message: `src/${room}/ may import only ${below[room].join(', ') || 'node built-ins'}: see "Architecture" in README.md.`,
          },
        ]
      : [];
    // Only the action's adapter and the GitHub stores load GitHub's toolkit: the rest runs the same
    // in a CLI, a library and the action.
    const toolkit = room === 'action' ? [] : room === 'storage' ? ['src/storage/github-*.ts'] : undefined;
    const configs = [{ files: [`src/${room}/**`], ignores: toolkit ?? [], rules: rule(regexes) }];
    if (toolkit?.length) configs.push({ files: toolkit, rules: { 'no-restricted-imports': ['error', { patterns: regexes }] } });
    if (room === 'action') configs[0].rules = { 'no-restricted-imports': ['error', { patterns: regexes }] };
    return configs;
  });
  // Inside the engine: backup and restore share only what sits in engine/ itself, and engine/verify/
  // (reading packs against a manifest), which a restore does and a backup does to the chain it builds on.
  const inner = (files, regex, message) => ({ files, rules: rule([{ regex, message }]) });
  configs.push(
    inner(['src/engine/backup/**'], '^\\.\\./restore/', 'engine/backup/ does not import engine/restore/: move what both need to engine/.'),
    inner(['src/engine/restore/**'], '^\\.\\./backup/', 'engine/restore/ does not import engine/backup/: move what both need to engine/.'),
    inner(['src/engine/verify/**'], '^\\.\\./(backup|restore)/', 'engine/verify/ reads packs for backup and restore and imports neither.'),
    inner(
      ['src/engine/*.ts'],
      '^\\./(backup|restore|verify)/',
      'engine/*.ts is shared by backup, restore and verify and imports none of them.',
    ),
  );
  return configs;
}
