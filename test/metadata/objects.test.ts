import { LICENSES } from 'c/licenseRules';
import path from 'node:path';
import {
    children,
    DEFAULT_DIR,
    listFiles,
    readMetadata,
    readObject,
    readObjectFields,
    text,
    texts,
    type XmlNode
} from './metadataFiles';

// The objects and fields that docs/architecture.md fixes and the code reads,
// with the metadata type each must have.

const SUBSCRIPTION = 'Natterbox_Subscription__c';
const USER_LICENSE = 'Natterbox_User_License__c';
const SYNC_RUN = 'Natterbox_Sync_Run__c';
const SETTINGS = 'Natterbox_Licensing_Settings__c';

const EXPECTED_FIELDS: Record<string, Record<string, string>> = {
    [SUBSCRIPTION]: {
        License_Code__c: 'Text',
        Purchased_Seats__c: 'Number',
        Provisioned__c: 'Checkbox',
        Assignable__c: 'Checkbox',
        Source_Name__c: 'Text',
        Last_Synced_At__c: 'DateTime',
        Legacy_CTI_Allowed__c: 'Checkbox'
    },
    [USER_LICENSE]: {
        User__c: 'Lookup',
        User_Id__c: 'Text',
        ...Object.fromEntries(LICENSES.map((license) => [license.fieldApiName, 'Checkbox']))
    },
    [SYNC_RUN]: {
        Status__c: 'Picklist',
        Requested_By__c: 'Lookup',
        Dry_Run__c: 'Checkbox',
        Started_At__c: 'DateTime',
        Finished_At__c: 'DateTime',
        Created_Count__c: 'Number',
        Updated_Count__c: 'Number',
        Unchanged_Count__c: 'Number',
        Api_Calls__c: 'Number',
        Source__c: 'Text',
        Message__c: 'LongTextArea'
    },
    [SETTINGS]: {
        Legacy_CTI_Allowed__c: 'Checkbox'
    }
};

function field(object: string, name: string): XmlNode {
    const definition = readObjectFields(object).get(name);
    if (!definition) {
        throw new Error(`${object}.${name} has no field file`);
    }
    return definition;
}

describe.each(Object.keys(EXPECTED_FIELDS))('object %s', (object) => {
    const expected = EXPECTED_FIELDS[object] ?? {};
    const fields = readObjectFields(object);

    it('has exactly the expected fields and types', () => {
        const actual = Object.fromEntries(
            [...fields].map(([name, definition]) => [name, text(definition, 'type')])
        );
        expect(actual).toEqual(expected);
    });

    it('describes every field', () => {
        for (const [name, definition] of fields) {
            expect({
                name,
                description: (text(definition, 'description') ?? '').length > 0
            }).toEqual({ name, description: true });
            expect({ name, help: (text(definition, 'inlineHelpText') ?? '').length > 0 }).toEqual({
                name,
                help: true
            });
            // The limits Setup shows for a field's Description and Help Text.
            expect(text(definition, 'description')?.length ?? 0).toBeLessThanOrEqual(1000);
            expect(text(definition, 'inlineHelpText')?.length ?? 0).toBeLessThanOrEqual(510);
        }
    });
});

describe('object Natterbox_User_License__c', () => {
    it('tracks history of every license checkbox', () => {
        expect(text(readObject(USER_LICENSE), 'enableHistory')).toBe('true');
        for (const license of LICENSES) {
            const checkbox = field(USER_LICENSE, license.fieldApiName);
            expect({ license: license.code, trackHistory: text(checkbox, 'trackHistory') }).toEqual(
                {
                    license: license.code,
                    trackHistory: 'true'
                }
            );
            expect(text(checkbox, 'defaultValue')).toBe('false');
        }
    });

    it('looks up User with relationship User__r', () => {
        const user = field(USER_LICENSE, 'User__c');
        expect(text(user, 'referenceTo')).toBe('User');
        expect(text(user, 'deleteConstraint')).toBe('SetNull');
        // SOQL names the parent relationship after the field, so User__c
        // gives User__r. The relationshipName element is the child
        // relationship seen from User, and Salesforce appends __r to it.
        expect(text(user, 'fullName')).toBe('User__c');
        expect(text(user, 'relationshipName')).toBe('Natterbox_User_Licenses');
    });

    it('keys records by a unique User_Id__c', () => {
        const userId = field(USER_LICENSE, 'User_Id__c');
        expect(text(userId, 'externalId')).toBe('true');
        expect(text(userId, 'unique')).toBe('true');
        expect(text(userId, 'length')).toBe('18');
    });

    it('numbers records NUL-{000000}', () => {
        const nameField = readObject(USER_LICENSE).nameField as XmlNode;
        expect(text(nameField, 'type')).toBe('AutoNumber');
        expect(text(nameField, 'displayFormat')).toBe('NUL-{000000}');
    });
});

describe('object Natterbox_Subscription__c', () => {
    it('keys records by a unique License_Code__c', () => {
        const code = field(SUBSCRIPTION, 'License_Code__c');
        expect(text(code, 'externalId')).toBe('true');
        expect(text(code, 'unique')).toBe('true');
        expect(text(code, 'length')).toBe('64');
    });

    it('reads the legacy setting through $Setup', () => {
        const legacy = field(SUBSCRIPTION, 'Legacy_CTI_Allowed__c');
        expect(text(legacy, 'formula')).toBe(
            '$Setup.Natterbox_Licensing_Settings__c.Legacy_CTI_Allowed__c'
        );
    });

    it('sizes seat counts Number(9, 0)', () => {
        const seats = field(SUBSCRIPTION, 'Purchased_Seats__c');
        expect([text(seats, 'precision'), text(seats, 'scale')]).toEqual(['9', '0']);
    });
});

describe('object Natterbox_Sync_Run__c', () => {
    it('restricts Status__c to four values, Requested first', () => {
        const status = field(SYNC_RUN, 'Status__c');
        const valueSet = status.valueSet as XmlNode;
        expect(text(valueSet, 'restricted')).toBe('true');
        const values = children(valueSet.valueSetDefinition as XmlNode, 'value');
        expect(values.map((value) => text(value, 'fullName'))).toEqual([
            'Requested',
            'Running',
            'Succeeded',
            'Failed'
        ]);
        expect(
            values
                .filter((value) => text(value, 'default') === 'true')
                .map((value) => text(value, 'fullName'))
        ).toEqual(['Requested']);
    });

    it('numbers records SYNC-{000000}', () => {
        const nameField = readObject(SYNC_RUN).nameField as XmlNode;
        expect(text(nameField, 'displayFormat')).toBe('SYNC-{000000}');
    });

    it('stores up to 32,768 message characters', () => {
        expect(text(field(SYNC_RUN, 'Message__c'), 'length')).toBe('32768');
    });
});

describe('custom setting Natterbox_Licensing_Settings__c', () => {
    it('is a public hierarchy setting', () => {
        const setting = readObject(SETTINGS);
        expect(text(setting, 'customSettingsType')).toBe('Hierarchy');
        expect(text(setting, 'visibility')).toBe('Public');
    });
});

describe('catalogue fields', () => {
    it('names a checkbox for every license', () => {
        const fields = readObjectFields(USER_LICENSE);
        const missing = LICENSES.filter(
            (license) => text(fields.get(license.fieldApiName) ?? {}, 'type') !== 'Checkbox'
        ).map((license) => `${license.code} (${license.fieldApiName})`);
        expect(missing).toEqual([]);
    });
});

describe('page layouts', () => {
    const STANDARD_FIELDS = new Set(['Name', 'OwnerId', 'CreatedById', 'LastModifiedById']);

    it.each([SUBSCRIPTION, USER_LICENSE, SYNC_RUN])('show every field of %s', (object) => {
        const files = listFiles(path.join(DEFAULT_DIR, 'layouts')).filter((file) =>
            path.basename(file).startsWith(`${object}-`)
        );
        expect(files).toHaveLength(1);
        const layout = readMetadata(files[0] ?? '');
        const placed = children(layout, 'layoutSections')
            .flatMap((section) => children(section, 'layoutColumns'))
            .flatMap((column) => children(column, 'layoutItems'))
            .map((item) => text(item, 'field') ?? '');
        const custom = placed.filter((field) => !STANDARD_FIELDS.has(field));
        expect(custom.sort()).toEqual([...readObjectFields(object).keys()].sort());
    });
});

describe('list views', () => {
    it.each([SUBSCRIPTION, USER_LICENSE, SYNC_RUN])('name existing columns on %s', (object) => {
        const view = readMetadata(
            path.join(DEFAULT_DIR, 'objects', object, 'listViews/All.listView-meta.xml')
        );
        const columns = texts(view, 'columns').filter((column) => column !== 'NAME');
        const fields = readObjectFields(object);
        expect(columns.length).toBeGreaterThan(0);
        expect(columns.filter((column) => !fields.has(column))).toEqual([]);
        expect(text(view, 'filterScope')).toBe('Everything');
    });
});
