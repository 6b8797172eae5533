/**
 * TypeScript allows one `*` per path pattern, so tsconfig.json lists each
 * LWC bundle as `c/<name>` one by one. This keeps that list equal to the
 * bundles under force-app, so a new bundle cannot be left untyped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

it('tsconfig paths list every LWC bundle', () => {
    const config = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as {
        compilerOptions: { paths: Record<string, string[]> };
    };
    const bundles = readdirSync(path.join(root, 'force-app/main/default/lwc')).sort();
    const mapped = Object.keys(config.compilerOptions.paths)
        .filter((key) => key.startsWith('c/'))
        .map((key) => key.slice(2))
        .sort();
    expect(mapped).toEqual(bundles);
    for (const bundle of bundles) {
        expect(config.compilerOptions.paths[`c/${bundle}`]).toEqual([
            `force-app/main/default/lwc/${bundle}/${bundle}`
        ]);
    }
});
