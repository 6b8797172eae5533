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
