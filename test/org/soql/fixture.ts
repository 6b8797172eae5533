/**
 * A small org for the SOQL engine tests: a schema shaped like the product's
 * objects (User with Profile, Natterbox_User_License__c with its User__c
 * lookup, Natterbox_Subscription__c, Natterbox_Sync_Run__c), an in-memory
 * node:sqlite database created with the storage layer's own DDL, and seed
 * records.
 */
import { DatabaseSync } from 'node:sqlite';
import { objectDdl } from '../../../scripts/org/schema/storage';
import type {
    FieldSchema,
    FieldType,
    ObjectSchema,
    OrgSchema
} from '../../../scripts/org/schema/types';
import { compileQuery, type CompileOptions } from '../../../scripts/org/soql';

function field(name: string, type: FieldType, extra: Partial<FieldSchema> = {}): FieldSchema {
    return {
        name,
        label: name,
        type,
        column: name.toLowerCase(),
        required: false,
        unique: false,
        externalId: false,
        createable: true,
        updateable: true,
        nillable: type !== 'boolean',
        ...extra
    };
}

function lookup(name: string, target: string, relationshipName: string): FieldSchema {
    return field(name, 'reference', { referenceTo: [target], relationshipName, length: 18 });
}

function object(name: string, keyPrefix: string, fields: FieldSchema[]): ObjectSchema {
    return {
        name,
        label: name,
        labelPlural: `${name}s`,
        keyPrefix,
        custom: name.endsWith('__c'),
        customSetting: false,
        table: name.toLowerCase(),
        fields: [field('Id', 'id', { length: 18, nillable: false }), ...fields],
        validationRules: []
    };
}

/** Builds the test schema. */
export function testSchema(): OrgSchema {
    return {
        objects: [
            object('Profile', '00e', [field('Name', 'string', { length: 255 })]),
            object('User', '005', [
                field('Name', 'string', { length: 121 }),
                field('Username', 'string', { length: 80, unique: true }),
                field('IsActive', 'boolean'),
                lookup('ProfileId', 'Profile', 'Profile'),
                field('LastLoginDate', 'datetime')
            ]),
            object('Natterbox_User_License__c', 'a01', [
                field('Name', 'string', { length: 80 }),
                lookup('User__c', 'User', 'User__r'),
                field('User_Id__c', 'string', {
                    length: 18,
                    unique: true,
                    externalId: true,
                    caseSensitive: true
                }),
                field('CTI__c', 'boolean'),
                field('Freedom__c', 'boolean'),
                field('SMS__c', 'boolean')
            ]),
            object('Natterbox_Subscription__c', 'a02', [
                field('Name', 'string', { length: 80 }),
                field('License_Code__c', 'string', { length: 64, unique: true, externalId: true }),
                field('Purchased_Seats__c', 'double', { precision: 9, scale: 0 }),
                field('Provisioned__c', 'boolean'),
                field('Last_Synced_At__c', 'datetime'),
                // The product's subscription object has no date field; this one exists to test
                // date-typed filters.
                field('Renewal_Date__c', 'date'),
                field('Legacy_CTI_Allowed__c', 'boolean', {
                    formula: '$Setup.Natterbox_Licensing_Settings__c.Legacy_CTI_Allowed__c',
                    createable: false,
                    updateable: false
                })
            ]),
            object('Natterbox_Sync_Run__c', 'a03', [
                field('Name', 'string', { length: 80 }),
                field('Status__c', 'picklist', {
                    picklistValues: ['Requested', 'Running', 'Succeeded', 'Failed']
                }),
                lookup('Requested_By__c', 'User', 'Requested_By__r'),
                field('Message__c', 'textarea', { length: 32768 }),
                field('Api_Calls__c', 'double', { precision: 9, scale: 0 })
            ]),
            {
                ...object('Natterbox_Licensing_Settings__c', 'a04', [
                    field('SetupOwnerId', 'reference', {
                        referenceTo: ['Organization', 'Profile', 'User'],
                        relationshipName: 'SetupOwner'
                    })
                ]),
                customSetting: true
            }
        ]
    };
}

function insert(db: DatabaseSync, table: string, rows: Record<string, string | number | null>[]) {
    for (const row of rows) {
        const columns = Object.keys(row);
        const placeholders = columns.map(() => '?').join(', ');
        const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders})`;
        db.prepare(sql).run(...Object.values(row));
    }
}

/** Record IDs of the seed data, by a short name. */
export const ids = {
    admin: '00eHu00000AdMiNIAV',
    standard: '00eHu00000StDuSIAV',
    ada: '005Hu00000AbCdEIAV',
    bob: '005Hu00000FgHiJIAV',
    cleo: '005Hu00000KlMnOIAV',
    dev: '005Hu00000PqRsTIAV',
    eve: '005Hu00000UvWxYIAV',
    licenseAda: 'a01Hu00000Lic01IAB',
    licenseBob: 'a01Hu00000Lic02IAB',
    licenseCleo: 'a01Hu00000Lic03IAB',
    licenseDev: 'a01Hu00000Lic04IAB',
    licenseOrphan: 'a01Hu00000Lic05IAB',
    cti: 'a02Hu00000Sub01IAB',
    freedom: 'a02Hu00000Sub02IAB',
    sms: 'a02Hu00000Sub03IAB',
    whatsapp: 'a02Hu00000Sub04IAB',
    other: 'a02Hu00000Sub05IAB'
};

/** The instant tests use as "now": Wednesday 2026-03-11 09:30 UTC. */
export const NOW = new Date('2026-03-11T09:30:00.000Z');

/** Creates the database with the seed records. */
export function seedDatabase(schema: OrgSchema): DatabaseSync {
    const db = new DatabaseSync(':memory:');
    for (const definition of schema.objects) {
        for (const statement of objectDdl(definition)) {
            db.exec(statement);
        }
    }
    insert(db, 'profile', [
        { id: ids.admin, name: 'System Administrator' },
        { id: ids.standard, name: 'Standard User' }
    ]);
    insert(db, 'user', [
        {
            id: ids.ada,
            name: 'Ada Lovelace',
            username: 'ada@example.com',
            isactive: 1,
            profileid: ids.admin,
            lastlogindate: '2026-03-11T08:00:00.000+0000'
        },
        {
            id: ids.bob,
            name: 'bob Brown',
            username: 'bob@example.com',
            isactive: 1,
            profileid: ids.standard,
            lastlogindate: '2026-03-10T23:59:59.000+0000'
        },
        {
            id: ids.cleo,
            name: 'Cleo Chen',
            username: 'cleo@example.com',
            isactive: 0,
            profileid: ids.standard,
            lastlogindate: '2026-03-01T12:00:00.000+0000'
        },
        {
            id: ids.dev,
            name: 'Dev Patel',
            username: 'dev@example.com',
            isactive: 1,
            profileid: null,
            lastlogindate: null
        },
        {
            id: ids.eve,
            name: "Eve O'Neil",
            username: 'eve@example.com',
            isactive: 1,
            profileid: ids.admin,
            lastlogindate: '2026-02-20T10:00:00.000+0000'
        }
    ]);
    insert(db, 'natterbox_user_license__c', [
        {
            id: ids.licenseAda,
            name: 'NUL-000001',
            user__c: ids.ada,
            user_id__c: ids.ada,
            cti__c: 1,
            freedom__c: 1,
            sms__c: 0
        },
        {
            id: ids.licenseBob,
            name: 'NUL-000002',
            user__c: ids.bob,
            user_id__c: ids.bob,
            cti__c: 1,
            freedom__c: 0,
            sms__c: 1
        },
        {
            id: ids.licenseCleo,
            name: 'NUL-000003',
            user__c: ids.cleo,
            user_id__c: ids.cleo,
            cti__c: 0,
            freedom__c: 0,
            sms__c: 0
        },
        {
            id: ids.licenseDev,
            name: 'NUL-000004',
            user__c: ids.dev,
            user_id__c: ids.dev,
            cti__c: 1,
            freedom__c: 0,
            sms__c: 0
        },
        {
            id: ids.licenseOrphan,
            name: 'NUL-000005',
            user__c: null,
            user_id__c: null,
            cti__c: 0,
            freedom__c: 0,
            sms__c: 1
        }
    ]);
    insert(db, 'natterbox_subscription__c', [
        {
            id: ids.cti,
            name: 'CTI',
            license_code__c: 'CTI',
            purchased_seats__c: 10,
            provisioned__c: 1,
            last_synced_at__c: '2026-03-11T00:00:00.000+0000',
            renewal_date__c: '2026-03-11'
        },
        {
            id: ids.freedom,
            name: 'Freedom',
            license_code__c: 'FREEDOM',
            purchased_seats__c: 5,
            provisioned__c: 1,
            last_synced_at__c: '2026-03-10T12:00:00.000+0000',
            renewal_date__c: '2026-03-10'
        },
        {
            id: ids.sms,
            name: 'SMS 100%_off',
            license_code__c: 'SMS',
            purchased_seats__c: 2.5,
            provisioned__c: 0,
            last_synced_at__c: '2026-03-04T00:00:00.000+0000',
            renewal_date__c: '2026-03-04'
        },
        {
            id: ids.whatsapp,
            name: 'WhatsApp',
            license_code__c: 'WHATSAPP',
            purchased_seats__c: null,
            provisioned__c: 0,
            last_synced_at__c: null,
            renewal_date__c: null
        },
        {
            id: ids.other,
            name: 'Call Recording',
            license_code__c: 'OTHER_CALL_RECORDING',
            purchased_seats__c: 3,
            provisioned__c: 1,
            last_synced_at__c: '2026-03-12T00:00:00.000+0000',
            renewal_date__c: '2026-04-01'
        }
    ]);
    insert(db, 'natterbox_sync_run__c', [
        {
            id: 'a03Hu00000Run01IAB',
            name: 'SYNC-000001',
            status__c: 'Succeeded',
            requested_by__c: ids.ada,
            message__c: 'ok',
            api_calls__c: 4
        },
        {
            id: 'a03Hu00000Run02IAB',
            name: 'SYNC-000002',
            status__c: 'Failed',
            requested_by__c: ids.bob,
            message__c: 'timeout',
            api_calls__c: 2
        },
        {
            id: 'a03Hu00000Run03IAB',
            name: 'SYNC-000003',
            status__c: 'Succeeded',
            requested_by__c: ids.ada,
            message__c: null,
            api_calls__c: 6
        }
    ]);
    return db;
}

/** A test org: the schema, the database and a function that runs SOQL against both. */
export interface TestOrg {
    schema: OrgSchema;
    db: DatabaseSync;
    /** Compiles and runs a record or aggregate query and returns its records. */
    query(soql: string, options?: CompileOptions): Record<string, unknown>[];
    /** Compiles and runs a `SELECT COUNT()` query and returns totalSize. */
    count(soql: string, options?: CompileOptions): number;
}

/** Creates a seeded test org; close `db` when done. */
export function createTestOrg(): TestOrg {
    const schema = testSchema();
    const db = seedDatabase(schema);
    return {
        schema,
        db,
        query(soql, options = { now: NOW }) {
            const compiled = compileQuery(soql, schema, options);
            const rows = db.prepare(compiled.sql).all(...compiled.params);
            return rows.map((row) => compiled.toRecord(row as Record<string, unknown>));
        },
        count(soql, options = { now: NOW }) {
            const compiled = compileQuery(soql, schema, options);
            if (!compiled.countOnly) {
                throw new Error(`Not a COUNT() query: ${soql}`);
            }
            const row = db.prepare(compiled.sql).get(...compiled.params) as { totalSize: number };
            return row.totalSize;
        }
    };
}
