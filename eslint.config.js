import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // modules/ is the pure patch language: no I/O, no clocks, no randomness.
    files: ['modules/**/*.ts'],
    ignores: ['modules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'fs',
            'path',
            'ws',
            'pg',
            'ioredis',
            'ccxt',
            'express',
            '@patchdesk/server/*',
            '@patchdesk/client/*',
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take time from the step context.' },
        { object: 'Math', property: 'random', message: 'Take randomness from the step context.' },
      ],
    },
  },
);
