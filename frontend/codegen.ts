import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the schema the server prints (docs/schema.graphql). Codegen validates
// every operation against it, so the build fails when an operation no longer matches.
const config: CodegenConfig = {
  schema: '../docs/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', NaiveDate: 'string', ID: 'string' },
      },
    },
  },
};

export default config;
