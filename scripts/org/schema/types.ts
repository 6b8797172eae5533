/**
 * The local org's description of the objects it serves, read from the
 * project's object metadata under force-app plus the standard objects this
 * product touches. Shared by the storage layer, the SOQL engine, describe
 * and the UI API endpoints.
 */

/** Field types, named as the REST describe call names them (`DescribeFieldResult.type`). */
export type FieldType =
    | 'id'
    | 'string'
    | 'textarea'
    | 'boolean'
    | 'double'
    | 'int'
    | 'currency'
    | 'percent'
    | 'date'
    | 'datetime'
    | 'picklist'
    | 'reference'
    | 'email'
    | 'phone'
    | 'url';

export interface FieldSchema {
    /** API name as written in metadata, for example `Purchased_Seats__c`. */
    name: string;
    label: string;
    type: FieldType;
    /** Column name in SQLite; the API name in lower case, because SOQL is case-insensitive. */
    column: string;
    required: boolean;
    unique: boolean;
    externalId: boolean;
    /** Text length, for string-like fields. */
    length?: number;
    precision?: number;
    scale?: number;
    /** Target object API names, for lookups. */
    referenceTo?: string[];
    /** Relationship name for lookups, for example `User__r`. */
    relationshipName?: string;
    /**
     * Name of the child relationship the lookup creates on its target, as
     * subqueries use it, for example `Natterbox_User_Licenses__r`.
     */
    childRelationshipName?: string;
    picklistValues?: string[];
    /** True when a save must use one of `picklistValues`. */
    restrictedPicklist?: boolean;
    defaultValue?: string | number | boolean | null;
    /** Formula source for formula fields, evaluated at read time. */
    formula?: string;
    /** Auto-number display format, for example `SYNC-{000000}`. */
    autoNumberFormat?: string;
    createable: boolean;
    updateable: boolean;
    nillable: boolean;
    trackHistory?: boolean;
    /** True for unique text fields that compare case-sensitively. */
    caseSensitive?: boolean;
    description?: string;
    inlineHelpText?: string;
}

export interface ValidationRuleSchema {
    name: string;
    active: boolean;
    /** Formula that returns true when the record is invalid. */
    errorConditionFormula: string;
    errorMessage: string;
    /** Field the error is shown on, when the rule names one. */
    errorDisplayField?: string;
}

export interface ObjectSchema {
    name: string;
    label: string;
    labelPlural: string;
    /** Three-character record ID prefix, for example `005` for User. */
    keyPrefix: string;
    custom: boolean;
    /** True for hierarchy custom settings. */
    customSetting: boolean;
    /** Table name in SQLite. */
    table: string;
    fields: FieldSchema[];
    validationRules: ValidationRuleSchema[];
}

export interface OrgSchema {
    objects: ObjectSchema[];
}
