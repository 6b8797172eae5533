// ESLint flat config.
// - LWC code under force-app: Salesforce's recommended LWC rules for
//   TypeScript (they parse with @babel/eslint-parser).
// - Node code under scripts/ and test/: typescript-eslint's recommended rules.
import { createRequire } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const require = createRequire(import.meta.url);
const lwcConfig = require('@salesforce/eslint-config-lwc');

const lwcFiles = ['force-app/**/*.{js,ts}'];

export default [
    {
        ignores: [
            'node_modules/',
            '.tools/',
            'dist/',
            'build/',
            'coverage/',
            'artifacts/',
            '.sf/',
            '.sfdx/'
        ]
    },
    ...lwcConfig.configs.recommendedTs.map((config) => ({ ...config, files: lwcFiles })),
    {
        // The LWC configs parse with @babel/eslint-parser, which does not
        // track TypeScript types, so no-undef and no-unused-vars would flag
        // every type name. typescript-eslint's parser and its unused-vars
        // rule take over for .ts files; tsc checks undefined names.
        files: ['force-app/**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { '@typescript-eslint': tseslint.plugin },
        rules: {
            'no-undef': 'off',
            'no-unused-vars': 'off',
            '@typescript-eslint/no-unused-vars': 'error'
        }
    },
    {
        files: ['force-app/**/__tests__/**/*.{js,ts}'],
        languageOptions: { globals: { ...globals.jest, ...globals.node } }
    },
    ...tseslint.configs.recommended.map((config) => ({
        ...config,
        files: ['scripts/**/*.ts', 'test/**/*.ts', 'types/**/*.ts']
    })),
    {
        files: ['scripts/**/*.{ts,mjs,js,cjs}', 'test/**/*.{ts,js}', '*.js', '*.cjs'],
        languageOptions: { globals: { ...globals.node, ...globals.jest } }
    }
];
