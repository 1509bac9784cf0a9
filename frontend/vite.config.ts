/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { transformAsync, type PluginObj, type types } from '@babel/core';
import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// During `npm run dev`, API calls go to a local `workit serve`.
const backend = process.env.WORKIT_DEV_BACKEND ?? 'http://127.0.0.1:8080';

const generated = fileURLToPath(new URL('./src/gql', import.meta.url));
const documentsModule = path.join(generated, 'graphql.ts');
const DOCUMENT = 'virtual:workit-document/';

/**
 * Each ``graphql(`…`)`` call becomes an import of its own document (the client preset's Babel
 * plugin), and each document is a module of its own: `src/gql/graphql.ts` holds all of them, and
 * as one module it went wherever any of them was needed — every operation of the app in the first
 * download. A page's chunk now carries only the documents its modules use.
 */
function documentsWhereTheyAreUsed(): Plugin {
  const oneImportPerDocument = ({ types: t }: { types: typeof types }): PluginObj => ({
    visitor: {
      Program: {
        exit(program, state) {
          const from = path.dirname(state.filename ?? '');
          for (const statement of program.get('body')) {
            if (!statement.isImportDeclaration()) continue;
            const source = statement.node.source.value;
            if (!source.startsWith('.') || path.resolve(from, source) !== documentsModule.replace(/\.ts$/, '')) continue;
            const specifiers = statement.node.specifiers.filter((s) => t.isImportSpecifier(s));
            statement.replaceWithMultiple(
              specifiers.map((s) => t.importDeclaration([s], t.stringLiteral(`${DOCUMENT}${t.isIdentifier(s.imported) ? s.imported.name : s.imported.value}`))),
            );
          }
        },
      },
    },
  });
  let documents: { text: string; byName: Map<string, string> } | undefined;
  const documentText = (name: string) => {
    const text = readFileSync(documentsModule, 'utf8');
    if (documents?.text !== text) {
      const byName = new Map<string, string>();
      for (const [, exported, value] of text.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm)) byName.set(exported, value);
      documents = { text, byName };
    }
    return documents.byName.get(name);
  };
  return {
    name: 'workit:graphql-documents-where-they-are-used',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(DOCUMENT) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${DOCUMENT}`)) return null;
      const name = id.slice(DOCUMENT.length + 1);
      const value = documentText(name);
      if (!value) throw new Error(`no document ${name} in ${documentsModule}: run \`npm run codegen\``);
      return `export const ${name} = ${value};\n`;
    },
    async transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(generated) || !code.includes('graphql(`')) return null;
      const result = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: id.endsWith('x') ? ['typescript', 'jsx'] : ['typescript'] },
        plugins: [[babelOptimizerPlugin, { artifactDirectory: generated, gqlTagName: 'graphql' }], oneImportPerDocument],
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
