/**
 * Builds the preview's browser bundle with the real LWC compiler: rollup 4
 * and @lwc/rollup-plugin, the base components from the
 * `lightning-base-components` package, this project's components as `c/*`,
 * and the browser implementations of the platform modules under
 * scripts/preview/platform.
 *
 * A cold build takes about 20 s on a 2-core machine, so the output is
 * cached under build/preview/<key>, where the key hashes the path, size and
 * modification time of every source file. Tests and the preview command
 * share the cache.
 */
import { transformAsync } from '@babel/core';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { rollup, type Plugin } from 'rollup';
import { findRootFromWorkingDirectory } from './paths';

/** Location of a finished build. */
export interface PreviewBuild {
    /** Folder holding `app.js` and its chunks. */
    outputDir: string;
    /** True when the build came from the cache. */
    cached: boolean;
}

const root = findRootFromWorkingDirectory();
const lwcRoot = path.join(root, 'force-app/main/default/lwc');
const previewRoot = path.join(root, 'scripts/preview');
const platformRoot = path.join(previewRoot, 'platform');
const entryFile = path.join(previewRoot, 'app/main.ts');
const cacheRoot = path.join(root, 'build/preview');

/** Platform modules that the preview implements, by module name. */
const platformModules: Record<string, string> = {
    'lightning/graphql': 'graphql.ts',
    'lightning/uiGraphQLApi': 'graphql.ts',
    'lightning/uiRecordApi': 'uiRecordApi.ts',
    'lightning/uiObjectInfoApi': 'uiObjectInfoApi.ts',
    'lightning/platformShowToastEvent': 'platformShowToastEvent.ts',
    'lightning/refresh': 'refresh.ts'
};

/** Returns the build for the current sources, building it only when the cache has none. */
export async function buildPreview(): Promise<PreviewBuild> {
    const outputDir = path.join(cacheRoot, computeSourceKey());
    if (existsSync(path.join(outputDir, 'app.js'))) {
        return { outputDir, cached: true };
    }

    // Build into a private folder and rename it into place, so two processes
    // building at once never serve a half-written bundle.
    const workDir = `${outputDir}.tmp-${process.pid}-${Date.now()}`;
    await runRollup(workDir);
    try {
        renameSync(workDir, outputDir);
    } catch (error) {
        rmSync(workDir, { recursive: true, force: true });
        if (!existsSync(path.join(outputDir, 'app.js'))) {
            throw error;
        }
    }
    return { outputDir, cached: false };
}

async function runRollup(outputDir: string): Promise<void> {
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
                // The runtime must match the compiler's version (9.4.3), while the
                // LWC Jest project pins an 8.x engine at the top of node_modules.
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
            // Base components ship circular imports, `this` at module level and
            // template warnings that are theirs to fix, not this project's.
            if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') {
                return;
            }
            if (warning.id?.includes(`${path.sep}node_modules${path.sep}`)) {
                return;
            }
            warn(warning);
        }
    });
    try {
        // ES modules in a folder, because the icon libraries load through dynamic import().
        await bundle.write({
            dir: outputDir,
            format: 'es',
            entryFileNames: '[name].js',
            sourcemap: false
        });
    } finally {
        await bundle.close();
    }
}

/** Lists the project's LWC bundles as `c/<name>` alias records. */
function componentModules(): { name: string; path: string }[] {
    return readdirSync(lwcRoot, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) => {
            const main = ['ts', 'js']
                .map((extension) => path.join(lwcRoot, entry.name, `${entry.name}.${extension}`))
                .find((file) => existsSync(file));
            return main ? [{ name: `c/${entry.name}`, path: main }] : [];
        });
}

/** Points `lwc`, synthetic shadow and the wire service at the `lwc` package's own 9.x copies. */
function runtimeModules(): { name: string; path: string }[] {
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
                `No @lwc/${folder} ${compilerVersion} found for the LWC compiler ${compilerVersion}: run npm ci so the lwc ${compilerVersion} package is installed.`
            );
        }
        return { name, path: path.join(match, 'dist/index.js') };
    });
}

function readVersion(packageDir: string): string {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
        version: string;
    };
    return manifest.version;
}

function platformModuleRecords(): { name: string; path: string }[] {
    return Object.entries(platformModules).map(([name, file]) => ({
        name,
        path: path.join(platformRoot, file)
    }));
}

/**
 * Strips TypeScript with Babel before the LWC compiler reads the code.
 * Decorators stay as written (syntax only, version 2023-11) because the LWC
 * compiler reads them; esbuild's stripping rewrites `export default class`
 * so that the compiler no longer finds the component.
 */
function stripTypeScript(): Plugin {
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
function salesforceModules(): Plugin {
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

/** Hashes every input of the build, so any edit produces a new cache key. */
function computeSourceKey(): string {
    const hash = createHash('sha256');
    const folders = [lwcRoot, previewRoot];
    for (const file of folders.flatMap(listSourceFiles).sort()) {
        const stats = statSync(file);
        hash.update(`${path.relative(root, file)}:${stats.size}:${stats.mtimeMs}\n`);
    }
    for (const dependency of ['@lwc/rollup-plugin', 'lightning-base-components', 'lwc', 'rollup']) {
        const manifest = path.join(root, 'node_modules', dependency, 'package.json');
        hash.update(`${dependency}:${statSync(manifest).mtimeMs}\n`);
    }
    return hash.digest('hex').slice(0, 16);
}

function listSourceFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            return entry.name === '__tests__' ? [] : listSourceFiles(file);
        }
        return /\.(ts|js|html|css)$/.test(entry.name) ? [file] : [];
    });
}
