/**
 * Maps validated source subscriptions to the subscription records the org
 * should hold: catalogue licenses through the alias table, everything else
 * mirrored as a non-assignable `OTHER_` subscription.
 */
import { LICENSES, type LicenseCode } from 'c/licenseRules';
import { normaliseName, otherLicenseCode, resolveLicense, type AliasTable } from './aliases';
import { InvalidSourceError, type SourceIssue } from './errors';
import type { SourceSubscription } from './source';

/** `License_Code__c` is a Text(64) field. */
const MAX_CODE_LENGTH = 64;

/** One subscription as the org should hold it after the sync. */
export interface DesiredSubscription {
    /** `License_Code__c`: a catalogue code, or `OTHER_` plus the source name in upper snake case. */
    code: string;
    /** The catalogue license, or undefined for a subscription outside the catalogue. */
    license: LicenseCode | undefined;
    /** `Name`: the catalogue label, or the source name outside the catalogue. */
    label: string;
    sourceName: string;
    purchased: number;
    provisioned: boolean;
    assignable: boolean;
}

/** Options of mapSubscriptions. */
export interface MappingOptions {
    /** Accept a source with no subscriptions (every existing one then drops to 0 seats). */
    allowEmpty: boolean;
}

/**
 * Maps source subscriptions to desired records. Raises InvalidSourceError
 * when the source is empty (unless allowed), names one subscription twice,
 * or names two subscriptions that map to the same license.
 */
export function mapSubscriptions(
    source: readonly SourceSubscription[],
    aliases: AliasTable,
    sourceLabel: string,
    options: MappingOptions
): DesiredSubscription[] {
    if (source.length === 0 && !options.allowEmpty) {
        throw new InvalidSourceError(sourceLabel, [
            {
                location: 'file',
                message:
                    'contains no subscriptions. An empty source would set every subscription to 0 seats, so ' +
                    'if that is intended, run again with --allow-empty'
            }
        ]);
    }
    const issues: SourceIssue[] = [];
    const byName = new Map<string, SourceSubscription>();
    const byCode = new Map<string, SourceSubscription>();
    const desired: DesiredSubscription[] = [];

    for (const entry of source) {
        const key = normaliseName(entry.name);
        const sameName = byName.get(key);
        if (sameName) {
            issues.push({
                location: entry.location,
                message: `"${entry.name}" is listed twice (also at ${sameName.location}). Keep one entry with the total seats`
            });
            continue;
        }
        byName.set(key, entry);

        const mapped = toDesired(entry, aliases);
        const sameCode = byCode.get(mapped.code);
        if (sameCode) {
            issues.push({
                location: entry.location,
                message:
                    `"${entry.name}" and "${sameCode.name}" (${sameCode.location}) both map to ${mapped.code}. ` +
                    'merge them into one entry or change the alias table'
            });
            continue;
        }
        if (mapped.code.length > MAX_CODE_LENGTH) {
            issues.push({
                location: entry.location,
                message: `"${entry.name}" gives the code ${mapped.code}, longer than ${MAX_CODE_LENGTH} characters. Shorten the name or add an alias`
            });
            continue;
        }
        byCode.set(mapped.code, entry);
        desired.push(mapped);
    }
    if (issues.length > 0) {
        throw new InvalidSourceError(sourceLabel, issues);
    }
    return desired;
}

function toDesired(entry: SourceSubscription, aliases: AliasTable): DesiredSubscription {
    const license = resolveLicense(aliases, entry.name);
    const definition = LICENSES.find((candidate) => candidate.code === license);
    if (license !== undefined && definition !== undefined) {
        return {
            code: license,
            license,
            label: definition.label,
            sourceName: entry.name,
            purchased: entry.purchased,
            provisioned: entry.provisioned,
            assignable: true
        };
    }
    return {
        code: otherLicenseCode(entry.name),
        license: undefined,
        label: entry.name,
        sourceName: entry.name,
        purchased: entry.purchased,
        provisioned: entry.provisioned,
        assignable: false
    };
}
