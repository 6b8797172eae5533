import {
    buildAliasTable,
    normaliseName,
    otherLicenseCode,
    resolveLicense
} from '../../scripts/sync/aliases';
import { InvalidSourceError } from '../../scripts/sync/errors';
import { mapSubscriptions } from '../../scripts/sync/mapping';
import { planSubscriptionWrites, type SubscriptionRecord } from '../../scripts/sync/planner';
import type { SourceSubscription } from '../../scripts/sync/source';

const entry = (name: string, purchased: number, location = name): SourceSubscription => ({
    name,
    purchased,
    provisioned: true,
    location
});

describe('alias table', () => {
    const table = buildAliasTable();

    it.each([
        ['Insight', 'INSIGHTS'],
        ['Personalised SMS', 'SMS'],
        ['Contact Center', 'VOICE'],
        ['freedom', 'FREEDOM'],
        ['  C T I ', 'CTI'],
        ['Record', 'RECORD'],
        ['WHATSAPP', 'WHATSAPP'],
        ['service cloud voice', 'SCV'],
        ['PCI', 'PCI'],
        ['AI_PROMPT_STUDIO', 'AI_PROMPT_STUDIO'],
        ['ai-prompt studio', 'AI_PROMPT_STUDIO']
    ])('maps %s to %s', (name, code) => {
        expect(resolveLicense(table, name)).toBe(code);
    });

    it('maps names outside the catalogue to nothing', () => {
        expect(resolveLicense(table, 'Cloud PBX')).toBeUndefined();
    });

    it('lets extra aliases add and override names', () => {
        const extended = buildAliasTable({ 'Web Phone': 'FREEDOM', Voice: 'RECORD' });
        expect(resolveLicense(extended, 'web phone')).toBe('FREEDOM');
        expect(resolveLicense(extended, 'Voice')).toBe('RECORD');
    });

    it('normalises case, spaces, hyphens and underscores', () => {
        expect(normaliseName(' Personalised-SMS_x ')).toBe('personalisedsmsx');
    });

    it('builds OTHER_ codes in upper snake case', () => {
        expect(otherLicenseCode('Cloud PBX')).toBe('OTHER_CLOUD_PBX');
        expect(otherLicenseCode('Global Calls (EU)')).toBe('OTHER_GLOBAL_CALLS_EU');
    });
});

describe('mapSubscriptions', () => {
    const table = buildAliasTable();
    const map = (source: SourceSubscription[], allowEmpty = false) =>
        mapSubscriptions(source, table, 'test.json', { allowEmpty });

    it('maps catalogue names and mirrors the rest as not assignable', () => {
        const desired = map([entry('Insight', 4), entry('Numbers', 40)]);
        expect(desired).toEqual([
            {
                code: 'INSIGHTS',
                license: 'INSIGHTS',
                label: 'Insights',
                sourceName: 'Insight',
                purchased: 4,
                provisioned: true,
                assignable: true
            },
            {
                code: 'OTHER_NUMBERS',
                license: undefined,
                label: 'Numbers',
                sourceName: 'Numbers',
                purchased: 40,
                provisioned: true,
                assignable: false
            }
        ]);
    });

    it('rejects an empty source unless allowed', () => {
        expect(() => map([])).toThrow(InvalidSourceError);
        expect(() => map([])).toThrow('--allow-empty');
        expect(map([], true)).toEqual([]);
    });

    it('rejects the same name twice', () => {
        expect(() => map([entry('Freedom', 1, 'line 2'), entry('FREEDOM', 2, 'line 3')])).toThrow(
            'line 3: "FREEDOM" is listed twice (also at line 2)'
        );
    });

    it('rejects two names mapping to one license', () => {
        expect(() => map([entry('Insight', 1, 'a'), entry('Insights', 2, 'b')])).toThrow(
            '"Insights" and "Insight" (a) both map to INSIGHTS'
        );
    });
});

describe('planSubscriptionWrites', () => {
    const table = buildAliasTable();
    const desired = mapSubscriptions([entry('Freedom', 25), entry('Record', 10)], table, 't', {
        allowEmpty: false
    });
    const record = (
        code: string,
        name: string,
        seats: number,
        source: string
    ): SubscriptionRecord => ({
        Id: `a00${code}`,
        License_Code__c: code,
        Name: name,
        Purchased_Seats__c: seats,
        Provisioned__c: true,
        Assignable__c: true,
        Source_Name__c: source
    });

    it('creates every record on an empty org', () => {
        const plan = planSubscriptionWrites([], desired, '2026-12-01T00:00:00.000Z');
        expect(plan.created).toEqual(['FREEDOM', 'RECORD']);
        expect(plan.writes).toHaveLength(2);
        expect(plan.writes[0]).toEqual({
            License_Code__c: 'FREEDOM',
            Name: 'Freedom',
            Purchased_Seats__c: 25,
            Provisioned__c: true,
            Assignable__c: true,
            Source_Name__c: 'Freedom',
            Last_Synced_At__c: '2026-12-01T00:00:00.000Z'
        });
    });

    it('writes nothing when the org matches', () => {
        const plan = planSubscriptionWrites(
            [record('FREEDOM', 'Freedom', 25, 'Freedom'), record('RECORD', 'Record', 10, 'Record')],
            desired,
            'now'
        );
        expect(plan.writes).toEqual([]);
        expect(plan.unchanged).toEqual(['FREEDOM', 'RECORD']);
    });

    it('updates only the changed record', () => {
        const plan = planSubscriptionWrites(
            [record('FREEDOM', 'Freedom', 20, 'Freedom'), record('RECORD', 'Record', 10, 'Record')],
            desired,
            'now'
        );
        expect(plan.updated).toEqual(['FREEDOM']);
        expect(plan.writes.map((write) => write.Purchased_Seats__c)).toEqual([25]);
    });

    it('sets a subscription missing from the source to 0 seats', () => {
        const plan = planSubscriptionWrites(
            [
                record('FREEDOM', 'Freedom', 25, 'Freedom'),
                record('RECORD', 'Record', 10, 'Record'),
                record('PCI', 'PCI', 5, 'PCI')
            ],
            desired,
            'now'
        );
        expect(plan.droppedFromSource).toEqual(['PCI']);
        expect(plan.writes).toEqual([
            expect.objectContaining({
                License_Code__c: 'PCI',
                Purchased_Seats__c: 0,
                Provisioned__c: false
            })
        ]);
    });
});
