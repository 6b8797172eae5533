/**
 * The alias table: how subscription names as Natterbox spells them map to
 * catalogue licenses. Natterbox's item names do not match the catalogue one
 * to one ("Insight" is the Insights license, "Contact Center" is the Voice
 * feature set), so every name goes through this table. Admins extend it with
 * `--aliases FILE` without changing code.
 */
import { LICENSE_CODES, type LicenseCode } from 'c/licenseRules';
import { InvalidOptionsError } from './errors';
import { readTextFile } from './source';

/** Built-in aliases: source name to catalogue code. Matching ignores case, spaces, `-` and `_`. */
export const DEFAULT_ALIASES: Readonly<Record<string, LicenseCode>> = {
    CTI: 'CTI',
    'Legacy CTI': 'CTI',
    Freedom: 'FREEDOM',
    'Service Cloud Voice': 'SCV',
    SCV: 'SCV',
    'Contact Center': 'VOICE',
    'Contact Centre': 'VOICE',
    Voice: 'VOICE',
    Record: 'RECORD',
    'Call Recording': 'RECORD',
    PCI: 'PCI',
    Insight: 'INSIGHTS',
    Insights: 'INSIGHTS',
    'AI Prompt Studio': 'AI_PROMPT_STUDIO',
    'Personalised SMS': 'SMS',
    'Personalized SMS': 'SMS',
    SMS: 'SMS',
    WhatsApp: 'WHATSAPP'
};

/** A lookup from normalised source names to catalogue codes. */
export type AliasTable = ReadonlyMap<string, LicenseCode>;

/**
 * Normalises a source name for matching: Unicode NFKC (so full-width
 * "Ｆｒｅｅｄｏｍ" reads as "Freedom"), lower case, without whitespace, `-` or `_`.
 */
export function normaliseName(name: string): string {
    return name
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\s_-]+/g, '');
}

/**
 * Builds the alias table from the built-in aliases plus `extra` (entries in
 * `extra` win). Each catalogue code also matches itself, so `AI_PROMPT_STUDIO`
 * in a source maps without an alias.
 */
export function buildAliasTable(extra: Readonly<Record<string, LicenseCode>> = {}): AliasTable {
    const table = new Map<string, LicenseCode>();
    for (const code of LICENSE_CODES) {
        table.set(normaliseName(code), code);
    }
    for (const [name, code] of Object.entries({ ...DEFAULT_ALIASES, ...extra })) {
        table.set(normaliseName(name), code);
    }
    return table;
}

/** Returns the catalogue code a source name maps to, or undefined when it maps to none. */
export function resolveLicense(table: AliasTable, sourceName: string): LicenseCode | undefined {
    return table.get(normaliseName(sourceName));
}

/**
 * Returns the code that mirrors a subscription outside the catalogue:
 * `OTHER_` plus the name in upper snake case ("Cloud PBX" becomes `OTHER_CLOUD_PBX`).
 */
export function otherLicenseCode(sourceName: string): string {
    const snake = sourceName
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .toUpperCase();
    if (snake !== '') {
        return `OTHER_${snake}`;
    }
    // A name with no Latin letter or digit ("電話") keeps a distinct code built from its code points.
    const codePoints = [...sourceName.normalize('NFC').replace(/\s+/g, '')].map(
        (character) => `U${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()}`
    );
    return `OTHER_${codePoints.join('_')}`;
}

/**
 * Reads extra aliases from a JSON file: an object of source name to catalogue
 * code, for example `{ "Freedom Web Phone": "FREEDOM" }`. Raises
 * InvalidOptionsError when the file cannot be read or names an unknown code.
 */
export function loadAliasFile(path: string): Record<string, LicenseCode> {
    const text = readTextFile(path, (message) => {
        throw new InvalidOptionsError(`The alias file ${path} ${message}.`);
    });
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new InvalidOptionsError(
            `The alias file ${path} could not be read as JSON (${(error as Error).message}). ` +
                'Write it as an object of Natterbox name to license code, for example { "Web Phone": "FREEDOM" }.'
        );
    }
    return validateAliases(path, parsed);
}

function validateAliases(path: string, parsed: unknown): Record<string, LicenseCode> {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new InvalidOptionsError(
            `The alias file ${path} must contain a JSON object of Natterbox name to license code.`
        );
    }
    const aliases: Record<string, LicenseCode> = {};
    const byKey = new Map<string, string>();
    for (const [name, code] of Object.entries(parsed)) {
        if (typeof code !== 'string' || !(LICENSE_CODES as readonly string[]).includes(code)) {
            throw new InvalidOptionsError(
                `The alias file ${path} maps "${name}" to ${JSON.stringify(code)}, which is not a license code. ` +
                    `Use one of: ${LICENSE_CODES.join(', ')}.`
            );
        }
        const key = normaliseName(name);
        if (key === '' || /[\p{Cc}\p{Cf}]/u.test(name)) {
            throw new InvalidOptionsError(
                `The alias file ${path} contains the name ${JSON.stringify(name)}, which is empty or contains ` +
                    'an invisible or control character. Remove it.'
            );
        }
        const other = byKey.get(key);
        if (other !== undefined && aliases[other] !== code) {
            throw new InvalidOptionsError(
                `The alias file ${path} maps "${other}" to ${aliases[other]} and "${name}" to ${code}, but the two ` +
                    'names match each other (matching ignores case, spaces, - and _). Keep one of them.'
            );
        }
        byKey.set(key, name);
        aliases[name] = code as LicenseCode;
    }
    return aliases;
}
