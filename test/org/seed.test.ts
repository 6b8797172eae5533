import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import os from 'node:os';
import path from 'node:path';
import { findObject, loadOrgSchema } from '../../scripts/org/schema/build';
import { FIXTURE_OBJECTS, startFixtureOrg } from './helpers';

describe('local org seeding', () => {
    test('sample seed of 200 users', async () => {
        const org = await startFixtureOrg({ seed: 'sample', sampleOptions: { users: 200 } });
        try {
            expect(org.store.count('User')).toBe(201);
            const inactive = org.store.db
                .prepare('SELECT COUNT(*) AS n FROM "user" WHERE "isactive" = 0')
                .get() as { n: number };
            expect(Number(inactive.n)).toBe(28);
            expect(org.store.count('Natterbox_User_License__c')).toBe(Math.round(172 * 0.6));
            const usernames = org.store.db
                .prepare('SELECT COUNT(DISTINCT "username") AS n FROM "user"')
                .get() as { n: number };
            expect(Number(usernames.n)).toBe(201);
        } finally {
            await org.close();
        }
    });

    test('data file keeps records across restarts', async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'local-org-seed-'));
        const dataFile = path.join(folder, 'org.db');
        try {
            const first = await startFixtureOrg({ dataFile, seed: 'sample' });
            const organizationId = first.organizationId;
            await first.close();
            const second = await startFixtureOrg({ dataFile, seed: 'sample' });
            expect(second.organizationId).toBe(organizationId);
            expect(second.store.count('User')).toBe(41);
            await second.close();
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('data file that is not a database', async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'local-org-not-db-'));
        const dataFile = path.join(folder, 'notes.txt');
        const text = 'not an SQLite database\n'.repeat(100);
        writeFileSync(dataFile, text);
        try {
            await expect(startFixtureOrg({ dataFile })).rejects.toThrow(
                `Cannot open the data file ${dataFile}: file is not a database.`
            );
            await expect(startFixtureOrg({ dataFile: folder })).rejects.toThrow(
                `Cannot open the data file ${folder}:`
            );
            expect(readFileSync(dataFile, 'utf8')).toBe(text);
            expect(readdirSync(folder)).toEqual(['notes.txt']);
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('data file gains columns of new fields', async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'local-org-columns-'));
        const dataFile = path.join(folder, 'org.db');
        try {
            const schema = loadOrgSchema(FIXTURE_OBJECTS);
            const license = findObject(schema, 'Natterbox_User_License__c');
            const older = {
                objects: schema.objects.map((object) =>
                    object === license
                        ? {
                              ...object,
                              fields: object.fields.filter((field) => field.name !== 'Record__c')
                          }
                        : object
                )
            };
            const first = await startFixtureOrg({ dataFile, schema: older });
            first.seed.insert('Natterbox_User_License__c', [{ User_Id__c: '005OLDER0000000000' }]);
            await first.close();
            const second = await startFixtureOrg({ dataFile, schema });
            const [id] = second.seed.insert('Natterbox_User_License__c', [
                { User_Id__c: '005NEWER0000000000', Record__c: true }
            ]);
            expect(second.store.read('Natterbox_User_License__c', id as string)?.Record__c).toBe(
                true
            );
            expect(second.store.count('Natterbox_User_License__c')).toBe(2);
            await second.close();
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('direct insert of 50,000 records', async () => {
        const org = await startFixtureOrg();
        try {
            const started = Date.now();
            const ids = org.seed.insert(
                'Natterbox_User_License__c',
                Array.from({ length: 50_000 }, (_, index) => ({
                    User_Id__c: `005SEED${String(index).padStart(11, '0')}`
                }))
            );
            expect(ids).toHaveLength(50_000);
            expect(new Set(ids).size).toBe(50_000);
            expect(org.store.count('Natterbox_User_License__c')).toBe(50_000);
            expect(Date.now() - started).toBeLessThan(15_000);
            expect(org.requestLog).toHaveLength(0);
        } finally {
            await org.close();
        }
    });
});

describe('local org data file shared by two servers', () => {
    const subscription = 'Natterbox_Subscription__c';
    let folder: string;
    let dataFile: string;

    beforeEach(() => {
        folder = mkdtempSync(path.join(os.tmpdir(), 'local-org-shared-'));
        dataFile = path.join(folder, 'org.db');
    });

    afterEach(() => {
        rmSync(folder, { recursive: true, force: true });
    });

    test('two servers create distinct IDs', async () => {
        const first = await startFixtureOrg({ dataFile });
        const second = await startFixtureOrg({ dataFile });
        try {
            const ids: string[] = [];
            for (let index = 0; index < 6; index++) {
                const org = index % 2 === 0 ? first : second;
                const response = await fetch(
                    `${org.instanceUrl}/services/data/v64.0/sobjects/${subscription}`,
                    {
                        method: 'POST',
                        headers: {
                            Authorization: `Bearer ${org.accessToken}`,
                            'Content-Type': 'application/json'
                        },
                        body: JSON.stringify({ Name: `S${index}`, License_Code__c: `S${index}` })
                    }
                );
                expect(response.status).toBe(201);
                ids.push(((await response.json()) as { id: string }).id);
            }
            expect(new Set(ids).size).toBe(6);
            expect(first.store.count(subscription)).toBe(6);
        } finally {
            await first.close();
            await second.close();
        }
    });

    test('write under another connection lock', async () => {
        const org = await startFixtureOrg({ dataFile });
        const holder = new DatabaseSync(dataFile);
        try {
            holder.exec('BEGIN IMMEDIATE');
            const request = () =>
                fetch(`${org.instanceUrl}/services/data/v64.0/sobjects/${subscription}`, {
                    method: 'POST',
                    headers: {
                        Authorization: `Bearer ${org.accessToken}`,
                        'Content-Type': 'application/json'
                    },
                    body: JSON.stringify({ Name: 'Locked', License_Code__c: 'LOCKED' })
                });
            const locked = await request();
            expect(locked.status).toBe(400);
            const [error] = (await locked.json()) as { errorCode: string; fields: string[] }[];
            expect(error?.errorCode).toBe('UNABLE_TO_LOCK_ROW');
            expect(error?.fields).toEqual([]);
            holder.exec('ROLLBACK');
            expect((await request()).status).toBe(201);
            expect(org.store.count(subscription)).toBe(1);
        } finally {
            holder.close();
            await org.close();
        }
    });
});
