/**
 * Reads custom objects, fields and validation rules from Salesforce DX
 * source format (`objects/<Object>/<Object>.object-meta.xml`,
 * `fields/*.field-meta.xml`, `validationRules/*.validationRule-meta.xml`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { FieldSchema, FieldType, ValidationRuleSchema } from './types';

/** An object as its metadata declares it, before system fields are added. */
export interface CustomObjectSource {
    name: string;
    label: string;
    labelPlural: string;
    customSetting: boolean;
    nameField: FieldSchema;
    fields: FieldSchema[];
    validationRules: ValidationRuleSchema[];
}

/** Raised when a metadata file cannot be read as the object model expects. */
export class MetadataError extends Error {
    constructor(file: string, problem: string) {
        super(`Invalid metadata in ${file}: ${problem}`);
        this.name = 'MetadataError';
    }
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => name === 'value' || name === 'referenceTo'
});

function readXml(file: string, root: string): XmlNode {
    const document = parser.parse(readFileSync(file, 'utf8')) as XmlNode;
    const node = document[root];
    if (!node || typeof node !== 'object') {
        throw new MetadataError(file, `the root element <${root}> is missing`);
    }
    return node as XmlNode;
}

function text(node: XmlNode, key: string): string | undefined {
    const value = node[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
}

function flag(node: XmlNode, key: string): boolean {
    return text(node, key) === 'true';
}

function integer(node: XmlNode, key: string): number | undefined {
    const value = text(node, key);
    return value === undefined ? undefined : Number.parseInt(value, 10);
}

/**
 * Maps a Metadata API field type (CustomField `<type>`) to the field type
 * that REST API Developer Guide: sObject Describe reports.
 */
const METADATA_TO_DESCRIBE_TYPE: Record<string, FieldType> = {
    Text: 'string',
    AutoNumber: 'string',
    TextArea: 'textarea',
    LongTextArea: 'textarea',
    Html: 'textarea',
    Checkbox: 'boolean',
    Number: 'double',
    Currency: 'currency',
    Percent: 'percent',
    Date: 'date',
    DateTime: 'datetime',
    Picklist: 'picklist',
    Lookup: 'reference',
    MasterDetail: 'reference',
    Email: 'email',
    Phone: 'phone',
    Url: 'url'
};

function picklistValues(node: XmlNode): { values: string[]; defaultValue?: string } {
    const valueSet = node.valueSet as XmlNode | undefined;
    const definition = valueSet?.valueSetDefinition as XmlNode | undefined;
    const entries = (definition?.value as XmlNode[] | undefined) ?? [];
    const values = entries.map((entry) => text(entry, 'fullName') ?? '');
    const defaultEntry = entries.find((entry) => flag(entry, 'default'));
    return { values, defaultValue: defaultEntry ? text(defaultEntry, 'fullName') : undefined };
}

function defaultValue(node: XmlNode, type: FieldType): FieldSchema['defaultValue'] {
    const raw = text(node, 'defaultValue');
    if (type === 'boolean') {
        return raw === 'true';
    }
    if (raw === undefined) {
        return undefined;
    }
    if (type === 'double' || type === 'currency' || type === 'percent') {
        return Number(raw);
    }
    // Text defaults are formulas; only a quoted literal is kept.
    const quoted = /^"(.*)"$/.exec(raw) ?? /^'(.*)'$/.exec(raw);
    return quoted ? (quoted[1] ?? null) : undefined;
}

/** Builds a FieldSchema from one CustomField element. */
export function fieldFromMetadata(node: XmlNode, file: string): FieldSchema {
    const name = text(node, 'fullName') ?? path.basename(file).replace(/\.field-meta\.xml$/, '');
    const metadataType = text(node, 'type');
    if (!metadataType) {
        throw new MetadataError(file, `field ${name} has no <type>`);
    }
    const type = METADATA_TO_DESCRIBE_TYPE[metadataType];
    if (!type) {
        throw new MetadataError(
            file,
            `field type ${metadataType} is not supported by the local org`
        );
    }
    const formula = text(node, 'formula');
    const autoNumber = metadataType === 'AutoNumber';
    const computed = formula !== undefined || autoNumber;
    const required = flag(node, 'required') || metadataType === 'MasterDetail';
    const field: FieldSchema = {
        name,
        label: text(node, 'label') ?? name,
        type,
        column: name.toLowerCase(),
        required,
        unique: flag(node, 'unique'),
        externalId: flag(node, 'externalId'),
        createable: !computed,
        updateable: !computed,
        // Checkboxes are never null in Salesforce.
        nillable: !required && type !== 'boolean' && !computed,
        caseSensitive: flag(node, 'caseSensitive'),
        trackHistory: flag(node, 'trackHistory'),
        description: text(node, 'description'),
        inlineHelpText: text(node, 'inlineHelpText')
    };
    if (
        type === 'string' ||
        type === 'textarea' ||
        type === 'email' ||
        type === 'phone' ||
        type === 'url'
    ) {
        field.length = integer(node, 'length') ?? defaultLength(metadataType);
    }
    if (type === 'double' || type === 'currency' || type === 'percent') {
        field.precision = integer(node, 'precision') ?? 18;
        field.scale = integer(node, 'scale') ?? 0;
    }
    if (type === 'reference') {
        field.referenceTo = (node.referenceTo as string[] | undefined) ?? [];
        // The parent relationship of a custom lookup is its API name with
        // `__r` for `__c`; the metadata's <relationshipName> names the child
        // relationship on the target.
        field.relationshipName = name.replace(/__c$/, '__r');
        const childName = text(node, 'relationshipName');
        if (childName) {
            field.childRelationshipName = `${childName}__r`;
        }
    }
    if (type === 'picklist') {
        const picklist = picklistValues(node);
        field.picklistValues = picklist.values;
        field.restrictedPicklist = flag((node.valueSet as XmlNode | undefined) ?? {}, 'restricted');
        if (picklist.defaultValue !== undefined) {
            field.defaultValue = picklist.defaultValue;
        }
    } else {
        const value = defaultValue(node, type);
        if (value !== undefined) {
            field.defaultValue = value;
        }
    }
    if (formula !== undefined) {
        field.formula = formula;
    }
    if (autoNumber) {
        field.autoNumberFormat = text(node, 'displayFormat') ?? '{0}';
    }
    return field;
}

function defaultLength(metadataType: string): number {
    // Lengths that these field types have without a <length> element.
    const lengths: Record<string, number> = {
        Email: 80,
        Phone: 40,
        Url: 255,
        TextArea: 255,
        AutoNumber: 30
    };
    return lengths[metadataType] ?? 255;
}

function nameField(node: XmlNode | undefined, customSetting: boolean): FieldSchema {
    const type = node ? text(node, 'type') : undefined;
    const autoNumber = type === 'AutoNumber';
    const field: FieldSchema = {
        name: 'Name',
        label: (node && text(node, 'label')) ?? 'Name',
        type: 'string',
        column: 'name',
        length: customSetting ? 38 : 80,
        required: !autoNumber && !customSetting,
        unique: false,
        externalId: false,
        createable: !autoNumber,
        updateable: !autoNumber,
        nillable: autoNumber || customSetting
    };
    if (autoNumber) {
        field.autoNumberFormat = (node && text(node, 'displayFormat')) ?? '{0}';
    }
    return field;
}

function readValidationRules(folder: string): ValidationRuleSchema[] {
    if (!existsSync(folder)) {
        return [];
    }
    return listFiles(folder, '.validationRule-meta.xml').map((file) => {
        const node = readXml(file, 'ValidationRule');
        const formula = text(node, 'errorConditionFormula');
        const message = text(node, 'errorMessage');
        if (!formula || !message) {
            throw new MetadataError(
                file,
                'a validation rule needs <errorConditionFormula> and <errorMessage>'
            );
        }
        return {
            name:
                text(node, 'fullName') ??
                path.basename(file).replace(/\.validationRule-meta\.xml$/, ''),
            active: flag(node, 'active'),
            errorConditionFormula: formula,
            errorMessage: message,
            errorDisplayField: text(node, 'errorDisplayField')
        };
    });
}

function listFiles(folder: string, suffix: string): string[] {
    return readdirSync(folder)
        .filter((file) => file.endsWith(suffix))
        .sort()
        .map((file) => path.join(folder, file));
}

/** Reads one object folder of DX source format. */
export function readObjectFolder(folder: string): CustomObjectSource {
    const name = path.basename(folder);
    const file = path.join(folder, `${name}.object-meta.xml`);
    if (!existsSync(file)) {
        throw new MetadataError(file, 'the object definition file is missing');
    }
    const node = readXml(file, 'CustomObject');
    const customSetting = text(node, 'customSettingsType') !== undefined;
    if (customSetting && text(node, 'customSettingsType') !== 'Hierarchy') {
        throw new MetadataError(file, 'only hierarchy custom settings are supported');
    }
    const fieldsFolder = path.join(folder, 'fields');
    const fields = existsSync(fieldsFolder)
        ? listFiles(fieldsFolder, '.field-meta.xml').map((fieldFile) =>
              fieldFromMetadata(readXml(fieldFile, 'CustomField'), fieldFile)
          )
        : [];
    const label = text(node, 'label') ?? name;
    return {
        name,
        label,
        labelPlural: text(node, 'pluralLabel') ?? label,
        customSetting,
        nameField: nameField(node.nameField as XmlNode | undefined, customSetting),
        fields,
        validationRules: readValidationRules(path.join(folder, 'validationRules'))
    };
}

/** Reads every object folder under an `objects` directory; a missing directory gives none. */
export function readObjectsDirectory(objectsDirectory: string): CustomObjectSource[] {
    if (!existsSync(objectsDirectory)) {
        return [];
    }
    return readdirSync(objectsDirectory, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
        .map((name) => readObjectFolder(path.join(objectsDirectory, name)));
}
