import * as rules from 'c/licenseRules';
import { findApiMismatches } from '../../force-app/main/default/lwc/licenseRules/__tests__/support/documentedApi';
import {
    DIGITAL_FEATURES,
    LICENSES,
    LICENSE_CODES,
    LICENSE_GROUPS,
    emptyState,
    getLicense,
    isLicenseCode,
    licenseLabel
} from 'c/licenseRules';

describe('license catalogue', () => {
    it('matches the catalogue of the architecture page', () => {
        expect(
            LICENSES.map((license) => [
                license.code,
                license.label,
                license.group,
                license.fieldApiName
            ])
        ).toEqual([
            ['CTI', 'CTI', 'INTERFACE', 'CTI__c'],
            ['FREEDOM', 'Freedom', 'INTERFACE', 'Freedom__c'],
            ['SCV', 'Service Cloud Voice', 'INTERFACE', 'Service_Cloud_Voice__c'],
            ['VOICE', 'Voice', 'VOICE_FEATURE', 'Voice__c'],
            ['RECORD', 'Record', 'VOICE_FEATURE', 'Record__c'],
            ['PCI', 'PCI', 'VOICE_FEATURE', 'PCI__c'],
            ['INSIGHTS', 'Insights', 'VOICE_FEATURE', 'Insights__c'],
            ['AI_PROMPT_STUDIO', 'AI Prompt Studio', 'VOICE_FEATURE', 'AI_Prompt_Studio__c'],
            ['SMS', 'SMS', 'DIGITAL_CHANNEL', 'SMS__c'],
            ['WHATSAPP', 'WhatsApp', 'DIGITAL_CHANNEL', 'WhatsApp__c']
        ]);
        expect(LICENSE_CODES).toEqual(LICENSES.map((license) => license.code));
    });

    it('lists three groups, each holding licenses', () => {
        expect(LICENSE_GROUPS.map((group) => group.code)).toEqual([
            'INTERFACE',
            'VOICE_FEATURE',
            'DIGITAL_CHANNEL'
        ]);
        for (const group of LICENSE_GROUPS) {
            expect(group.label.length).toBeGreaterThan(0);
            expect(LICENSES.some((license) => license.group === group.code)).toBe(true);
        }
    });

    it('describes every license and its features', () => {
        for (const license of LICENSES) {
            expect(license.description).toMatch(/^[A-Z].*\.$/);
            expect(license.features.length).toBeGreaterThan(0);
        }
    });

    it('lists the six Voice features', () => {
        expect(getLicense('VOICE').features).toHaveLength(6);
    });

    it('gives every channel license the digital features', () => {
        expect(DIGITAL_FEATURES).toEqual([
            'Digital Messaging',
            'Digital Wrap-Ups',
            'Digital Reporting',
            'Digital Templates',
            'Digital Routing'
        ]);
        for (const license of LICENSES.filter(
            (candidate) => candidate.group === 'DIGITAL_CHANNEL'
        )) {
            expect(license.features).toEqual(expect.arrayContaining([...DIGITAL_FEATURES]));
        }
    });

    it('is frozen', () => {
        expect(Object.isFrozen(LICENSES)).toBe(true);
        expect(Object.isFrozen(LICENSES[0])).toBe(true);
        expect(Object.isFrozen(LICENSES[0]?.features)).toBe(true);
        expect(Object.isFrozen(emptyState())).toBe(true);
    });

    it('recognises catalogue codes only', () => {
        expect(isLicenseCode('SMS')).toBe(true);
        expect(isLicenseCode('sms')).toBe(false);
        expect(isLicenseCode('OTHER_GLOBAL_CALLS')).toBe(false);
        expect(isLicenseCode(undefined)).toBe(false);
        expect(licenseLabel('AI_PROMPT_STUDIO')).toBe('AI Prompt Studio');
    });
});

describe('c/licenseRules exports', () => {
    it('exports the documented API', () => {
        expect(findApiMismatches(rules)).toEqual([]);
    });
});
