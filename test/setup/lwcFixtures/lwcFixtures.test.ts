// Response bodies and fixtures are arbitrary JSON that the tests read by path.
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Checks the license components' GraphQL queries and fixtures against the
 * local org: each query runs without errors, and the local org returns the
 * same values the component tests are fed, once record Ids are set aside.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startOrg, type LocalOrg } from '../../../scripts/org/org';

const root = path.join(__dirname, '..', '..', '..');
const lwcRoot = path.join(root, 'force-app', 'main', 'default', 'lwc');
const sampleOrg = JSON.parse(readFileSync(path.join(__dirname, 'sampleOrg.json'), 'utf8'));

function readJson(relativePath: string): any {
    return JSON.parse(readFileSync(path.join(lwcRoot, relativePath), 'utf8'));
}

/** Reads the text of the one gql template literal in a component's query module. */
function readQuery(relativePath: string): string {
    const source = readFileSync(path.join(lwcRoot, relativePath), 'utf8');
    const match = /gql`([\s\S]*?)`;/.exec(source);
    if (!match?.[1]) {
        throw new Error(
            `${relativePath} contains no gql\`...\` literal, so the test cannot read its query.`
        );
    }
    return match[1];
}

/** Replaces every record Id in a payload, so payloads from two orgs compare by value. */
function withoutIds(value: any): any {
    if (Array.isArray(value)) {
        return value.map(withoutIds);
    }
    if (value && typeof value === 'object') {
        const copy: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(value)) {
            copy[key] = key === 'Id' ? '<id>' : withoutIds(inner);
        }
        return copy;
    }
    return value;
}

/**
 * Sorts the groups of each seat holder aggregate, because the GraphQL API
 * does not promise an order for groups and the fixtures list them in
 * sample order. Aggregates carry no record Ids, so they skip withoutIds,
 * which would also hide the `Id { count }` values.
 */
function withSortedGroups(aggregate: Record<string, any>): Record<string, any> {
    const sorted: Record<string, any> = {};
    for (const [alias, connection] of Object.entries(aggregate)) {
        const edges = [...connection.edges].sort((a: unknown, b: unknown) =>
            JSON.stringify(a).localeCompare(JSON.stringify(b))
        );
        sorted[alias] = { ...connection, edges };
    }
    return sorted;
}

/** Copies a record without the given fields. */
function omit(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
    return Object.fromEntries(Object.entries(record).filter(([field]) => !fields.includes(field)));
}

let org: LocalOrg;
const userIds: Record<string, string> = {};

async function postGraphQl(query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${org.instanceUrl}/services/data/v64.0/graphql`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${org.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query, variables })
    });
    return { status: response.status, body: (await response.json()) as any };
}

function seedSampleOrg(): void {
    const fields: Record<string, string> = {
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
    const users = sampleOrg.users as {
        key: string;
        Name: string;
        IsActive: boolean;
        licenseRecordId: string | null;
        licenses: string[];
    }[];
    const ids = org.seed.insert(
        'User',
        users.map((user) => {
            const [firstName, lastName] = user.Name.split(' ');
            return {
                FirstName: firstName,
                LastName: lastName,
                IsActive: user.IsActive,
                Username: `${user.key}@example.invalid`,
                Email: `${user.key}@example.invalid`,
                Alias: user.key.slice(0, 5),
                ProfileId: org.base.standardProfileId
            };
        })
    );
    users.forEach((user, index) => {
        userIds[user.key] = ids[index] ?? '';
    });

    const holders = users.filter((user) => user.licenseRecordId !== null);
    org.seed.insert(
        'Natterbox_User_License__c',
        holders.map((user) => ({
            User__c: userIds[user.key],
            User_Id__c: userIds[user.key],
            ...Object.fromEntries(user.licenses.map((license) => [fields[license], true]))
        }))
    );
    org.seed.insert('Natterbox_Licensing_Settings__c', [
        { Legacy_CTI_Allowed__c: sampleOrg.legacyCtiAllowed }
    ]);
    org.seed.insert(
        'Natterbox_Subscription__c',
        sampleOrg.subscriptions.map((subscription: Record<string, unknown>) =>
            omit(subscription, ['Id'])
        )
    );
    // Only the latest run: CreatedDate is set on insert, so two runs inserted
    // in one millisecond would tie on the ordering the admin query uses.
    const latestRun = [...sampleOrg.syncRuns].sort((a: any, b: any) =>
        b.CreatedDate.localeCompare(a.CreatedDate)
    )[0];
    // Name is an auto number, so the org assigns it.
    org.seed.insert('Natterbox_Sync_Run__c', [omit(latestRun, ['Id', 'Name', 'CreatedDate'])]);
}

beforeAll(async () => {
    org = await startOrg({ port: 0, seed: 'none', logError: () => undefined });
    seedSampleOrg();
});

afterAll(async () => {
    await org.close();
});

describe('panel query against the local org', () => {
    const query = readQuery('userLicensePanel/panelQuery.ts');

    it.each(['priya', 'tom', 'lena', 'sam'])('matches the %s fixture', async (key) => {
        const userId = userIds[key];
        const { status, body } = await postGraphQl(query, { userId, userExternalId: userId });
        const fixture = readJson(`userLicensePanel/__tests__/data/graphqlPanel.${key}.json`);

        expect(status).toBe(200);
        expect(body.errors ?? []).toEqual([]);
        expect(withSortedGroups(body.data.uiapi.aggregate)).toEqual(
            withSortedGroups(fixture.uiapi.aggregate)
        );
        expect(withoutIds(body.data.uiapi.query)).toEqual(withoutIds(fixture.uiapi.query));
    });
});

describe('admin query against the local org', () => {
    const query = readQuery('licenseAdmin/adminQuery.ts');

    it('matches the admin fixture', async () => {
        const { status, body } = await postGraphQl(query);
        const fixture = readJson('licenseAdmin/__tests__/data/graphqlAdmin.json');

        expect(status).toBe(200);
        expect(body.errors ?? []).toEqual([]);
        expect(withSortedGroups(body.data.uiapi.aggregate)).toEqual(
            withSortedGroups(fixture.uiapi.aggregate)
        );
        expect(withoutIds(body.data.uiapi.query.Natterbox_Subscription__c)).toEqual(
            withoutIds(fixture.uiapi.query.Natterbox_Subscription__c)
        );
    });

    it('returns the latest run with every field', async () => {
        const { body } = await postGraphQl(query);
        const fixture = readJson('licenseAdmin/__tests__/data/graphqlAdmin.json');
        const run = body.data.uiapi.query.Natterbox_Sync_Run__c.edges[0].node;
        const expected = fixture.uiapi.query.Natterbox_Sync_Run__c.edges[0].node;

        expect(Object.keys(run).sort()).toEqual(Object.keys(expected).sort());
        expect(run.Status__c).toEqual(expected.Status__c);
        expect(run.Message__c).toEqual(expected.Message__c);
        expect(run.Updated_Count__c).toEqual(expected.Updated_Count__c);
    });
});
