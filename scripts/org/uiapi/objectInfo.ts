/**
 * The UI API's object metadata. User Interface API Developer Guide, "Get
 * Object Metadata" (`GET /ui-api/object-info/{objectApiName}`) and the
 * "Object Info" and "Field" response bodies.
 */
import { objectAccess } from '../routes/describe';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types';
import { findObject } from './schemaLookup';

/** UI API data types by describe type ("Field" response body, `dataType`). */
const dataTypes: Record<FieldSchema['type'], string> = {
    id: 'String',
    string: 'String',
    textarea: 'TextArea',
    boolean: 'Boolean',
    double: 'Double',
    int: 'Int',
    currency: 'Currency',
    percent: 'Percent',
    date: 'Date',
    datetime: 'DateTime',
    picklist: 'Picklist',
    reference: 'Reference',
    email: 'Email',
    phone: 'Phone',
    url: 'Url'
};

// The record type Id that Salesforce reports for objects without record types.
const masterRecordTypeId = '012000000000000AAA';

/** Builds the Object Info response body of an object. */
export function buildObjectInfo(schema: OrgSchema, object: ObjectSchema): Record<string, unknown> {
    const fields = Object.fromEntries(
        object.fields.map((field) => [field.name, buildFieldInfo(schema, field)])
    );
    const nameFields = object.fields.some((field) => field.name === 'Name') ? ['Name'] : [];
    // NOTE: the local org has no profiles or permission sets, so this is the
    // admin's access as describe reports it. A real org reports the running
    // user's access.
    const access = objectAccess(object);
    return {
        apiName: object.name,
        associateEntityType: null,
        associateParentEntity: null,
        childRelationships: [],
        createable: access.createable,
        custom: object.custom,
        defaultRecordTypeId: masterRecordTypeId,
        deletable: access.deletable,
        dependentFields: {},
        feedEnabled: false,
        fields,
        keyPrefix: object.keyPrefix,
        label: object.label,
        labelPlural: object.labelPlural,
        layoutable: !object.customSetting,
        mruEnabled: false,
        nameFields,
        queryable: true,
        recordTypeInfos: {
            [masterRecordTypeId]: {
                available: true,
                defaultRecordTypeMapping: true,
                master: true,
                name: 'Master',
                recordTypeId: masterRecordTypeId
            }
        },
        searchable: !object.customSetting,
        themeInfo: null,
        updateable: access.updateable
    };
}

function buildFieldInfo(schema: OrgSchema, field: FieldSchema): Record<string, unknown> {
    const references = (field.referenceTo ?? []).map((target) => ({
        apiName: target,
        nameFields: findObject(schema, target)?.fields.some(
            (candidate) => candidate.name === 'Name'
        )
            ? ['Name']
            : []
    }));
    return {
        apiName: field.name,
        calculated: field.formula !== undefined || field.autoNumberFormat !== undefined,
        compound: false,
        compoundComponentName: null,
        compoundFieldName: null,
        controllerName: null,
        controllingFields: [],
        createable: field.createable,
        custom: field.name.endsWith('__c'),
        dataType: dataTypes[field.type],
        externalId: field.externalId,
        extraTypeInfo: null,
        filterable: true,
        filteredLookupInfo: null,
        highScaleNumber: false,
        htmlFormatted: false,
        inlineHelpText: field.inlineHelpText ?? null,
        label: field.label,
        length: field.length ?? 0,
        nameField: field.name === 'Name',
        polymorphicForeignKey: references.length > 1,
        precision: field.precision ?? 0,
        reference: field.type === 'reference',
        referenceTargetField: null,
        referenceToInfos: references,
        relationshipName: field.relationshipName ?? null,
        required: field.required,
        scale: field.scale ?? 0,
        searchPrefilterable: false,
        sortable: field.type !== 'textarea',
        unique: field.unique,
        updateable: field.updateable
    };
}
