// Response bodies are arbitrary JSON that the tests read by path.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { UiApiFixture } from './helpers';
import { callApi, startFixtureOrg } from './helpers';

let fixture: UiApiFixture;

beforeAll(async () => {
    fixture = await startFixtureOrg();
});

afterAll(async () => {
    await fixture.org.close();
});

function storedLicense(id: string): Record<string, unknown> | null {
    return fixture.org.store.read('Natterbox_User_License__c', id);
}

function ruleMessage(ruleName: string): string {
    const object = fixture.org.store.object('Natterbox_User_License__c');
    const rule = object.validationRules.find((candidate) => candidate.name === ruleName);
    if (!rule) {
        throw new Error(`The metadata has no validation rule ${ruleName}.`);
    }
    return rule.errorMessage;
}

describe('UI API object info', () => {
    it('describes the license object', async () => {
        const { status, body } = await callApi(
            fixture.org,
            'GET',
            'ui-api/object-info/Natterbox_User_License__c'
        );
        const info = body as any;

        expect(status).toBe(200);
        expect(info.apiName).toBe('Natterbox_User_License__c');
        expect(info.keyPrefix).toBe(fixture.licenses.Lovelace?.slice(0, 3));
        expect(info.updateable).toBe(true);
        expect(info.fields.Freedom__c).toMatchObject({
            dataType: 'Boolean',
            updateable: true,
            createable: true
        });
        expect(info.fields.User__c).toMatchObject({
            dataType: 'Reference',
            relationshipName: 'User__r',
            referenceToInfos: [{ apiName: 'User', nameFields: ['Name'] }]
        });
        expect(info.fields.Name.updateable).toBe(false);
    });

    it('returns 404 for an unknown object', async () => {
        const { status, body } = await callApi(fixture.org, 'GET', 'ui-api/object-info/Nope__c');

        expect(status).toBe(404);
        expect((body as any)[0].errorCode).toBe('NOT_FOUND');
    });
});

describe('UI API get a record', () => {
    it('returns requested fields and parent fields', async () => {
        const id = fixture.licenses.Lovelace ?? '';
        const fields = [
            'Natterbox_User_License__c.Freedom__c',
            'Natterbox_User_License__c.User__r.Name'
        ].join(',');
        const { status, body } = await callApi(
            fixture.org,
            'GET',
            `ui-api/records/${id}?fields=${fields}&optionalFields=Natterbox_User_License__c.Nope__c`
        );
        const record = body as any;

        expect(status).toBe(200);
        expect(record.id).toBe(id);
        expect(record.apiName).toBe('Natterbox_User_License__c');
        expect(Object.keys(record.fields).sort()).toEqual(['Freedom__c', 'User__r']);
        expect(record.fields.Freedom__c).toEqual({ value: true, displayValue: null });
        expect(record.fields.User__r.value.fields.Name.value).toBe('Ada Lovelace');
        expect(record.fields.User__r.value.id).toBe(fixture.users.Lovelace);
    });

    it('rejects an unknown required field', async () => {
        const id = fixture.licenses.Lovelace ?? '';
        const { status, body } = await callApi(
            fixture.org,
            'GET',
            `ui-api/records/${id}?fields=Natterbox_User_License__c.Nope__c`
        );

        expect(status).toBe(400);
        expect((body as any)[0].errorCode).toBe('INVALID_FIELD');
    });

    it('returns 404 for an unknown record', async () => {
        const missing = `${fixture.licenses.Lovelace?.slice(0, 3)}0000009999ZZZ`;
        const { status } = await callApi(fixture.org, 'GET', `ui-api/records/${missing}`);

        expect(status).toBe(404);
    });
});

describe('UI API create a record', () => {
    it('creates a license record', async () => {
        const userId = fixture.users["O'Dijkstra"];
        const { status, body } = await callApi(fixture.org, 'POST', 'ui-api/records', {
            apiName: 'Natterbox_User_License__c',
            fields: { User__c: userId, User_Id__c: userId, Freedom__c: true, CTI__c: true }
        });
        const record = body as any;

        expect(status).toBe(201);
        expect(record.apiName).toBe('Natterbox_User_License__c');
        expect(record.fields.Freedom__c.value).toBe(true);
        const stored = storedLicense(record.id);
        expect(stored?.User__c).toBe(userId);
        expect(stored?.Freedom__c).toBe(true);
        expect(stored?.CTI__c).toBe(true);
    });

    it('returns the validation rule message as a record error', async () => {
        const [userId] = fixture.org.seed.insert('User', [
            {
                LastName: 'Liskov',
                Username: 'barbara@example.invalid',
                Email: 'barbara@example.invalid',
                ProfileId: fixture.org.base.standardProfileId
            }
        ]);
        const before = fixture.org.store.count('Natterbox_User_License__c');
        const { status, body } = await callApi(fixture.org, 'POST', 'ui-api/records', {
            apiName: 'Natterbox_User_License__c',
            fields: { User__c: userId, User_Id__c: userId, Freedom__c: true, CTI__c: false }
        });
        const error = body as any;

        expect(status).toBe(400);
        expect(error.enhancedErrorType).toBe('RecordError');
        expect(error.output.fieldErrors.CTI__c[0].errorCode).toBe(
            'FIELD_CUSTOM_VALIDATION_EXCEPTION'
        );
        expect(error.output.fieldErrors.CTI__c[0].message).toBe(ruleMessage('FREEDOM_BRINGS_CTI'));
        expect(fixture.org.store.count('Natterbox_User_License__c')).toBe(before);
    });

    it('rejects an unknown object', async () => {
        const { status, body } = await callApi(fixture.org, 'POST', 'ui-api/records', {
            apiName: 'Nope__c',
            fields: {}
        });

        expect(status).toBe(400);
        expect((body as any)[0].errorCode).toBe('INVALID_TYPE');
    });
});

describe('UI API update a record', () => {
    it('updates the fields given', async () => {
        const id = fixture.licenses.Lovelace ?? '';
        const { status, body } = await callApi(fixture.org, 'PATCH', `ui-api/records/${id}`, {
            fields: { Record__c: true }
        });
        const record = body as any;

        expect(status).toBe(200);
        expect(record.fields.Record__c.value).toBe(true);
        expect(storedLicense(id)?.Record__c).toBe(true);
        expect(storedLicense(id)?.Voice__c).toBe(true);
    });

    it('keeps the record when a validation rule fails', async () => {
        const id = fixture.licenses.Turing ?? '';
        const { status, body } = await callApi(fixture.org, 'PATCH', `ui-api/records/${id}`, {
            fields: { Service_Cloud_Voice__c: true }
        });
        const error = body as any;

        expect(status).toBe(400);
        expect(error.output.fieldErrors.Service_Cloud_Voice__c[0].message).toBe(
            ruleMessage('FREEDOM_EXCLUDES_SCV')
        );
        expect(storedLicense(id)?.Service_Cloud_Voice__c).toBe(false);
    });

    it('rejects a read-only field', async () => {
        const id = fixture.licenses.Turing ?? '';
        const { status, body } = await callApi(fixture.org, 'PATCH', `ui-api/records/${id}`, {
            fields: { Name: 'renamed' }
        });

        expect(status).toBe(400);
        expect((body as any).output.fieldErrors.Name[0].errorCode).toBe(
            'INVALID_FIELD_FOR_INSERT_UPDATE'
        );
    });

    it('rejects a body without fields', async () => {
        const id = fixture.licenses.Turing ?? '';
        const { status, body } = await callApi(fixture.org, 'PATCH', `ui-api/records/${id}`, {
            Record__c: true
        });

        expect(status).toBe(400);
        expect((body as any)[0].errorCode).toBe('JSON_PARSER_ERROR');
    });
});

describe('UI API delete a record', () => {
    it('deletes the record', async () => {
        const id = fixture.licenses.Hopper ?? '';
        const { status } = await callApi(fixture.org, 'DELETE', `ui-api/records/${id}`);
        const again = await callApi(fixture.org, 'DELETE', `ui-api/records/${id}`);

        expect(status).toBe(204);
        expect(storedLicense(id)).toBeNull();
        expect(again.status).toBe(404);
    });
});

describe('UI API object access', () => {
    it('reports users as not deletable', async () => {
        const { status, body } = await callApi(fixture.org, 'GET', 'ui-api/object-info/User');

        expect(status).toBe(200);
        expect((body as any).deletable).toBe(false);
        expect((body as any).updateable).toBe(true);
    });

    it('rejects deleting a user', async () => {
        const id = fixture.users.Lovelace ?? '';
        const { status, body } = await callApi(fixture.org, 'DELETE', `ui-api/records/${id}`);

        expect(status).toBe(400);
        expect((body as any)[0].errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
        expect(fixture.org.store.read('User', id)).not.toBeNull();
    });

    it('rejects a write to a read-only object', async () => {
        const { status, body } = await callApi(fixture.org, 'POST', 'ui-api/records', {
            apiName: 'Organization',
            fields: { Name: 'Renamed' }
        });

        expect(status).toBe(400);
        expect((body as any).enhancedErrorType).toBe('RecordError');
        expect((body as any).output.errors[0].errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
    });

    it('rejects license fields on a user record', async () => {
        const id = fixture.users.Hopper ?? '';
        const { status, body } = await callApi(fixture.org, 'PATCH', `ui-api/records/${id}`, {
            fields: { Voice__c: true }
        });

        expect(status).toBe(400);
        expect((body as any).output.fieldErrors.Voice__c[0].errorCode).toBe('INVALID_FIELD');
    });

    it('updates a record named by a 15-character Id', async () => {
        const id = fixture.licenses.Lovelace ?? '';
        const { status, body } = await callApi(
            fixture.org,
            'PATCH',
            `ui-api/records/${id.slice(0, 15)}`,
            { fields: { PCI__c: true } }
        );

        expect(status).toBe(200);
        expect((body as any).id).toBe(id);
        expect(storedLicense(id)?.PCI__c).toBe(true);
    });
});
