/**
 * The generated validation rules, as the local org runs them from
 * force-app: a rule-breaking write through jsforce gets
 * FIELD_CUSTOM_VALIDATION_EXCEPTION with the rule's own message, and
 * nothing is stored. The legacy CTI rule follows the custom setting.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { Connection } from 'jsforce';
import { startOrg, type LocalOrg } from '../../scripts/org/org';

const root = path.resolve(__dirname, '../..');
const rulesFolder = path.join(
    root,
    'force-app/main/default/objects/Natterbox_User_License__c/validationRules'
);

/** Reads each committed rule's error message, by rule name. */
function readRuleMessages(): Record<string, string> {
    const parser = new XMLParser();
    const messages: Record<string, string> = {};
    for (const file of readdirSync(rulesFolder)) {
        const xml = parser.parse(readFileSync(path.join(rulesFolder, file), 'utf8')) as {
            ValidationRule: { errorMessage: string };
        };
        messages[file.replace('.validationRule-meta.xml', '')] = xml.ValidationRule.errorMessage;
    }
    return messages;
}

const messages = readRuleMessages();
let org: LocalOrg;
let conn: Connection;
let userIds: string[];
let nextUser = 0;

/** Returns the fields of a new per-user license record for a fresh user. */
function licenseRecord(licenses: Record<string, boolean>): Record<string, unknown> {
    const userId = userIds[nextUser++];
    return { User__c: userId, User_Id__c: userId, ...licenses };
}

async function setLegacyCti(allowed: boolean): Promise<void> {
    const settings = await conn.query<{ Id: string }>(
        'SELECT Id FROM Natterbox_Licensing_Settings__c'
    );
    const existing = settings.records[0];
    if (existing) {
        await conn
            .sobject('Natterbox_Licensing_Settings__c')
            .update({ Id: existing.Id, Legacy_CTI_Allowed__c: allowed });
        return;
    }
    await conn.sobject('Natterbox_Licensing_Settings__c').create({
        SetupOwnerId: org.organizationId,
        Legacy_CTI_Allowed__c: allowed
    });
}

async function countLicenseRecords(): Promise<number> {
    const result = await conn.query('SELECT COUNT() FROM Natterbox_User_License__c');
    return result.totalSize;
}

beforeAll(async () => {
    org = await startOrg({ port: 0, metadataFolder: root, logError: () => undefined });
    conn = new Connection({
        instanceUrl: org.instanceUrl,
        accessToken: org.accessToken,
        version: '64.0'
    });
    userIds = org.seed.insert(
        'User',
        Array.from({ length: 12 }, (_, index) => ({
            FirstName: 'Rule',
            LastName: `Tester ${index}`,
            Username: `rule.tester${index}@example.invalid`,
            Email: `rule.tester${index}@example.invalid`,
            Alias: `rt${index}`,
            ProfileId: org.base.standardProfileId,
            IsActive: true
        }))
    );
});

afterAll(async () => {
    await org.close();
});

describe('generated validation rules in the local org', () => {
    it('loads the three generated rules', () => {
        expect(Object.keys(messages).sort()).toEqual([
            'CTI_STANDALONE_NEEDS_LEGACY',
            'FREEDOM_BRINGS_CTI',
            'FREEDOM_EXCLUDES_SCV'
        ]);
    });

    it.each([
        ['FREEDOM_BRINGS_CTI', { Freedom__c: true, CTI__c: false }],
        ['FREEDOM_EXCLUDES_SCV', { Freedom__c: true, CTI__c: true, Service_Cloud_Voice__c: true }]
    ])('rejects a %s breach', async (rule, licenses) => {
        const before = await countLicenseRecords();

        await expect(
            conn.sobject('Natterbox_User_License__c').create(licenseRecord(licenses))
        ).rejects.toMatchObject({
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: messages[rule]
        });
        expect(await countLicenseRecords()).toBe(before);
    });

    it('accepts Freedom with CTI', async () => {
        const result = await conn
            .sobject('Natterbox_User_License__c')
            .create(licenseRecord({ Freedom__c: true, CTI__c: true, Voice__c: true }));
        expect(result.success).toBe(true);
    });

    it('rejects standalone CTI without legacy', async () => {
        await setLegacyCti(false);
        await expect(
            conn.sobject('Natterbox_User_License__c').create(licenseRecord({ CTI__c: true }))
        ).rejects.toMatchObject({
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: messages.CTI_STANDALONE_NEEDS_LEGACY
        });
    });

    it('accepts standalone CTI with legacy', async () => {
        await setLegacyCti(true);
        const result = await conn
            .sobject('Natterbox_User_License__c')
            .create(licenseRecord({ CTI__c: true }));
        expect(result.success).toBe(true);
    });

    it('rejects an update that breaks a rule', async () => {
        const created = await conn
            .sobject('Natterbox_User_License__c')
            .create(licenseRecord({ Service_Cloud_Voice__c: true }));
        expect(created.success).toBe(true);
        const id = (created as { id: string }).id;

        await expect(
            conn
                .sobject('Natterbox_User_License__c')
                .update({ Id: id, Freedom__c: true, CTI__c: true })
        ).rejects.toMatchObject({
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: messages.FREEDOM_EXCLUDES_SCV
        });

        const stored = await conn
            .sobject('Natterbox_User_License__c')
            .retrieve(id, { fields: ['Freedom__c', 'Service_Cloud_Voice__c'] });
        expect(stored).toMatchObject({ Freedom__c: false, Service_Cloud_Voice__c: true });
    });
});
