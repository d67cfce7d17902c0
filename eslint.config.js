import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist.build-*/', 'dist.old-*/', 'dist.lock/', 'web/dist/', 'data/', 'bench/out/', 'test-results/', 'tests/e2e/artifacts/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'crypto'], message: 'src/domain is pure: no Node.js modules.' },
          { group: ['kysely', 'better-sqlite3', 'pg', 'fastify', 'react', 'react-dom'], message: 'src/domain is pure: no I/O libraries.' },
          { group: ['**/db/**', '**/server/**', '**/features/**', '**/cli/**', '**/jobs/**', '**/documents/**', '**/web/**'], message: 'src/domain imports nothing outside src/domain.' },
        ],
      }],
    },
  },
);
