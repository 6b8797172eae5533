import { LICENSES, stateFromRecord, stateToRecordFields, stateOf } from 'c/licenseRules';
import { allStates, held } from './support';

describe('stateFromRecord', () => {
    it('reads plain checkbox values', () => {
        const state = stateFromRecord({
            Id: 'a01',
            Freedom__c: true,
            CTI__c: true,
            Voice__c: false
        });

        expect(held(state)).toEqual(['CTI', 'FREEDOM']);
    });

    it('reads the GraphQL value shape', () => {
        const state = stateFromRecord({
            Id: 'a01',
            Service_Cloud_Voice__c: { value: true },
            WhatsApp__c: { value: true },
            SMS__c: { value: false },
            AI_Prompt_Studio__c: { value: null }
        });

        expect(held(state)).toEqual(['SCV', 'WHATSAPP']);
    });

    it('reads a UI API record with fields', () => {
        const state = stateFromRecord({
            apiName: 'Natterbox_User_License__c',
            fields: { Insights__c: { value: true, displayValue: null }, PCI__c: { value: false } }
        });

        expect(held(state)).toEqual(['INSIGHTS']);
    });

    it('treats missing and null values as not held', () => {
        expect(held(stateFromRecord({ Voice__c: false, PCI__c: null }))).toEqual([]);
        expect(held(stateFromRecord(null))).toEqual([]);
        expect(held(stateFromRecord(undefined))).toEqual([]);
    });
});

describe('stateToRecordFields', () => {
    it('writes one checkbox per license', () => {
        expect(stateToRecordFields(stateOf(['CTI', 'FREEDOM', 'SMS']))).toEqual({
            CTI__c: true,
            Freedom__c: true,
            Service_Cloud_Voice__c: false,
            Voice__c: false,
            Record__c: false,
            PCI__c: false,
            Insights__c: false,
            AI_Prompt_Studio__c: false,
            SMS__c: true,
            WhatsApp__c: false
        });
    });

    it('round-trips every state', () => {
        for (const state of allStates()) {
            expect(stateFromRecord(stateToRecordFields(state))).toEqual(state);
        }
    });

    it('uses each catalogue field once', () => {
        const fields = Object.keys(stateToRecordFields(stateOf([])));

        expect(fields).toEqual(LICENSES.map((license) => license.fieldApiName));
        expect(new Set(fields).size).toBe(10);
    });
});
