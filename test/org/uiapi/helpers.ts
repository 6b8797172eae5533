// Response bodies are arbitrary JSON that the tests read by path.
/* eslint-disable @typescript-eslint/no-explicit-any */
/** Shared setup of the UI API and GraphQL tests: a local org on port 0 with a small known data set. */
import { startOrg, type LocalOrg } from '../../../scripts/org/org';

/** The records a test org starts with. */
export interface UiApiFixture {
    org: LocalOrg;
    /** Users by last name. */
    users: Record<string, string>;
    /** Per-user license record Ids by the user's last name. */
    licenses: Record<string, string>;
}

/** Starts an org with four users, three license records and two subscriptions. */
export async function startFixtureOrg(): Promise<UiApiFixture> {
    const org = await startOrg({ port: 0, seed: 'none', logError: () => undefined });
    const profileId = org.base.standardProfileId;
    const people = [
        { FirstName: 'Ada', LastName: 'Lovelace', IsActive: true },
        { FirstName: 'Grace', LastName: 'Hopper', IsActive: true },
        { FirstName: 'Alan', LastName: 'Turing', IsActive: false },
        { FirstName: 'Edsger', LastName: "O'Dijkstra", IsActive: true }
    ];
    const userIds = org.seed.insert(
        'User',
        people.map((person) => ({
            ...person,
            Username: `${person.FirstName.toLowerCase()}@example.invalid`,
            Email: `${person.FirstName.toLowerCase()}@example.invalid`,
            Alias: person.FirstName.slice(0, 5),
            ProfileId: profileId
        }))
    );
    const users = Object.fromEntries(
        people.map((person, index) => [person.LastName, userIds[index] ?? ''])
    );

    const holders = [
        { LastName: 'Lovelace', licenses: { Freedom__c: true, CTI__c: true, Voice__c: true } },
        { LastName: 'Hopper', licenses: { Service_Cloud_Voice__c: true } },
        { LastName: 'Turing', licenses: { Freedom__c: true, CTI__c: true } }
    ];
    const licenseIds = org.seed.insert(
        'Natterbox_User_License__c',
        holders.map((holder) => ({
            User__c: users[holder.LastName],
            User_Id__c: users[holder.LastName],
            ...holder.licenses
        }))
    );
    const licenses = Object.fromEntries(
        holders.map((holder, index) => [holder.LastName, licenseIds[index] ?? ''])
    );

    org.seed.insert('Natterbox_Subscription__c', [
        {
            Name: 'Freedom',
            License_Code__c: 'FREEDOM',
            Purchased_Seats__c: 3,
            Provisioned__c: true,
            Assignable__c: true
        },
        {
            Name: 'Voice',
            License_Code__c: 'VOICE',
            Purchased_Seats__c: 1,
            Provisioned__c: true,
            Assignable__c: true
        }
    ]);
    return { org, users, licenses };
}

/** Sends a JSON request to `/services/data/v64.0/<path>` and returns the status and parsed body. */
export async function callApi(
    org: LocalOrg,
    method: string,
    path: string,
    body?: unknown,
    token: string = org.accessToken
): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${org.instanceUrl}/services/data/v64.0/${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** Posts a GraphQL request and returns the status and the `{ data, errors }` body. */
export async function postGraphQl(
    org: LocalOrg,
    query: string,
    variables?: Record<string, unknown>
): Promise<{ status: number; data: any; errors: any[] }> {
    const { status, body } = await callApi(org, 'POST', 'graphql', { query, variables });
    const result = body as { data: unknown; errors: any[] };
    return { status, data: result.data, errors: result.errors };
}
