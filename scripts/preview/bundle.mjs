// Compiles the preview's browser bundle: `node scripts/preview/bundle.mjs OUTPUT_DIR`.
//
// rollup 4 with @lwc/rollup-plugin 9.4.3, the base components from the
// `lightning-base-components` package, this project's components as `c/*`,
// and the browser implementations of the platform modules under
// scripts/preview/platform. build.ts runs this script in a child process
// because the LWC 9 compiler is an ES module package, which Jest's
// CommonJS module registry cannot load.
import { transformAsync } from '@babel/core';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lwcRoot = path.join(root, 'force-app/main/default/lwc');
const previewRoot = path.join(root, 'scripts/preview');
const platformRoot = path.join(previewRoot, 'platform');
const entryFile = path.join(previewRoot, 'app/main.ts');

/** Platform modules that the preview implements, by module name. */
const platformModules = {
    'lightning/graphql': 'graphql.ts',
    'lightning/uiGraphQLApi': 'graphql.ts',
    'lightning/uiRecordApi': 'uiRecordApi.ts',
    'lightning/uiObjectInfoApi': 'uiObjectInfoApi.ts',
    'lightning/platformShowToastEvent': 'platformShowToastEvent.ts',
    'lightning/refresh': 'refresh.ts'
};

/** Lists the project's LWC bundles as `c/<name>` alias records. */
function componentModules() {
    return readdirSync(lwcRoot, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) => {
            const main = ['ts', 'js']
                .map((extension) => path.join(lwcRoot, entry.name, `${entry.name}.${extension}`))
                .find((file) => existsSync(file));
            return main ? [{ name: `c/${entry.name}`, path: main }] : [];
        });
}

function platformModuleRecords() {
    return Object.entries(platformModules).map(([name, file]) => ({
        name,
        path: path.join(platformRoot, file)
    }));
}

function readVersion(packageDir) {
    return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
}

/**
 * Points `lwc`, synthetic shadow and the wire service at copies whose
 * version equals the compiler's. The LWC Jest project pins an 8.x engine at
 * the top of node_modules; the `lwc` package brings the 9.x copies.
 */
function runtimeModules() {
    const compilerVersion = readVersion(path.join(root, 'node_modules/@lwc/rollup-plugin'));
    const packages = {
        lwc: 'engine-dom',
        '@lwc/synthetic-shadow': 'synthetic-shadow',
        '@lwc/wire-service': 'wire-service'
    };
    return Object.entries(packages).map(([name, folder]) => {
        const candidates = [
            path.join(root, 'node_modules/lwc/node_modules/@lwc', folder),
            path.join(root, 'node_modules/@lwc', folder)
        ];
        const match = candidates.find(
            (candidate) => existsSync(candidate) && readVersion(candidate) === compilerVersion
        );
        if (!match) {
            throw new Error(
                `No @lwc/${folder} ${compilerVersion} found for the LWC compiler ${compilerVersion}: run npm ci so that lwc ${compilerVersion} is installed.`
            );
        }
        return { name, path: path.join(match, 'dist/index.js') };
    });
}

/**
 * Strips TypeScript with Babel before the LWC compiler reads the code.
 * Decorators stay as written (syntax only, version 2023-11) because the LWC
 * compiler reads them. esbuild's stripping is no substitute: it rewrites
 * `export default class` so that the compiler no longer finds the component.
 */
function stripTypeScript() {
    return {
        name: 'strip-typescript',
        async transform(code, id) {
            const [filename = id] = id.split('?');
            if (
                !filename.endsWith('.ts') ||
                filename.includes(`${path.sep}node_modules${path.sep}`)
            ) {
                return null;
            }
            const result = await transformAsync(code, {
                filename,
                babelrc: false,
                configFile: false,
                sourceMaps: false,
                plugins: [
                    ['@babel/plugin-syntax-decorators', { version: '2023-11' }],
                    ['@babel/plugin-transform-typescript', { allowDeclareFields: true }]
                ]
            });
            return result?.code ? { code: result.code, map: null } : null;
        }
    };
}

/**
 * Resolves the `@salesforce/*` modules components import: schema references
 * become `{ objectApiName, fieldApiName }` objects as on the platform, and
 * `@salesforce/user/Id` reads the Id of the User the preview runs as.
 */
function salesforceModules() {
    const prefix = '\0salesforce:';
    return {
        name: 'salesforce-modules',
        resolveId(source) {
            if (source.startsWith('@salesforce/schema/') || source === '@salesforce/user/Id') {
                return `${prefix}${source}`;
            }
            return null;
        },
        load(id) {
            if (!id.startsWith(prefix)) {
                return null;
            }
            const source = id.slice(prefix.length);
            if (source === '@salesforce/user/Id') {
                const transport = JSON.stringify(path.join(platformRoot, 'transport.ts'));
                return `import { readSettings } from ${transport};\nexport default readSettings().userId;\n`;
            }
            const [objectApiName, ...fieldPath] = source
                .slice('@salesforce/schema/'.length)
                .split('.');
            const reference =
                fieldPath.length === 0
                    ? { objectApiName }
                    : { objectApiName, fieldApiName: fieldPath.join('.') };
            return `export default ${JSON.stringify(reference)};\n`;
        }
    };
}

function isQuietWarning(warning) {
    // Base components ship circular imports, `this` at module level and
    // template warnings that are theirs to fix, not this project's.
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') {
        return true;
    }
    return Boolean(warning.id?.includes(`${path.sep}node_modules${path.sep}`));
}

/** Compiles the bundle into `outputDir`. */
async function bundlePreview(outputDir) {
    const bundle = await rollup({
        input: { app: entryFile },
        plugins: [
            salesforceModules(),
            replace({
                preventAssignment: true,
                values: {
                    'import.meta.env.SSR': 'false',
                    'process.env.NODE_ENV': JSON.stringify('production')
                }
            }),
            stripTypeScript(),
            lwc({
                rootDir: lwcRoot,
                defaultModules: runtimeModules(),
                modules: [
                    ...componentModules(),
                    ...platformModuleRecords(),
                    { npm: 'lightning-base-components' }
                ],
                // The base datatable loads a module that uses `lwc:is`.
                enableDynamicComponents: true
            })
        ],
        onwarn(warning, warn) {
            if (!isQuietWarning(warning)) {
                warn(warning);
            }
        }
    });
    try {
        // ES modules in a folder, because the icon libraries load through dynamic import().
        await bundle.write({ dir: outputDir, format: 'es', entryFileNames: '[name].js' });
    } finally {
        await bundle.close();
    }
}

const outputDir = process.argv[2];
if (!outputDir) {
    console.error('Usage: node scripts/preview/bundle.mjs OUTPUT_DIR');
    process.exit(2);
}
await bundlePreview(path.resolve(outputDir));
