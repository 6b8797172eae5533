import path from 'node:path';
import { caseSafeSuffix, normalizeId, recordId } from '../../scripts/org/ids';
import { findObject, loadOrgSchema } from '../../scripts/org/schema/build';
import { objectDdl } from '../../scripts/org/schema/storage';
import { FIXTURE_OBJECTS } from './helpers';

describe('local org record IDs', () => {
    test('case-safe suffix marks upper-case letters', () => {
        expect(caseSafeSuffix('AAAAAaaaaaAaaaa')).toBe('5AB');
        expect(caseSafeSuffix('000000000000000')).toBe('AAA');
        expect(caseSafeSuffix('aaaaBaaaaaaaaaa')).toBe('QAA');
    });

    test('built IDs are 18 characters with the prefix', () => {
        const id = recordId('a01', 1);
        expect(id).toHaveLength(18);
        expect(id.startsWith('a01')).toBe(true);
        expect(normalizeId(id)).toBe(id);
        expect(normalizeId(id.slice(0, 15))).toBe(id);
        expect(recordId('a01', 2)).not.toBe(id);
    });

    test('normalizeId rejects a wrong suffix', () => {
        const id = recordId('005', 62);
        expect(normalizeId(`${id.slice(0, 15)}ZZZ`)).toBeNull();
        expect(normalizeId('short')).toBeNull();
    });
});

describe('local org schema loader', () => {
    const schema = loadOrgSchema(FIXTURE_OBJECTS);

    test('reads fields, lookups and external IDs', () => {
        const license = findObject(schema, 'natterbox_user_license__c');
        expect(license?.name).toBe('Natterbox_User_License__c');
        const user = license?.fields.find((field) => field.name === 'User__c');
        expect(user).toMatchObject({
            type: 'reference',
            referenceTo: ['User'],
            relationshipName: 'User__r',
            childRelationshipName: 'Natterbox_User_Licenses__r'
        });
        const external = license?.fields.find((field) => field.name === 'User_Id__c');
        expect(external).toMatchObject({
            externalId: true,
            unique: true,
            caseSensitive: true,
            length: 18
        });
        expect(license?.fields.find((field) => field.name === 'Name')?.autoNumberFormat).toBe(
            'NUL-{000000}'
        );
        expect(license?.validationRules.map((rule) => rule.name)).toEqual([
            'CTI_Standalone_Needs_Legacy',
            'Record_Changes_Need_CTI'
        ]);
    });

    test('reads picklists, formulas and custom settings', () => {
        const subscription = findObject(schema, 'Natterbox_Subscription__c');
        expect(subscription?.fields.find((field) => field.name === 'Status__c')).toMatchObject({
            picklistValues: ['Active', 'Suspended'],
            restrictedPicklist: true,
            defaultValue: 'Active'
        });
        expect(
            subscription?.fields.find((field) => field.name === 'Legacy_CTI_Allowed__c')
        ).toMatchObject({
            type: 'boolean',
            createable: false,
            formula: '$Setup.Natterbox_Licensing_Settings__c.Legacy_CTI_Allowed__c'
        });
        const settings = findObject(schema, 'Natterbox_Licensing_Settings__c');
        expect(settings?.customSetting).toBe(true);
        expect(settings?.fields.map((field) => field.name)).toContain('SetupOwnerId');
        expect(settings?.fields.map((field) => field.name)).not.toContain('OwnerId');
    });

    test('standard objects have their key prefixes', () => {
        expect(findObject(schema, 'User')?.keyPrefix).toBe('005');
        expect(findObject(schema, 'Profile')?.keyPrefix).toBe('00e');
        expect(findObject(schema, 'Organization')?.keyPrefix).toBe('00D');
    });

    test('DDL indexes external IDs and lookups', () => {
        const ddl = objectDdl(findObject(schema, 'Natterbox_User_License__c')!).join('\n');
        expect(ddl).toContain(
            'CREATE UNIQUE INDEX IF NOT EXISTS "natterbox_user_license__c__user_id__c__idx" ON "natterbox_user_license__c" ("user_id__c" COLLATE BINARY)'
        );
        expect(ddl).toContain(
            'CREATE INDEX IF NOT EXISTS "natterbox_user_license__c__user__c__idx"'
        );
        expect(ddl).toContain('"cti__c" INTEGER NOT NULL DEFAULT 0');
    });

    test('loads the project metadata', () => {
        const project = loadOrgSchema(path.join(__dirname, '..', '..'));
        const names = project.objects.map((object) => object.name);
        expect(names).toEqual(
            expect.arrayContaining([
                'Natterbox_Subscription__c',
                'Natterbox_User_License__c',
                'Natterbox_Sync_Run__c',
                'Natterbox_Licensing_Settings__c'
            ])
        );
        expect(
            findObject(project, 'Natterbox_User_License__c')?.validationRules.length
        ).toBeGreaterThan(0);
    });
});
