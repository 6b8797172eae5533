// Two Jest projects share one run:
// - `lwc`: components and the shared rules module as the platform compiles
//   them, through the real LWC compiler (sfdx-lwc-jest, jsdom);
// - `node`: the sync job, the local org and the rules module as Node code
//   imports it, over real HTTP to local servers.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const lwcModule = '<rootDir>/force-app/main/default/lwc/$1/$1';

export default {
    reporters: ['default', '<rootDir>/test/setup/summaryReporter.cjs'],
    projects: [
        {
            ...lwcJestConfig,
            displayName: 'lwc',
            testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.{js,ts}'],
            setupFilesAfterEnv: [
                ...(lwcJestConfig.setupFilesAfterEnv ?? []),
                '<rootDir>/test/setup/lwcSetup.ts'
            ]
        },
        {
            displayName: 'node',
            rootDir: '.',
            testEnvironment: 'node',
            // undici 8 (under jsforce) needs Node's own Symbol.dispose inside
            // Jest's vm context; see the file for the details.
            setupFiles: ['<rootDir>/test/org/nativeDispose.ts'],
            testMatch: ['<rootDir>/test/**/*.test.ts'],
            transform: {
                '^.+\\.ts$': ['babel-jest', { configFile: './babel.node.config.cjs' }]
            },
            moduleNameMapper: {
                '^c/(.*)$': lwcModule
            },
            moduleFileExtensions: ['ts', 'js', 'json', 'cjs', 'mjs']
        }
    ]
};
