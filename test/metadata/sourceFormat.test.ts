import { XMLValidator } from 'fast-xml-parser';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listFiles, PROJECT_ROOT } from './metadataFiles';
import { createSfHome, runSf, type SfHome } from './sfCli';

const FORCE_APP = path.join(PROJECT_ROOT, 'force-app');

describe('force-app source', () => {
    it('holds only well-formed XML', () => {
        const files = listFiles(FORCE_APP).filter((file) => file.endsWith('.xml'));
        expect(files.length).toBeGreaterThan(0);
        const invalid = files
            .map((file) => ({ file, result: XMLValidator.validate(readFileSync(file, 'utf8')) }))
            .filter(({ result }) => result !== true)
            .map(
                ({ file, result }) =>
                    `${path.relative(PROJECT_ROOT, file)}: ${JSON.stringify(result)}`
            );
        expect(invalid).toEqual([]);
    });

    describe('sf project convert source', () => {
        let home: SfHome;
        let outputDir: string;

        beforeAll(() => {
            home = createSfHome();
            outputDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'convert-')), 'out');
        });

        afterAll(() => {
            home.remove();
            rmSync(path.dirname(outputDir), { recursive: true, force: true });
        });

        it('converts to Metadata API format', async () => {
            const result = await runSf(
                [
                    'project',
                    'convert',
                    'source',
                    '--root-dir',
                    'force-app',
                    '--output-dir',
                    outputDir,
                    '--json'
                ],
                home
            );
            expect({ code: result.code, stderr: result.stderr }).toEqual({
                code: 0,
                stderr: expect.any(String)
            });
            for (const folder of [
                'objects',
                'permissionsets',
                'applications',
                'tabs',
                'flexipages'
            ]) {
                expect({ folder, exists: existsSync(path.join(outputDir, folder)) }).toEqual({
                    folder,
                    exists: true
                });
            }
            const manifest = readFileSync(path.join(outputDir, 'package.xml'), 'utf8');
            expect(manifest).toContain('<name>ValidationRule</name>');
            expect(manifest).toContain('Natterbox_User_License__c.FREEDOM_BRINGS_CTI');
        }, 60_000);
    });
});
