// Bundles the Node entry points into dist/ with esbuild.
//
// The Node code imports the shared rules module as `c/licenseRules`, the
// same specifier the components use; the alias below points it at the LWC
// bundle's source, so one source compiles into both builds. npm packages
// stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lwcRoot = path.join(root, 'force-app/main/default/lwc');

/** Entry points: output name in dist/ to source file. */
const entries = {
    org: 'scripts/org/main.ts',
    sync: 'scripts/sync/main.ts',
    demo: 'scripts/demo/main.ts',
    preview: 'scripts/preview/main.ts',
    bench: 'scripts/bench/main.ts',
    'fake-natterbox': 'scripts/natterbox/fakeServerMain.ts',
    'generate-metadata': 'scripts/metadata/main.ts'
};

/** Resolves `c/name` to the main file of the LWC bundle `name`. */
const lwcModules = {
    name: 'lwc-modules',
    setup(builder) {
        builder.onResolve({ filter: /^c\/[A-Za-z0-9_]+$/ }, (args) => {
            const bundle = args.path.slice(2);
            const folder = path.join(lwcRoot, bundle);
            const main = readdirSync(folder).find((file) => file === `${bundle}.ts` || file === `${bundle}.js`);
            if (!main) {
                return { errors: [{ text: `LWC module ${args.path} has no ${bundle}.ts or ${bundle}.js in ${folder}` }] };
            }
            return { path: path.join(folder, main) };
        });
    }
};

const missing = Object.values(entries).filter((source) => !existsSync(path.join(root, source)));
if (missing.length > 0) {
    throw new Error(`Entry points not found: ${missing.join(', ')}. Fix the entries list in scripts/build/node.mjs.`);
}

await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [lwcModules],
    banner: {
        // Bundled ESM has no require(); some CommonJS dependencies need one.
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
    }
});
