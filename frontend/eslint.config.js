import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Features never import each other (bulletproof-react): what two features share moves to
// src/components or src/lib, and pages compose features only in src/app.
const features = readdirSync(new URL('./src/features', import.meta.url));
const featureBoundaries = features.map((feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [...features.filter((f) => f !== feature).map((f) => `@/features/${f}`), ...features.filter((f) => f !== feature).map((f) => `@/features/${f}/**`), '../../*/**', '@/app/**'],
            message: 'A feature may not import another feature or the app shell; share through src/components or src/lib.',
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist', 'src/gql', 'node_modules'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  ...featureBoundaries,
);
