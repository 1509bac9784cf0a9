/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { transformAsync } from '@babel/core';
import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// During `npm run dev`, API calls go to a local `workit serve`.
const backend = process.env.WORKIT_DEV_BACKEND ?? 'http://127.0.0.1:8080';

const generated = fileURLToPath(new URL('./src/gql', import.meta.url));

/**
 * Each ``graphql(`…`)`` call becomes an import of its own document from `src/gql/graphql.ts`
 * (the client preset's Babel plugin), so a page's chunk carries only its own operations; called
 * through the map in `src/gql/gql.ts`, every operation of the app was in the first download.
 */
function documentsWhereTheyAreUsed(): Plugin {
  return {
    name: 'workit:graphql-documents-where-they-are-used',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(generated) || !code.includes('graphql(`')) return null;
      const result = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: id.endsWith('x') ? ['typescript', 'jsx'] : ['typescript'] },
        plugins: [[babelOptimizerPlugin, { artifactDirectory: generated, gqlTagName: 'graphql' }]],
      });
      return result?.code ? { code: result.code, map: result.map } : null;
    },
  };
}

export default defineConfig({
  plugins: [documentsWhereTheyAreUsed(), react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/graphql': backend },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // Hashed names under /assets are what the server caches for a year.
    assetsDir: 'assets',
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
