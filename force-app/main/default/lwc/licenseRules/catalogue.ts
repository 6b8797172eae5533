/**
 * The license catalogue: ten licenses in three groups. Codes, labels and
 * field API names are fixed by docs/architecture.md, and the validation rules,
 * the panel and the sync job all read them from here.
 */
import type { LicenseCode, LicenseDefinition, LicenseGroupDefinition } from './types';

/** Features that come with holding at least one digital channel license. */
export const DIGITAL_FEATURES: readonly string[] = Object.freeze([
    'Digital Messaging',
    'Digital Wrap-Ups',
    'Digital Reporting',
    'Digital Templates',
    'Digital Routing'
]);

/** Groups in display order. */
export const LICENSE_GROUPS: readonly LicenseGroupDefinition[] = Object.freeze([
    Object.freeze({ code: 'INTERFACE', label: 'Interfaces' }),
    Object.freeze({ code: 'VOICE_FEATURE', label: 'Voice features' }),
    Object.freeze({ code: 'DIGITAL_CHANNEL', label: 'Digital channels' })
] as const);

function defineLicense(definition: LicenseDefinition): LicenseDefinition {
    return Object.freeze({ ...definition, features: Object.freeze([...definition.features]) });
}

/** Every license in display order, grouped as LICENSE_GROUPS lists the groups. */
export const LICENSES: readonly LicenseDefinition[] = Object.freeze([
    defineLicense({
        code: 'CTI',
        label: 'CTI',
        group: 'INTERFACE',
        description:
            'The first interface Natterbox built into Salesforce. Freedom includes it, and only legacy CTI organisations may assign it without Freedom.',
        features: ['Natterbox softphone panel inside Salesforce'],
        fieldApiName: 'CTI__c'
    }),
    defineLicense({
        code: 'FREEDOM',
        label: 'Freedom',
        group: 'INTERFACE',
        description:
            'The Natterbox browser phone, which works in the CTI panel, in the Natterbox app and on its own web page. Includes CTI.',
        features: [
            'Web phone in the CTI panel',
            'Web phone in the Natterbox app',
            'Web phone in the browser'
        ],
        fieldApiName: 'Freedom__c'
    }),
    defineLicense({
        code: 'SCV',
        label: 'Service Cloud Voice',
        group: 'INTERFACE',
        description:
            'Natterbox as the telephony provider behind Salesforce Service Cloud Voice, using the Salesforce softphone. Cannot be combined with Freedom.',
        features: [
            'Service Cloud Voice softphone with Natterbox telephony (bring your own telephony)'
        ],
        fieldApiName: 'Service_Cloud_Voice__c'
    }),
    defineLicense({
        code: 'VOICE',
        label: 'Voice',
        group: 'VOICE_FEATURE',
        description: 'The Natterbox phone system itself, whichever interface the user works in.',
        features: [
            'Answering calls from call queues',
            'Looking up, editing and adding Salesforce records while on a call, and routing on their values',
            'Availability states and availability profiles',
            'Real-time wallboards inside Salesforce',
            'Queued calls started by new or changed records, for example web-to-lead-to-queue',
            'Surveys after a call'
        ],
        fieldApiName: 'Voice__c'
    }),
    defineLicense({
        code: 'RECORD',
        label: 'Record',
        group: 'VOICE_FEATURE',
        description:
            'Call recording. Needed both by users whose calls get recorded and by people who play recordings back.',
        features: ['Recording of the user’s calls', 'Listening to call recordings'],
        fieldApiName: 'Record__c'
    }),
    defineLicense({
        code: 'PCI',
        label: 'PCI',
        group: 'VOICE_FEATURE',
        description: 'Accepting card payments by phone in a PCI-compliant way.',
        features: ['PCI-compliant card payments on calls'],
        fieldApiName: 'PCI__c'
    }),
    defineLicense({
        code: 'INSIGHTS',
        label: 'Insights',
        group: 'VOICE_FEATURE',
        description:
            'Natterbox Insights, which transcribes and analyses calls. Every agent or supervisor who works with it needs this license, and it is often paired with AI Prompt Studio.',
        features: ['Call transcription', 'Call analysis'],
        fieldApiName: 'Insights__c'
    }),
    defineLicense({
        code: 'AI_PROMPT_STUDIO',
        label: 'AI Prompt Studio',
        group: 'VOICE_FEATURE',
        description: 'Writing and running AI prompts over Natterbox calls.',
        features: ['AI prompts applied to calls'],
        fieldApiName: 'AI_Prompt_Studio__c'
    }),
    defineLicense({
        code: 'SMS',
        label: 'SMS',
        group: 'DIGITAL_CHANNEL',
        description: 'Sending and receiving messages over SMS.',
        features: ['SMS channel', ...DIGITAL_FEATURES],
        fieldApiName: 'SMS__c'
    }),
    defineLicense({
        code: 'WHATSAPP',
        label: 'WhatsApp',
        group: 'DIGITAL_CHANNEL',
        description: 'Sending and receiving messages over WhatsApp.',
        features: ['WhatsApp channel', ...DIGITAL_FEATURES],
        fieldApiName: 'WhatsApp__c'
    })
]);

/** Every license code in catalogue order. */
export const LICENSE_CODES: readonly LicenseCode[] = Object.freeze(
    LICENSES.map((license) => license.code)
);

const LICENSES_BY_CODE: ReadonlyMap<string, LicenseDefinition> = new Map(
    LICENSES.map((license) => [license.code, license])
);

/** Error for a license code that is not in the catalogue. */
export class UnknownLicenseError extends Error {
    readonly license: unknown;

    constructor(license: unknown) {
        super(
            `Unknown license code ${JSON.stringify(license)}: expected one of ${[...LICENSES_BY_CODE.keys()].join(', ')}.`
        );
        this.name = 'UnknownLicenseError';
        this.license = license;
    }
}

/** Checks whether a value is a catalogue license code. */
export function isLicenseCode(value: unknown): value is LicenseCode {
    return typeof value === 'string' && LICENSES_BY_CODE.has(value);
}

/** Looks up a license by code, and throws UnknownLicenseError for a code outside the catalogue. */
export function getLicense(code: LicenseCode): LicenseDefinition {
    const license = LICENSES_BY_CODE.get(code);
    if (!license) {
        throw new UnknownLicenseError(code);
    }
    return license;
}

/** Returns the label of a catalogue license. */
export function licenseLabel(code: LicenseCode): string {
    return getLicense(code).label;
}
