import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalOrg } from '../../scripts/org/org';
import { loadOrgSchema } from '../../scripts/org/schema/build';
import type { OrgSchema } from '../../scripts/org/schema/types';
import { connect, FIXTURE_OBJECTS, startFixtureOrg } from './helpers';

const SUBSCRIPTION = 'Natterbox_Subscription__c';

/** Returns the fixture schema with the formula checkbox turned into a plain checkbox. */
function schemaWithPlainCheckbox(): OrgSchema {
    const schema = loadOrgSchema(FIXTURE_OBJECTS);
    const subscription = schema.objects.find((object) => object.name === SUBSCRIPTION);
    const field = subscription?.fields.find((entry) => entry.name === 'Legacy_CTI_Allowed__c');
    if (!field) {
        throw new Error('The fixture lacks Natterbox_Subscription__c.Legacy_CTI_Allowed__c.');
    }
    delete field.formula;
    field.createable = true;
    field.updateable = true;
    return schema;
}

describe('local org formula fields', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startFixtureOrg();
        org.seed.insert('Natterbox_Licensing_Settings__c', [{ Legacy_CTI_Allowed__c: true }]);
    });

    afterAll(async () => {
        await org.close();
    });

    test('create with a formula checkbox over REST', async () => {
        const conn = connect(org);
        const created = await conn
            .sobject(SUBSCRIPTION)
            .create({ Name: 'CTI', License_Code__c: 'FORMULA_REST' });
        expect(created.success).toBe(true);
        const read = await conn.sobject(SUBSCRIPTION).retrieve(created.id as string);
        expect(read.Legacy_CTI_Allowed__c).toBe(true);
    });

    test('create and upsert with a formula checkbox in Collections', async () => {
        const conn = connect(org);
        const created = await conn.sobject(SUBSCRIPTION).create(
            [
                { Name: 'One', License_Code__c: 'FORMULA_COLLECTION_1' },
                { Name: 'Two', License_Code__c: 'FORMULA_COLLECTION_2' }
            ],
            { allOrNone: true }
        );
        expect(created.map((result) => result.success)).toEqual([true, true]);
        const upserted = await conn.sobject(SUBSCRIPTION).upsert(
            [
                { Name: 'One again', License_Code__c: 'FORMULA_COLLECTION_1' },
                { Name: 'Three', License_Code__c: 'FORMULA_COLLECTION_3' }
            ],
            'License_Code__c',
            { allOrNone: true }
        );
        expect(upserted.map((result) => result.success)).toEqual([true, true]);
        const result = await conn.query<{ Legacy_CTI_Allowed__c: boolean }>(
            `SELECT Legacy_CTI_Allowed__c FROM ${SUBSCRIPTION} WHERE License_Code__c LIKE 'FORMULA_COLLECTION_%'`
        );
        expect(result.records.map((record) => record.Legacy_CTI_Allowed__c)).toEqual([
            true,
            true,
            true
        ]);
    });

    test('writing a formula field is rejected', async () => {
        const conn = connect(org);
        await expect(
            conn.sobject(SUBSCRIPTION).create({
                Name: 'x',
                License_Code__c: 'FORMULA_WRITE',
                Legacy_CTI_Allowed__c: true
            })
        ).rejects.toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
        expect(org.store.findIdsByField(SUBSCRIPTION, 'License_Code__c', 'FORMULA_WRITE')).toEqual(
            []
        );
    });

    test('filtering on a formula field is MALFORMED_QUERY', async () => {
        const conn = connect(org);
        await expect(
            conn.query(`SELECT Id FROM ${SUBSCRIPTION} WHERE Legacy_CTI_Allowed__c = true`)
        ).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
        await expect(
            conn.query(`SELECT Id FROM ${SUBSCRIPTION} ORDER BY Legacy_CTI_Allowed__c`)
        ).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    });

    test('data file whose checkbox became a formula', async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'local-org-formula-'));
        const dataFile = path.join(folder, 'org.db');
        try {
            const before = await startFixtureOrg({ dataFile, schema: schemaWithPlainCheckbox() });
            await before.close();
            const after = await startFixtureOrg({ dataFile });
            try {
                const conn = connect(after);
                const created = await conn
                    .sobject(SUBSCRIPTION)
                    .create({ Name: 'CTI', License_Code__c: 'CTI' });
                expect(created.success).toBe(true);
                await conn.sobject(SUBSCRIPTION).update({ Id: created.id as string, Name: 'X' });
                const read = await conn.sobject(SUBSCRIPTION).retrieve(created.id as string);
                expect(read.Name).toBe('X');
                expect(read.Legacy_CTI_Allowed__c).toBe(false);
            } finally {
                await after.close();
            }
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
