/**
 * Readers for the project's metadata source files, shared by the metadata
 * tests. Elements that may repeat are always read as arrays, so a test
 * does not depend on how many entries a file happens to have.
 */
import { XMLParser } from 'fast-xml-parser';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Root of the repository. */
export const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** The default package folder in source format. */
export const DEFAULT_DIR = path.join(PROJECT_ROOT, 'force-app/main/default');

const REPEATED = new Set([
    'fieldPermissions',
    'objectPermissions',
    'tabSettings',
    'userPermissions',
    'applicationVisibilities',
    'customSettingAccesses',
    'classAccesses',
    'pageAccesses',
    'recordTypeVisibilities',
    'customPermissions',
    'flexiPageRegions',
    'itemInstances',
    'target',
    'targetConfig',
    'tabs',
    'actionOverrides',
    'layoutSections',
    'layoutColumns',
    'layoutItems',
    'columns'
]);

/** Repeated elements whose tag is also used for a single value elsewhere, by parent path. */
const REPEATED_PATHS = ['objects.object', 'valueSetDefinition.value'];

/** Prefix of attribute keys in parsed nodes, for example `@_targets` on a targetConfig. */
export const ATTRIBUTE_PREFIX = '@_';

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    parseTagValue: false,
    isArray: (name, jpath) =>
        REPEATED.has(name) || REPEATED_PATHS.some((suffix) => String(jpath).endsWith(suffix))
});

/** A parsed XML element: child elements by tag name, text as strings. */
export type XmlNode = { [tag: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Parses one metadata file and returns its root element (for example the CustomField). */
export function readMetadata(file: string): XmlNode {
    const document = parser.parse(readFileSync(file, 'utf8')) as XmlNode;
    const rootTag = Object.keys(document).find((tag) => !tag.startsWith('?'));
    if (!rootTag) {
        throw new Error(`${file} has no root element`);
    }
    const root = document[rootTag];
    return typeof root === 'object' && !Array.isArray(root) ? root : {};
}

/** Reads a child element as text, or undefined when it is absent. */
export function text(node: XmlNode, tag: string): string | undefined {
    const value = node[tag];
    return typeof value === 'string' ? value : undefined;
}

/** Reads a repeated child element as a list of elements. */
export function children(node: XmlNode, tag: string): XmlNode[] {
    const value = node[tag];
    if (!Array.isArray(value)) {
        return [];
    }
    return value.filter(
        (item): item is XmlNode => typeof item === 'object' && !Array.isArray(item)
    );
}

/** Reads a repeated child element as a list of strings. */
export function texts(node: XmlNode, tag: string): string[] {
    const value = node[tag];
    return Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string')
        : [];
}

/** Lists every file below a folder, recursively. */
export function listFiles(folder: string): string[] {
    if (!existsSync(folder)) {
        return [];
    }
    return readdirSync(folder).flatMap((name) => {
        const file = path.join(folder, name);
        return statSync(file).isDirectory() ? listFiles(file) : [file];
    });
}

/** Reads the fields of a custom object: API name to parsed CustomField. */
export function readObjectFields(objectName: string): Map<string, XmlNode> {
    const folder = path.join(DEFAULT_DIR, 'objects', objectName, 'fields');
    return new Map(
        listFiles(folder).map((file) => {
            const field = readMetadata(file);
            return [text(field, 'fullName') ?? path.basename(file), field];
        })
    );
}

/** Reads the CustomObject file of an object. */
export function readObject(objectName: string): XmlNode {
    return readMetadata(
        path.join(DEFAULT_DIR, 'objects', objectName, `${objectName}.object-meta.xml`)
    );
}
