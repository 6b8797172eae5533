/**
 * Describe resources: global describe, sObject basic information and
 * sObject describe (REST API Developer Guide: Describe Global, sObject
 * Basic Information, sObject Describe).
 */
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types';

const SOAP_TYPES: Record<string, string> = {
    id: 'tns:ID',
    reference: 'tns:ID',
    boolean: 'xsd:boolean',
    double: 'xsd:double',
    currency: 'xsd:double',
    percent: 'xsd:double',
    int: 'xsd:int',
    date: 'xsd:date',
    datetime: 'xsd:dateTime'
};

function objectUrls(object: ObjectSchema, version: string): Record<string, string> {
    const base = `/services/data/v${version}/sobjects/${object.name}`;
    return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** Object-level permissions of the local org's admin user, which describe reports and the write routes enforce. */
export interface ObjectAccess {
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
}

/** Returns what the API may do with an object's records: Organization is read-only, and users are never deleted. */
export function objectAccess(object: ObjectSchema): ObjectAccess {
    const writable = object.name !== 'Organization';
    return {
        createable: writable,
        updateable: writable,
        deletable: writable && object.name !== 'User'
    };
}

/** Builds the per-object summary used by global describe and basic information. */
export function objectSummary(object: ObjectSchema, version: string): Record<string, unknown> {
    const access = objectAccess(object);
    return {
        name: object.name,
        label: object.label,
        labelPlural: object.labelPlural,
        keyPrefix: object.keyPrefix,
        custom: object.custom,
        customSetting: object.customSetting,
        createable: access.createable,
        updateable: access.updateable,
        deletable: access.deletable,
        queryable: true,
        retrieveable: true,
        searchable: !object.customSetting,
        layoutable: !object.customSetting,
        triggerable: true,
        undeletable: false,
        mergeable: false,
        replicateable: true,
        activateable: false,
        feedEnabled: false,
        mruEnabled: !object.customSetting,
        deprecatedAndHidden: false,
        hasSubtypes: false,
        isSubtype: false,
        isInterface: false,
        associateEntityType: null,
        associateParentEntity: null,
        deepCloneable: false,
        urls: objectUrls(object, version)
    };
}

function picklistEntries(field: FieldSchema): Record<string, unknown>[] {
    return (field.picklistValues ?? []).map((value) => ({
        active: true,
        defaultValue: value === field.defaultValue,
        label: value,
        validFor: null,
        value
    }));
}

function describeField(object: ObjectSchema, field: FieldSchema): Record<string, unknown> {
    const textual = !(field.type in SOAP_TYPES);
    const calculated = field.formula !== undefined || field.autoNumberFormat !== undefined;
    const numeric = ['double', 'currency', 'percent'].includes(field.type);
    return {
        name: field.name,
        label: field.label,
        type: field.type,
        soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
        length:
            textual || field.type === 'id' || field.type === 'reference' ? (field.length ?? 18) : 0,
        byteLength:
            textual || field.type === 'id' || field.type === 'reference'
                ? (field.length ?? 18) * 3
                : 0,
        precision: numeric ? (field.precision ?? 18) : 0,
        scale: numeric ? (field.scale ?? 0) : 0,
        digits: field.type === 'int' ? 9 : 0,
        nillable: field.nillable,
        createable: field.createable,
        updateable: field.updateable,
        unique: field.unique,
        externalId: field.externalId,
        idLookup: field.type === 'id' || field.externalId || field.name === 'Username',
        nameField: field.name === 'Name',
        custom: field.name.endsWith('__c'),
        calculated,
        calculatedFormula: field.formula ?? null,
        autoNumber: field.autoNumberFormat !== undefined,
        caseSensitive: field.caseSensitive ?? false,
        defaultValue:
            field.type === 'boolean' ? (field.defaultValue ?? false) : (field.defaultValue ?? null),
        defaultedOnCreate:
            field.defaultValue !== undefined ||
            field.type === 'boolean' ||
            field.type === 'id' ||
            calculated,
        filterable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
        sortable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
        groupable: !numeric && field.type !== 'datetime' && field.type !== 'textarea',
        aggregatable: true,
        picklistValues: picklistEntries(field),
        restrictedPicklist: field.restrictedPicklist ?? false,
        dependentPicklist: false,
        controllerName: null,
        referenceTo: field.referenceTo ?? [],
        relationshipName: field.relationshipName ?? null,
        relationshipOrder: null,
        polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
        cascadeDelete: false,
        restrictedDelete: false,
        writeRequiresMasterRead: false,
        htmlFormatted: false,
        encrypted: false,
        deprecatedAndHidden: false,
        permissionable: field.nillable && field.name.endsWith('__c'),
        inlineHelpText: field.inlineHelpText ?? null,
        queryByDistance: false,
        searchPrefilterable: false,
        sortedPicklist: false
    };
}

function childRelationships(schema: OrgSchema, object: ObjectSchema): Record<string, unknown>[] {
    return schema.objects.flatMap((child) =>
        child.fields
            .filter(
                (field) => field.referenceTo?.includes(object.name) && field.childRelationshipName
            )
            .map((field) => ({
                childSObject: child.name,
                field: field.name,
                relationshipName: field.childRelationshipName,
                cascadeDelete: false,
                restrictedDelete: false,
                deprecatedAndHidden: false
            }))
    );
}

/** Builds the sObject Describe body. */
export function describeObject(
    schema: OrgSchema,
    object: ObjectSchema,
    version: string
): Record<string, unknown> {
    return {
        ...objectSummary(object, version),
        fields: object.fields.map((field) => describeField(object, field)),
        childRelationships: childRelationships(schema, object),
        recordTypeInfos: [],
        supportedScopes: [{ label: 'All records', name: 'everything' }],
        namedLayoutInfos: [],
        actionOverrides: [],
        networkScopeFieldName: null,
        listviewable: null,
        lookupLayoutable: null,
        compactLayoutable: !object.customSetting,
        searchLayoutable: !object.customSetting,
        sobjectDescribeOption: 'FULL'
    };
}

/** Builds the Describe Global body. */
export function describeGlobal(schema: OrgSchema, version: string): Record<string, unknown> {
    return {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: schema.objects.map((object) => objectSummary(object, version))
    };
}
