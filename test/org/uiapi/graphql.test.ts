// Response bodies are arbitrary JSON that the tests read by path.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { UiApiFixture } from './helpers';
import { postGraphQl, startFixtureOrg } from './helpers';
import { startOrg, type LocalOrg } from '../../../scripts/org/org';

let fixture: UiApiFixture;

beforeAll(async () => {
    fixture = await startFixtureOrg();
});

afterAll(async () => {
    await fixture.org.close();
});

/** Counts license records straight from SQLite, as a check independent of the GraphQL path. */
function countInDatabase(sqlWhere: string): number {
    const row = fixture.org.store.db
        .prepare(
            `SELECT COUNT(*) AS n FROM natterbox_user_license__c l LEFT JOIN "user" u ON u.id = l.user__c WHERE ${sqlWhere}`
        )
        .get() as { n: number };
    return Number(row.n);
}

describe('GraphQL record queries', () => {
    it('returns filtered nodes with values and parents', async () => {
        const { status, data, errors } = await postGraphQl(
            fixture.org,
            `query licenses($active: Boolean) {
                uiapi { query {
                    Natterbox_User_License__c(
                        where: { and: [{ Freedom__c: { eq: true } }, { User__r: { IsActive: { eq: $active } } }] }
                    ) {
                        edges { node { Id Freedom__c { value displayValue } holder: User__r { Id Name { value } } } }
                    }
                } }
            }`,
            { active: true }
        );

        expect(status).toBe(200);
        expect(errors).toEqual([]);
        const edges = data.uiapi.query.Natterbox_User_License__c.edges;
        expect(edges).toHaveLength(1);
        expect(edges[0].node.Id).toBe(fixture.licenses.Lovelace);
        expect(edges[0].node.Freedom__c).toEqual({ value: true, displayValue: null });
        expect(edges[0].node.holder.Id).toBe(fixture.users.Lovelace);
        expect(edges[0].node.holder.Name.value).toBe('Ada Lovelace');
    });

    it('orders and pages with cursors', async () => {
        const page = (after?: string) =>
            postGraphQl(
                fixture.org,
                `query users($after: String) { uiapi { query {
                    User(first: 2, after: $after, orderBy: { LastName: { order: DESC } }, where: { LastName: { ne: "Admin" } }) {
                        totalCount
                        pageInfo { hasNextPage hasPreviousPage endCursor }
                        edges { node { LastName { value } } }
                    }
                } } }`,
                { after }
            );

        const first = (await page()).data.uiapi.query.User;
        const second = (await page(first.pageInfo.endCursor)).data.uiapi.query.User;

        const names = (connection: any) =>
            connection.edges.map((edge: any) => edge.node.LastName.value);
        expect(first.totalCount).toBe(countUsers() - countUsersNamed('Admin'));
        expect(names(first)).toEqual(['Turing', "O'Dijkstra"]);
        expect(first.pageInfo.hasNextPage).toBe(true);
        expect(first.pageInfo.hasPreviousPage).toBe(false);
        expect(names(second)).toEqual(['Lovelace', 'Hopper']);
        expect(second.pageInfo.hasPreviousPage).toBe(true);
    });

    it('keeps quotes in string filters as data', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            `query byName($name: String) { uiapi { query { User(where: { LastName: { eq: $name } }) {
                edges { node { Id } }
            } } } }`,
            { name: "x' OR LastName != '" }
        );
        const quoted = await postGraphQl(
            fixture.org,
            `{ uiapi { query { User(where: { LastName: { like: "O'Dij%" } }) { edges { node { Id } } } } } }`
        );

        expect(errors).toEqual([]);
        expect(data.uiapi.query.User.edges).toEqual([]);
        expect(quoted.data.uiapi.query.User.edges).toEqual([
            { node: { Id: fixture.users["O'Dijkstra"] } }
        ]);
    });

    it('defaults to ten records a page', async () => {
        const extra = Array.from({ length: 12 }, (_, index) => ({
            LastName: `Bulk${String(index).padStart(2, '0')}`,
            Username: `bulk${index}@example.invalid`,
            Email: `bulk${index}@example.invalid`,
            ProfileId: fixture.org.base.standardProfileId
        }));
        fixture.org.seed.insert('User', extra);

        const { data } = await postGraphQl(
            fixture.org,
            `{ uiapi { query { User(where: { LastName: { like: "Bulk%" } }) { totalCount pageInfo { hasNextPage } edges { node { Id } } } } } }`
        );

        expect(data.uiapi.query.User.totalCount).toBe(12);
        expect(data.uiapi.query.User.edges).toHaveLength(10);
        expect(data.uiapi.query.User.pageInfo.hasNextPage).toBe(true);
    });
});

function countUsers(): number {
    return Number(
        (fixture.org.store.db.prepare('SELECT COUNT(*) AS n FROM "user"').get() as { n: number }).n
    );
}

function countUsersNamed(lastName: string): number {
    const row = fixture.org.store.db
        .prepare('SELECT COUNT(*) AS n FROM "user" WHERE lastname = ?')
        .get(lastName) as {
        n: number;
    };
    return Number(row.n);
}

describe('GraphQL aggregate queries', () => {
    it('counts with a relationship filter', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            `{ uiapi { aggregate {
                inactive: Natterbox_User_License__c(where: { and: [{ Freedom__c: { eq: true } }, { User__r: { IsActive: { eq: false } } }] }) {
                    edges { node { aggregate { Id { count { value } } } } }
                }
                all: Natterbox_User_License__c { edges { node { aggregate { Id { count { value } } } } } }
            } } }`
        );

        expect(errors).toEqual([]);
        expect(data.uiapi.aggregate.inactive.edges[0].node.aggregate.Id.count.value).toBe(
            countInDatabase('l.freedom__c = 1 AND u.isactive = 0')
        );
        expect(data.uiapi.aggregate.all.edges[0].node.aggregate.Id.count.value).toBe(
            countInDatabase('1 = 1')
        );
    });

    it('groups and sums', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            `{ uiapi { aggregate {
                Natterbox_User_License__c(groupBy: { Freedom__c: { group: true } }) {
                    edges { node { aggregate { Freedom__c { value } Id { count { value } } } } }
                }
                Natterbox_Subscription__c { edges { node { aggregate { Purchased_Seats__c { sum { value } } } } } }
            } } }`
        );

        expect(errors).toEqual([]);
        const groups = data.uiapi.aggregate.Natterbox_User_License__c.edges.map((edge: any) => [
            edge.node.aggregate.Freedom__c.value,
            edge.node.aggregate.Id.count.value
        ]);
        expect(new Map(groups)).toEqual(
            new Map([
                [true, countInDatabase('l.freedom__c = 1')],
                [false, countInDatabase('l.freedom__c = 0')]
            ])
        );
        expect(
            data.uiapi.aggregate.Natterbox_Subscription__c.edges[0].node.aggregate
                .Purchased_Seats__c.sum.value
        ).toBe(4);
    });
});

describe('GraphQL grouped aggregates', () => {
    const licenseGroups = (filter: string) => `{ uiapi { aggregate {
        Natterbox_User_License__c(
            ${filter}
            groupBy: { CTI__c: { group: true }, Freedom__c: { group: true }, Voice__c: { group: true } }
            first: 1024
        ) {
            edges { node { aggregate {
                CTI__c { value } Freedom__c { value } Voice__c { value } Id { count { value } }
            } } }
        }
    } } }`;

    /** Reads each group as `CTI,Freedom,Voice` mapped to its record count. */
    function groupCounts(data: any): Map<string, number> {
        return new Map(
            data.uiapi.aggregate.Natterbox_User_License__c.edges.map((edge: any) => {
                const { CTI__c, Freedom__c, Voice__c, Id } = edge.node.aggregate;
                return [`${CTI__c.value},${Freedom__c.value},${Voice__c.value}`, Id.count.value];
            })
        );
    }

    it('groups by several fields', async () => {
        const { data, errors } = await postGraphQl(fixture.org, licenseGroups(''));

        expect(errors).toEqual([]);
        expect(groupCounts(data)).toEqual(
            new Map([
                [
                    'true,true,true',
                    countInDatabase('l.cti__c = 1 AND l.freedom__c = 1 AND l.voice__c = 1')
                ],
                [
                    'false,false,false',
                    countInDatabase('l.cti__c = 0 AND l.freedom__c = 0 AND l.voice__c = 0')
                ],
                [
                    'true,true,false',
                    countInDatabase('l.cti__c = 1 AND l.freedom__c = 1 AND l.voice__c = 0')
                ]
            ])
        );
    });

    it('groups with a parent field filter', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            licenseGroups('where: { User__r: { IsActive: { eq: false } } }')
        );

        expect(errors).toEqual([]);
        expect(groupCounts(data)).toEqual(
            new Map([
                [
                    'true,true,false',
                    countInDatabase(
                        'u.isactive = 0 AND l.cti__c = 1 AND l.freedom__c = 1 AND l.voice__c = 0'
                    )
                ]
            ])
        );
    });
});

describe('GraphQL aggregate paging', () => {
    let pagingOrg: LocalOrg;

    beforeAll(async () => {
        pagingOrg = await startOrg({ port: 0, seed: 'none', logError: () => undefined });
        pagingOrg.seed.insert(
            'Natterbox_User_License__c',
            Array.from({ length: 12 }, (_, index) => ({ User_Id__c: `user-${index}` }))
        );
    });

    afterAll(async () => {
        await pagingOrg.close();
    });

    const groupsByUserId = (first: string) => `{ uiapi { aggregate {
        Natterbox_User_License__c(${first} groupBy: { User_Id__c: { group: true } }) {
            edges { node { aggregate { User_Id__c { value } } } }
        }
    } } }`;

    it('defaults to ten groups a page', async () => {
        const { data, errors } = await postGraphQl(pagingOrg, groupsByUserId(''));

        expect(errors).toEqual([]);
        expect(data.uiapi.aggregate.Natterbox_User_License__c.edges).toHaveLength(10);
    });

    it('returns every group up to first', async () => {
        const { data, errors } = await postGraphQl(pagingOrg, groupsByUserId('first: 2000'));

        expect(errors).toEqual([]);
        expect(data.uiapi.aggregate.Natterbox_User_License__c.edges).toHaveLength(12);
    });

    it('rejects an aggregate page size above 2000', async () => {
        const { errors } = await postGraphQl(pagingOrg, groupsByUserId('first: 2001'));

        expect(errors[0].message).toContain('Invalid argument first: 2001');
    });
});

describe('GraphQL errors', () => {
    it('reports an unknown field with its location', async () => {
        const { status, data, errors } = await postGraphQl(
            fixture.org,
            '{ uiapi { query { User { edges { node { Nope { value } } } } } } }'
        );

        expect(status).toBe(200);
        expect(data).toBeNull();
        expect(errors).toHaveLength(1);
        expect(errors[0].message).toContain("'Nope'");
        expect(errors[0].locations).toEqual([{ line: 1, column: 41 }]);
        expect(errors[0].extensions.classification).toBe('ValidationError');
    });

    it('reports invalid syntax', async () => {
        const { data, errors } = await postGraphQl(fixture.org, '{ uiapi { query { User( } }');

        expect(data).toBeNull();
        expect(errors[0].extensions.classification).toBe('InvalidSyntax');
    });

    it('reports an unknown object', async () => {
        const { errors } = await postGraphQl(
            fixture.org,
            '{ uiapi { query { Account { edges { node { Id } } } } } }'
        );

        expect(errors[0].message).toContain("'Account'");
    });

    it('rejects a filter value of the wrong type', async () => {
        const { errors } = await postGraphQl(
            fixture.org,
            '{ uiapi { query { Natterbox_User_License__c(where: { CTI__c: { eq: "yes" } }) { edges { node { Id } } } } } }'
        );

        expect(errors[0].message).toContain('CTI__c');
        expect(errors[0].message).toContain('true or false');
    });

    it('rejects mutations', async () => {
        const { errors } = await postGraphQl(fixture.org, 'mutation { uiapi { x } }');

        expect(errors[0].message).toContain("'mutation'");
    });

    it('rejects a request without a valid token', async () => {
        const response = await fetch(`${fixture.org.instanceUrl}/services/data/v64.0/graphql`, {
            method: 'POST',
            headers: { Authorization: 'Bearer wrong', 'Content-Type': 'application/json' },
            body: JSON.stringify({
                query: '{ uiapi { query { User { edges { node { Id } } } } } }'
            })
        });

        expect(response.status).toBe(401);
    });
});

describe('GraphQL directives and limits', () => {
    it('applies skip and include', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            `query users($withName: Boolean!) { uiapi { query { User(where: { LastName: { eq: "Hopper" } }) {
                edges { node { Id Name @include(if: $withName) { value } LastName @skip(if: true) { value } } }
            } } } }`,
            { withName: false }
        );

        expect(errors).toEqual([]);
        expect(data.uiapi.query.User.edges).toEqual([{ node: { Id: fixture.users.Hopper } }]);
    });

    it('limits aggregate groups with first', async () => {
        const { data } = await postGraphQl(
            fixture.org,
            `{ uiapi { aggregate { Natterbox_User_License__c(first: 1, groupBy: { CTI__c: { group: true } }) {
                edges { node { aggregate { CTI__c { value } } } }
            } } } }`
        );

        expect(data.uiapi.aggregate.Natterbox_User_License__c.edges).toHaveLength(1);
    });

    it('rejects a page size above 2000', async () => {
        const { errors } = await postGraphQl(
            fixture.org,
            '{ uiapi { query { User(first: 2001) { edges { node { Id } } } } } }'
        );

        expect(errors[0].message).toContain('first');
    });
});

describe('GraphQL field values', () => {
    it('formats datetimes and picklists', async () => {
        const [runId] = fixture.org.seed.insert('Natterbox_Sync_Run__c', [
            { Status__c: 'Succeeded', Started_At__c: '2026-01-02T03:04:05.000+0000' }
        ]);

        const { data, errors } = await postGraphQl(
            fixture.org,
            `query run($id: ID) { uiapi { query { Natterbox_Sync_Run__c(where: { Id: { eq: $id } }) {
                edges { node { Started_At__c { value displayValue } Status__c { value displayValue label } } }
            } } } }`,
            { id: runId }
        );

        expect(errors).toEqual([]);
        const node = data.uiapi.query.Natterbox_Sync_Run__c.edges[0].node;
        expect(node.Started_At__c).toEqual({
            value: '2026-01-02T03:04:05.000Z',
            displayValue: '1/2/2026, 3:04 AM'
        });
        expect(node.Status__c).toEqual({
            value: 'Succeeded',
            displayValue: 'Succeeded',
            label: 'Succeeded'
        });
    });
});

describe('GraphQL malformed requests', () => {
    it('rejects a fragment cycle', async () => {
        const { status, data, errors } = await postGraphQl(
            fixture.org,
            'query { uiapi { ...A } } fragment A on UIAPI { ...B } fragment B on UIAPI { ...A }'
        );

        expect(status).toBe(200);
        expect(data).toBeNull();
        expect(errors[0].message).toContain("Cannot spread fragment 'A' within itself");
        expect(errors[0].extensions.classification).toBe('ValidationError');
    });

    it('rejects a query nested too deeply', async () => {
        const depth = 3000;
        const where = `${'{ not: '.repeat(depth)}{ Id: { eq: "x" } }${' }'.repeat(depth)}`;
        const { status, data, errors } = await postGraphQl(
            fixture.org,
            `{ uiapi { query { User(where: ${where}) { edges { node { Id } } } } } }`
        );

        expect(status).toBe(200);
        expect(data).toBeNull();
        expect(errors[0].message).toContain('nested too deeply');
        expect(errors[0].extensions.classification).toBe('InvalidSyntax');
    });

    it('rejects an unknown argument', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            '{ uiapi { query { User(filter: { LastName: { eq: "Hopper" } }) { edges { node { Id } } } } } }'
        );

        expect(data).toBeNull();
        expect(errors[0].message).toContain("Unknown argument 'filter' on field 'User'");
        expect(errors[0].locations).toEqual([{ line: 1, column: 24 }]);
    });

    it('rejects an undeclared variable', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            '{ uiapi { query { User(where: { Id: { eq: $id } }) { edges { node { Id } } } } } }',
            { id: fixture.users.Hopper }
        );

        expect(data).toBeNull();
        expect(errors[0].message).toContain("Variable '$id' is not defined");
    });

    it('rejects a missing required variable', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            'query byId($id: ID!) { uiapi { query { User(where: { Id: { eq: $id } }) { edges { node { Id } } } } } }'
        );

        expect(data).toBeNull();
        expect(errors[0].message).toContain(
            "Variable '$id' of required type 'ID!' was not provided"
        );
    });

    it('names a missing optional variable', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            'query byId($id: ID) { uiapi { query { User(where: { Id: { eq: $id } }) { edges { node { Id } } } } } }'
        );

        expect(data).toBeNull();
        expect(errors[0].message).toContain('Missing filter value for field Id');
    });

    it('shows a number too large for a double', async () => {
        const { errors } = await postGraphQl(
            fixture.org,
            '{ uiapi { query { Natterbox_Subscription__c(where: { Purchased_Seats__c: { gt: 1e400 } }) { edges { node { Id } } } } } }'
        );

        expect(errors[0].message).toContain('Invalid filter value Infinity');
    });

    it('rejects a variable of the wrong type', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            'query byId($id: ID) { uiapi { query { User(where: { Id: { eq: $id } }) { edges { node { Id } } } } } }',
            { id: 42 }
        );

        expect(data).toBeNull();
        expect(errors[0].message).toContain('Invalid filter value 42 for field Id');
    });

    it('keeps a where value out of the SOQL text', async () => {
        const { data, errors } = await postGraphQl(
            fixture.org,
            'query byName($name: String) { uiapi { query { User(where: { LastName: { eq: $name } }) { edges { node { Id } } } } } }',
            { name: "\\' OR LastName != null OR LastName = \\" }
        );

        expect(errors).toEqual([]);
        expect(data.uiapi.query.User.edges).toEqual([]);
    });
});
