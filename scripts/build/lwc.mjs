// Builds the deployable source into build/deploy (Metadata API format), or
// into the folder given with --output-dir.
//
// Components and the rules module are written in TypeScript. The org must
// receive exactly one source per module, so this converts force-app with
// `sf project convert source` (which honours .forceignore) and then replaces
// every LWC .ts file with the .js that Babel produces from it. Decorators
// are left as written for the LWC compiler on the platform.
import { transformFileAsync } from '@babel/core';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outputFlag = process.argv.indexOf('--output-dir');
const outputDir =
    outputFlag === -1 ? path.join(root, 'build/deploy') : path.resolve(process.argv[outputFlag + 1] ?? '');
const sf = path.join(root, 'node_modules/.bin/sf');

/** Lists every file below a folder. */
function listFiles(folder) {
    return readdirSync(folder).flatMap((name) => {
        const file = path.join(folder, name);
        return statSync(file).isDirectory() ? listFiles(file) : [file];
    });
}

/** Compiles one LWC TypeScript file to JavaScript beside it and removes the .ts. */
async function compileTypeScript(file) {
    const result = await transformFileAsync(file, {
        babelrc: false,
        configFile: false,
        plugins: [
            ['@babel/plugin-syntax-decorators', { version: '2023-11' }],
            ['@babel/plugin-transform-typescript', { allowDeclareFields: true }]
        ]
    });
    if (!result?.code) {
        throw new Error(`Babel produced no output for ${file}`);
    }
    writeFileSync(file.replace(/\.ts$/, '.js'), `${result.code}\n`);
    rmSync(file);
}

rmSync(outputDir, { recursive: true, force: true });
execFileSync(sf, ['project', 'convert', 'source', '--root-dir', 'force-app', '--output-dir', outputDir], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true', SF_DISABLE_AUTOUPDATE: 'true' }
});

const lwcDir = path.join(outputDir, 'lwc');
const typeScriptFiles = listFiles(lwcDir).filter((file) => file.endsWith('.ts'));
for (const file of typeScriptFiles) {
    await compileTypeScript(file);
}
console.log(`${path.relative(root, outputDir)}: converted force-app, compiled ${typeScriptFiles.length} LWC TypeScript files to .js`);
