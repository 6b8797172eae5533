import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    buildAliasTable,
    loadAliasFile,
    normaliseName,
    otherLicenseCode,
    resolveLicense
} from '../../scripts/sync/aliases';
import { InvalidOptionsError, InvalidSourceError } from '../../scripts/sync/errors';
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

    it('matches full-width and compatibility forms', () => {
        expect(resolveLicense(table, 'Ｆｒｅｅｄｏｍ')).toBe('FREEDOM');
        expect(resolveLicense(table, 'ＳＭＳ')).toBe('SMS');
    });

    it('builds distinct codes for names without Latin letters', () => {
        expect(otherLicenseCode('電話')).toBe('OTHER_U96FB_U8A71');
        expect(otherLicenseCode('番号')).not.toBe(otherLicenseCode('電話'));
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

describe('loadAliasFile', () => {
    const aliasFile = (content: string | Buffer) => {
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'sync-aliases-')), 'aliases.json');
        writeFileSync(file, content);
        return file;
    };
    const rejection = (file: string) => {
        try {
            loadAliasFile(file);
        } catch (error) {
            expect(error).toBeInstanceOf(InvalidOptionsError);
            return (error as Error).message;
        }
        throw new Error('expected the alias file to be rejected');
    };

    it('reads a file with a byte order mark', () => {
        expect(loadAliasFile(aliasFile('\uFEFF{"Web Phone": "FREEDOM"}'))).toEqual({
            'Web Phone': 'FREEDOM'
        });
    });

    it.each([
        ['malformed JSON', '{"Web Phone": ', 'could not be read as JSON'],
        ['an array', '["FREEDOM"]', 'must contain a JSON object'],
        ['an unknown code', '{"Web Phone": "PHONE"}', 'which is not a license code'],
        ['a code that is not text', '{"Web Phone": 3}', 'which is not a license code'],
        ['an empty name', '{" - ": "FREEDOM"}', 'which is empty or contains'],
        ['a zero-width name', '{"Web\\u200bPhone": "FREEDOM"}', 'which is empty or contains'],
        [
            'two matching names',
            '{"Web Phone": "FREEDOM", "web-phone": "RECORD"}',
            'but the two names match each other'
        ]
    ])('rejects %s', (_case, content, message) => {
        expect(rejection(aliasFile(content))).toContain(message);
    });

    it('rejects a binary file', () => {
        expect(rejection(aliasFile(Buffer.from([0, 1, 2, 3])))).toContain('contains a NUL byte');
    });

    it('rejects a missing file', () => {
        expect(rejection('/nonexistent/aliases.json')).toContain('was not found. Check the path');
    });

    it('rejects a directory', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'sync-aliases-'));
        expect(rejection(folder)).toBe(
            `The alias file ${folder} is a directory, not a file. Check the path.`
        );
    });
});
