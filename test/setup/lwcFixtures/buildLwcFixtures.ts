/**
 * Writes the wire payload fixtures of the license components from one
 * sample organisation (sampleOrg.json beside this file), so the panel and
 * the admin page are tested against the same records and seat counts.
 *
 * Run after changing sampleOrg.json or a component's query:
 *   scripts/node22.sh node test/setup/lwcFixtures/buildLwcFixtures.ts
 * With `--check` it writes nothing and exits with status 1 when a fixture
 * on disk differs from what it would write.
 *
 * The payloads have the shape the GraphQL wire adapter emits as `data`
 * (GraphQL API Developer Guide, "Query Record Objects" and "Aggregate
 * Examples") and the shape getObjectInfo emits (User Interface API
 * Developer Guide, "Object Info").
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface SampleSubscription {
    Id: string;
    Name: string;
    License_Code__c: string;
    Purchased_Seats__c: number;
    Provisioned__c: boolean;
    Assignable__c: boolean;
    Source_Name__c: string;
}

interface SampleUser {
    key: string;
    Id: string;
    Name: string;
    IsActive: boolean;
    licenseRecordId: string | null;
    licenses: string[];
}

interface SampleSyncRun {
    Id: string;
    Name: string;
    Status__c: string;
    CreatedDate: string;
    [field: string]: string | number | null;
}

interface SampleOrg {
    legacyCtiAllowed: boolean;
    subscriptions: SampleSubscription[];
    users: SampleUser[];
    syncRuns: SampleSyncRun[];
}

// The catalogue's checkbox fields, as docs/architecture.md fixes them. This
// script runs as plain Node code, which cannot resolve `c/licenseRules`.
const LICENSE_FIELDS: Record<string, string> = {
    CTI: 'CTI__c',
    FREEDOM: 'Freedom__c',
    SCV: 'Service_Cloud_Voice__c',
    VOICE: 'Voice__c',
    RECORD: 'Record__c',
    PCI: 'PCI__c',
    INSIGHTS: 'Insights__c',
    AI_PROMPT_STUDIO: 'AI_Prompt_Studio__c',
    SMS: 'SMS__c',
    WHATSAPP: 'WhatsApp__c'
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const lwcRoot = join(root, 'force-app', 'main', 'default', 'lwc');

function value<T>(raw: T): { value: T } {
    return { value: raw };
}

function connection<T>(nodes: T[]): { edges: { node: T }[] } {
    return { edges: nodes.map((node) => ({ node })) };
}

// Mirrors the components' seat holder aggregates: per-user license records
// grouped by their ten checkboxes, with the record count of each group.
// Groups come in the order their first holder appears in sampleOrg.json.
// The seat policy is not applied here, because the components apply it to
// the groups.
function holderGroups(holders: SampleUser[]) {
    const groups = new Map<string, { licenses: string[]; count: number }>();
    for (const user of holders) {
        const held = Object.keys(LICENSE_FIELDS).filter((license) =>
            user.licenses.includes(license)
        );
        const key = held.join(',');
        const group = groups.get(key) ?? { licenses: held, count: 0 };
        group.count += 1;
        groups.set(key, group);
    }
    return connection(
        [...groups.values()].map((group) => {
            const aggregate: Record<string, unknown> = {};
            for (const [license, field] of Object.entries(LICENSE_FIELDS)) {
                aggregate[field] = value(group.licenses.includes(license));
            }
            aggregate.Id = { count: value(group.count) };
            return { aggregate };
        })
    );
}

function seatAggregates(org: SampleOrg) {
    const holders = org.users.filter((user) => user.licenseRecordId !== null);
    return {
        holders: holderGroups(holders),
        inactiveHolders: holderGroups(holders.filter((user) => !user.IsActive))
    };
}

// Subscription fields each component's query selects, besides Id.
const SUBSCRIPTION_FIELDS = [
    'Name',
    'License_Code__c',
    'Purchased_Seats__c',
    'Provisioned__c',
    'Assignable__c'
] as const;

function subscriptionNodes(org: SampleOrg, extraFields: readonly string[]) {
    const sorted = [...org.subscriptions].sort((a, b) => a.Name.localeCompare(b.Name));
    return sorted.map((subscription) => {
        const record: Record<string, unknown> = {
            ...subscription,
            Legacy_CTI_Allowed__c: org.legacyCtiAllowed
        };
        const node: Record<string, unknown> = { Id: subscription.Id };
        for (const field of [...SUBSCRIPTION_FIELDS, ...extraFields]) {
            node[field] = value(record[field]);
        }
        return node;
    });
}

function licenseRecordNode(user: SampleUser) {
    const node: Record<string, unknown> = { Id: user.licenseRecordId };
    for (const [license, field] of Object.entries(LICENSE_FIELDS)) {
        node[field] = value(user.licenses.includes(license));
    }
    return node;
}

function panelPayload(org: SampleOrg, user: SampleUser) {
    return {
        uiapi: {
            query: {
                User: connection([
                    { Id: user.Id, Name: value(user.Name), IsActive: value(user.IsActive) }
                ]),
                Natterbox_User_License__c: connection(
                    user.licenseRecordId ? [licenseRecordNode(user)] : []
                ),
                Natterbox_Subscription__c: connection(
                    subscriptionNodes(org, ['Legacy_CTI_Allowed__c'])
                )
            },
            aggregate: seatAggregates(org)
        }
    };
}

function latestRun(org: SampleOrg) {
    const [latest] = [...org.syncRuns].sort((a, b) => b.CreatedDate.localeCompare(a.CreatedDate));
    if (!latest) {
        return [];
    }
    const node: Record<string, unknown> = { Id: latest.Id };
    for (const [field, raw] of Object.entries(latest)) {
        if (field !== 'Id') {
            node[field] = value(raw);
        }
    }
    return [node];
}

function adminPayload(org: SampleOrg) {
    return {
        uiapi: {
            query: {
                Natterbox_Subscription__c: connection(subscriptionNodes(org, ['Source_Name__c'])),
                Natterbox_Sync_Run__c: connection(latestRun(org))
            },
            aggregate: seatAggregates(org)
        }
    };
}

function fieldInfo(apiName: string, label: string, editable: boolean) {
    return { apiName, label, createable: editable, updateable: editable };
}

function licenseObjectInfo() {
    const fields: Record<string, ReturnType<typeof fieldInfo>> = {
        Id: fieldInfo('Id', 'Record ID', false),
        Name: fieldInfo('Name', 'User License Number', false),
        User__c: fieldInfo('User__c', 'User', true),
        User_Id__c: fieldInfo('User_Id__c', 'User ID', true)
    };
    for (const field of Object.values(LICENSE_FIELDS)) {
        fields[field] = fieldInfo(field, field.replace(/__c$/, '').replace(/_/g, ' '), true);
    }
    return {
        apiName: 'Natterbox_User_License__c',
        label: 'Natterbox User License',
        labelPlural: 'Natterbox User Licenses',
        keyPrefix: 'a02',
        createable: true,
        updateable: true,
        deletable: true,
        queryable: true,
        fields
    };
}

const checkOnly = process.argv.includes('--check');
const staleFixtures: string[] = [];

function write(bundle: string, name: string, payload: unknown): void {
    const path = join(lwcRoot, bundle, '__tests__', 'data', name);
    const text = `${JSON.stringify(payload, null, 4)}\n`;
    const relativePath = path.slice(root.length + 1);
    if (checkOnly) {
        const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
        if (current !== text) {
            staleFixtures.push(relativePath);
        }
        return;
    }
    writeFileSync(path, text);
    console.log(`wrote ${relativePath}`);
}

function main(): void {
    const org = JSON.parse(
        readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'sampleOrg.json'), 'utf8')
    ) as SampleOrg;

    for (const key of ['priya', 'tom', 'lena', 'sam']) {
        const user = org.users.find((candidate) => candidate.key === key);
        if (!user) {
            throw new Error(
                `sampleOrg.json has no user with key "${key}"; add it or change the list.`
            );
        }
        write('userLicensePanel', `graphqlPanel.${key}.json`, panelPayload(org, user));
    }
    write('userLicensePanel', 'getObjectInfo.json', licenseObjectInfo());
    write('licenseAdmin', 'graphqlAdmin.json', adminPayload(org));

    if (staleFixtures.length > 0) {
        console.error(
            `Stale fixtures: ${staleFixtures.join(', ')}. Run this script without --check to rewrite them.`
        );
        process.exitCode = 1;
    }
}

main();
