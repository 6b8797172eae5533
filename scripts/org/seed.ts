/**
 * Seeding: the org's own records (Organization, profiles, the admin user)
 * and the `sample` data set of realistic users, subscriptions and
 * per-user license records.
 */
import type { RecordValues } from './formulas';
import type { OrgStore } from './store/store';

/** IDs of the records every local org starts with. */
export interface BaseRecords {
    organizationId: string;
    adminUserId: string;
    adminProfileId: string;
    standardProfileId: string;
}

/** Creates the Organization, two profiles and the admin user, once per database. */
export function ensureBaseRecords(store: OrgStore, organizationName: string): BaseRecords {
    const existing = store.prepare('SELECT "id" FROM "organization" LIMIT 1').get() as
        { id: string } | undefined;
    if (existing) {
        const admin = store
            .prepare('SELECT "id", "profileid" FROM "user" ORDER BY "createddate", "id" LIMIT 1')
            .get() as { id: string; profileid: string };
        const standard = store
            .prepare('SELECT "id" FROM "profile" WHERE "name" = ?')
            .get('Standard User') as { id: string };
        store.defaultUserId = admin.id;
        return {
            organizationId: existing.id,
            adminUserId: admin.id,
            adminProfileId: admin.profileid,
            standardProfileId: standard.id
        };
    }
    return store.transaction(() => {
        const organization = store.object('Organization');
        const organizationId = store.newId(organization);
        const now = new Date().toISOString().replace('Z', '+0000');
        store
            .prepare(
                'INSERT INTO "organization" ("id", "name", "organizationtype", "issandbox", "instancename", "languagelocalekey", "defaultlocalesidkey", "timezonesidkey", "isdeleted", "createddate", "lastmodifieddate", "systemmodstamp") VALUES (?, ?, ?, 0, ?, ?, ?, ?, 0, ?, ?, ?)'
            )
            .run(
                organizationId,
                organizationName,
                'Developer Edition',
                'LOCAL',
                'en_US',
                'en_GB',
                'Europe/London',
                now,
                now,
                now
            );
        const adminProfileId = store.insert(
            'Profile',
            { Name: 'System Administrator' },
            { validate: false }
        );
        const standardProfileId = store.insert(
            'Profile',
            { Name: 'Standard User' },
            { validate: false }
        );
        const adminUserId = store.insert(
            'User',
            {
                FirstName: 'Local',
                LastName: 'Admin',
                Username: 'admin@local-org.invalid',
                Email: 'admin@local-org.invalid',
                Alias: 'ladmin',
                IsActive: true,
                ProfileId: adminProfileId,
                TimeZoneSidKey: 'Europe/London',
                LocaleSidKey: 'en_GB',
                LanguageLocaleKey: 'en_US',
                EmailEncodingKey: 'UTF-8'
            },
            { validate: false }
        );
        store.defaultUserId = adminUserId;
        return { organizationId, adminUserId, adminProfileId, standardProfileId };
    });
}

/** Inserts records directly, bypassing HTTP, validation rules and lookup checks; returns their IDs. */
export function insertRecords(
    store: OrgStore,
    objectName: string,
    records: RecordValues[]
): string[] {
    return store.transaction(() =>
        records.map((record) => store.insert(objectName, record, { validate: false }))
    );
}

const FIRST_NAMES = [
    'Amelia',
    'Oliver',
    'Isla',
    'George',
    'Ava',
    'Noah',
    'Mia',
    'Arthur',
    'Sofia',
    'Leo',
    'Grace',
    'Oscar',
    'Freya',
    'Harry',
    'Priya',
    'Jacob',
    'Zara',
    'Kwame',
    'Elena',
    'Tomasz'
];
const LAST_NAMES = [
    'Smith',
    'Jones',
    'Patel',
    'Williams',
    'Brown',
    'Taylor',
    'Nowak',
    'Davies',
    'Evans',
    'Khan',
    'Wilson',
    'Okafor',
    'Roberts',
    'Garcia',
    'Walker',
    'Murphy',
    'Chen',
    'Hughes',
    'Ali',
    'Green'
];
const DEPARTMENTS = ['Sales', 'Service', 'Support', 'Finance', 'Operations'];

/** Options of {@link seedSampleData}. */
export interface SampleOptions {
    /** Users to create besides the admin (default 40). */
    users?: number;
    /** Every n-th user is inactive (default 7). */
    inactiveEvery?: number;
    /** Share of active users that hold a license record, 0 to 1 (default 0.6). */
    licensedShare?: number;
}

/** Per-user license patterns that satisfy the project's validation rules. */
const LICENSE_PATTERNS: RecordValues[] = [
    { Freedom__c: true, CTI__c: true },
    { Freedom__c: true, CTI__c: true, Voice__c: true, Record__c: true },
    { Service_Cloud_Voice__c: true, Voice__c: true },
    { Freedom__c: true, CTI__c: true, Insights__c: true, AI_Prompt_Studio__c: true },
    { Freedom__c: true, CTI__c: true, SMS__c: true, WhatsApp__c: true }
];

const SUBSCRIPTIONS: RecordValues[] = [
    {
        Name: 'Freedom',
        License_Code__c: 'FREEDOM',
        Purchased_Seats__c: 150,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'Freedom'
    },
    {
        Name: 'CTI',
        License_Code__c: 'CTI',
        Purchased_Seats__c: 150,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'CTI'
    },
    {
        Name: 'Service Cloud Voice',
        License_Code__c: 'SCV',
        Purchased_Seats__c: 30,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'Service Cloud Voice'
    },
    {
        Name: 'Voice',
        License_Code__c: 'VOICE',
        Purchased_Seats__c: 80,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'Voice'
    },
    {
        Name: 'Record',
        License_Code__c: 'RECORD',
        Purchased_Seats__c: 40,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'Record'
    },
    {
        Name: 'Insights',
        License_Code__c: 'INSIGHTS',
        Purchased_Seats__c: 20,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'Insights'
    },
    {
        Name: 'AI Prompt Studio',
        License_Code__c: 'AI_PROMPT_STUDIO',
        Purchased_Seats__c: 20,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'AI Prompt Studio'
    },
    {
        Name: 'SMS',
        License_Code__c: 'SMS',
        Purchased_Seats__c: 25,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'SMS'
    },
    {
        Name: 'WhatsApp',
        License_Code__c: 'WHATSAPP',
        Purchased_Seats__c: 25,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: 'WhatsApp'
    }
];

/** Keeps only the fields the object has, so the seed works with smaller fixture schemas. */
function known(store: OrgStore, objectName: string, record: RecordValues): RecordValues {
    const object = store.schemaOf(objectName);
    if (!object) {
        return {};
    }
    const names = new Set(object.fields.map((field) => field.name));
    return Object.fromEntries(Object.entries(record).filter(([key]) => names.has(key)));
}

/** Builds `count` users with varied names, departments and activity; deterministic for a count. */
export function sampleUsers(base: BaseRecords, count: number, inactiveEvery = 7): RecordValues[] {
    return Array.from({ length: count }, (_, index) => {
        const first = FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Sam';
        const last =
            LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Lee';
        const suffix = index >= FIRST_NAMES.length * LAST_NAMES.length ? String(index) : '';
        const username =
            `${first}.${last}${suffix}@example-natterbox-customer.invalid`.toLowerCase();
        return {
            FirstName: first,
            LastName: last,
            Username: username,
            Email: username,
            Alias: `${first.slice(0, 1)}${last.slice(0, 4)}`.toLowerCase(),
            IsActive: (index + 1) % inactiveEvery !== 0,
            ProfileId: index % 10 === 0 ? base.adminProfileId : base.standardProfileId,
            Department: DEPARTMENTS[index % DEPARTMENTS.length],
            Title: index % 10 === 0 ? 'Team Lead' : 'Agent',
            TimeZoneSidKey: 'Europe/London',
            LocaleSidKey: 'en_GB',
            LanguageLocaleKey: 'en_US',
            EmailEncodingKey: 'UTF-8'
        };
    });
}

/** IDs of the records {@link seedSampleData} created. */
export interface SampleSummary {
    userIds: string[];
    inactiveUserIds: string[];
    licensedUserIds: string[];
}

/**
 * Seeds users (some inactive), the catalogue subscriptions and per-user
 * license records for a share of the active users. Objects or fields the
 * schema lacks are skipped.
 */
export function seedSampleData(
    store: OrgStore,
    base: BaseRecords,
    options: SampleOptions = {}
): SampleSummary {
    const users = sampleUsers(base, options.users ?? 40, options.inactiveEvery ?? 7);
    const userIds = insertRecords(store, 'User', users);
    const inactiveUserIds = userIds.filter((_, index) => users[index]?.IsActive === false);
    const activeIds = userIds.filter((_, index) => users[index]?.IsActive === true);
    const licensedCount = Math.round(activeIds.length * (options.licensedShare ?? 0.6));
    const licensedUserIds = activeIds.slice(0, licensedCount);
    if (store.schemaOf('Natterbox_Subscription__c')) {
        insertRecords(
            store,
            'Natterbox_Subscription__c',
            SUBSCRIPTIONS.map((record) => known(store, 'Natterbox_Subscription__c', record))
        );
    }
    if (store.schemaOf('Natterbox_User_License__c')) {
        const licenses = licensedUserIds.map((userId, index) =>
            known(store, 'Natterbox_User_License__c', {
                User__c: userId,
                User_Id__c: userId,
                ...LICENSE_PATTERNS[index % LICENSE_PATTERNS.length]
            })
        );
        insertRecords(store, 'Natterbox_User_License__c', licenses);
    }
    return { userIds, inactiveUserIds, licensedUserIds };
}
