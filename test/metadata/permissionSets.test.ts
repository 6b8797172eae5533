import path from 'node:path';
import {
    ATTRIBUTE_PREFIX,
    children,
    DEFAULT_DIR,
    readMetadata,
    readObjectFields,
    text,
    type XmlNode
} from './metadataFiles';

// Every grant each permission set may hold. The test fails on a grant that
// is missing and on any grant beyond these lists, so widening access means
// changing this file and the reasons in docs/metadata.md together.

const SUBSCRIPTION = 'Natterbox_Subscription__c';
const USER_LICENSE = 'Natterbox_User_License__c';
const SYNC_RUN = 'Natterbox_Sync_Run__c';
const ADMIN_TAB = 'Natterbox_Licensing_Admin';
const APP = 'Natterbox_Licensing';

type ObjectRight =
    | 'allowCreate'
    | 'allowRead'
    | 'allowEdit'
    | 'allowDelete'
    | 'modifyAllRecords'
    | 'viewAllRecords'
    | 'viewAllFields';
type FieldAccess = 'read' | 'edit';

interface Grants {
    objects: Record<string, ObjectRight[]>;
    /** `Object.Field` to access; every custom field not listed must be absent. */
    fields: Record<string, FieldAccess>;
    apps: string[];
    tabs: string[];
    customSettings: string[];
    userPermissions: string[];
}

const LICENSE_CHECKBOXES = [
    'CTI__c',
    'Freedom__c',
    'Service_Cloud_Voice__c',
    'Voice__c',
    'Record__c',
    'PCI__c',
    'Insights__c',
    'AI_Prompt_Studio__c',
    'SMS__c',
    'WhatsApp__c'
];
const SUBSCRIPTION_FIELDS = [
    'License_Code__c',
    'Purchased_Seats__c',
    'Provisioned__c',
    'Assignable__c',
    'Source_Name__c',
    'Last_Synced_At__c',
    'Legacy_CTI_Allowed__c'
];
const SYNC_RUN_FIELDS = [
    'Status__c',
    'Requested_By__c',
    'Dry_Run__c',
    'Started_At__c',
    'Finished_At__c',
    'Created_Count__c',
    'Updated_Count__c',
    'Unchanged_Count__c',
    'Api_Calls__c',
    'Source__c',
    'Message__c'
];

function access(object: string, fields: string[], level: FieldAccess): Record<string, FieldAccess> {
    return Object.fromEntries(fields.map((field) => [`${object}.${field}`, level]));
}

const EXPECTED: Record<string, Grants> = {
    Natterbox_License_Manager: {
        objects: {
            [USER_LICENSE]: ['allowCreate', 'allowRead', 'allowEdit'],
            [SUBSCRIPTION]: ['allowRead'],
            [SYNC_RUN]: ['allowCreate', 'allowRead']
        },
        fields: {
            ...access(USER_LICENSE, [...LICENSE_CHECKBOXES, 'User__c', 'User_Id__c'], 'edit'),
            ...access(SUBSCRIPTION, SUBSCRIPTION_FIELDS, 'read'),
            ...access(SYNC_RUN, SYNC_RUN_FIELDS, 'read'),
            ...access(SYNC_RUN, ['Status__c', 'Requested_By__c', 'Dry_Run__c'], 'edit')
        },
        apps: [APP],
        tabs: [ADMIN_TAB, SUBSCRIPTION, USER_LICENSE, SYNC_RUN],
        customSettings: [],
        userPermissions: []
    },
    Natterbox_License_Viewer: {
        objects: {
            [USER_LICENSE]: ['allowRead'],
            [SUBSCRIPTION]: ['allowRead'],
            [SYNC_RUN]: ['allowRead']
        },
        fields: {
            ...access(USER_LICENSE, [...LICENSE_CHECKBOXES, 'User__c', 'User_Id__c'], 'read'),
            ...access(SUBSCRIPTION, SUBSCRIPTION_FIELDS, 'read'),
            ...access(SYNC_RUN, SYNC_RUN_FIELDS, 'read')
        },
        apps: [APP],
        tabs: [ADMIN_TAB, SUBSCRIPTION, USER_LICENSE, SYNC_RUN],
        customSettings: [],
        userPermissions: []
    },
    Natterbox_Sync_Integration: {
        objects: {
            [SUBSCRIPTION]: ['allowCreate', 'allowRead', 'allowEdit'],
            [USER_LICENSE]: ['allowRead', 'allowEdit'],
            [SYNC_RUN]: ['allowCreate', 'allowRead', 'allowEdit']
        },
        fields: {
            ...access(SUBSCRIPTION, SUBSCRIPTION_FIELDS, 'edit'),
            // A formula field can only be read.
            ...access(SUBSCRIPTION, ['Legacy_CTI_Allowed__c'], 'read'),
            ...access(USER_LICENSE, LICENSE_CHECKBOXES, 'edit'),
            ...access(USER_LICENSE, ['User__c', 'User_Id__c'], 'read'),
            ...access(SYNC_RUN, SYNC_RUN_FIELDS, 'edit')
        },
        apps: [],
        tabs: [],
        customSettings: ['Natterbox_Licensing_Settings__c'],
        userPermissions: ['ApiEnabled']
    }
};

const OBJECT_RIGHTS: ObjectRight[] = [
    'allowCreate',
    'allowRead',
    'allowEdit',
    'allowDelete',
    'modifyAllRecords',
    'viewAllRecords',
    'viewAllFields'
];

function readPermissionSet(name: string): XmlNode {
    return readMetadata(path.join(DEFAULT_DIR, 'permissionsets', `${name}.permissionset-meta.xml`));
}

function grantedObjects(permissionSet: XmlNode): Record<string, ObjectRight[]> {
    return Object.fromEntries(
        children(permissionSet, 'objectPermissions').map((grant) => [
            text(grant, 'object') ?? '',
            OBJECT_RIGHTS.filter((right) => text(grant, right) === 'true').sort()
        ])
    );
}

function grantedFields(permissionSet: XmlNode): Record<string, FieldAccess | 'none'> {
    return Object.fromEntries(
        children(permissionSet, 'fieldPermissions').map((grant) => {
            const editable = text(grant, 'editable') === 'true';
            const readable = text(grant, 'readable') === 'true';
            let level: FieldAccess | 'none' = 'none';
            if (editable) {
                level = 'edit';
            } else if (readable) {
                level = 'read';
            }
            return [text(grant, 'field') ?? '', level];
        })
    );
}

function enabledNames(
    permissionSet: XmlNode,
    tag: string,
    nameTag: string,
    flag: string,
    on: string
) {
    return children(permissionSet, tag)
        .filter((grant) => text(grant, flag) === on)
        .map((grant) => text(grant, nameTag) ?? '')
        .sort();
}

function sortValues(grants: Record<string, ObjectRight[]>): Record<string, ObjectRight[]> {
    return Object.fromEntries(
        Object.entries(grants).map(([object, rights]) => [object, [...rights].sort()])
    );
}

describe.each(Object.keys(EXPECTED))('permission set %s', (name) => {
    const expected = EXPECTED[name] as Grants;
    const permissionSet = readPermissionSet(name);

    it('grants exactly the declared object rights', () => {
        expect(grantedObjects(permissionSet)).toEqual(sortValues(expected.objects));
    });

    it('grants exactly the declared field access', () => {
        expect(grantedFields(permissionSet)).toEqual(expected.fields);
    });

    it('shows exactly the declared app and tabs', () => {
        expect(
            enabledNames(permissionSet, 'applicationVisibilities', 'application', 'visible', 'true')
        ).toEqual([...expected.apps].sort());
        const tabs = children(permissionSet, 'tabSettings').map(
            (tab) => `${text(tab, 'tab')}:${text(tab, 'visibility')}`
        );
        expect(tabs.sort()).toEqual(expected.tabs.map((tab) => `${tab}:Visible`).sort());
    });

    it('grants exactly the declared setting and user permissions', () => {
        expect(
            enabledNames(permissionSet, 'customSettingAccesses', 'name', 'enabled', 'true')
        ).toEqual(expected.customSettings);
        expect(enabledNames(permissionSet, 'userPermissions', 'name', 'enabled', 'true')).toEqual(
            expected.userPermissions
        );
    });

    it('grants nothing else', () => {
        const known = new Set([
            'applicationVisibilities',
            'customSettingAccesses',
            'description',
            'fieldPermissions',
            'hasActivationRequired',
            'label',
            'objectPermissions',
            'tabSettings',
            'userPermissions'
        ]);
        const tags = Object.keys(permissionSet).filter((tag) => !tag.startsWith(ATTRIBUTE_PREFIX));
        expect(tags.filter((tag) => !known.has(tag))).toEqual([]);
        expect(text(permissionSet, 'hasActivationRequired')).toBe('false');
    });

    it('lists only existing fields that allow the access', () => {
        for (const [qualified, level] of Object.entries(grantedFields(permissionSet))) {
            const [object = '', field = ''] = qualified.split('.');
            const definition = readObjectFields(object).get(field);
            expect({ qualified, exists: definition !== undefined }).toEqual({
                qualified,
                exists: true
            });
            // Salesforce rejects field permissions on required fields and edit
            // access on formula fields.
            expect({ qualified, required: text(definition ?? {}, 'required') }).not.toEqual({
                qualified,
                required: 'true'
            });
            if (definition && text(definition, 'formula') !== undefined) {
                expect({ qualified, level }).toEqual({ qualified, level: 'read' });
            }
        }
    });
});
