/**
 * Standard fields that Salesforce adds to every object, and the standard
 * objects this product reads: User, Profile and Organization.
 */
import type { FieldSchema, ObjectSchema } from './types';

type FieldOptions = Partial<FieldSchema> & Pick<FieldSchema, 'name' | 'type'>;

/** Builds a FieldSchema with the defaults of a read-only standard field. */
export function standardField(options: FieldOptions): FieldSchema {
    return {
        label: options.name,
        column: options.name.toLowerCase(),
        required: false,
        unique: false,
        externalId: false,
        createable: false,
        updateable: false,
        nillable: true,
        ...options
    };
}

function reference(
    name: string,
    target: string,
    relationshipName: string,
    writable = false
): FieldSchema {
    return standardField({
        name,
        type: 'reference',
        length: 18,
        referenceTo: [target],
        relationshipName,
        createable: writable,
        updateable: writable,
        nillable: !writable
    });
}

/**
 * Builds the audit fields. Salesforce sets them on every save, and clients
 * cannot write them.
 */
export function auditFields(): FieldSchema[] {
    return [
        standardField({ name: 'IsDeleted', type: 'boolean', nillable: false, defaultValue: false }),
        standardField({ name: 'CreatedDate', type: 'datetime', nillable: false }),
        reference('CreatedById', 'User', 'CreatedBy'),
        standardField({ name: 'LastModifiedDate', type: 'datetime', nillable: false }),
        reference('LastModifiedById', 'User', 'LastModifiedBy'),
        standardField({ name: 'SystemModstamp', type: 'datetime', nillable: false })
    ];
}

/** Builds the Id field; every table stores it in the column `id`. */
export function idField(): FieldSchema {
    return standardField({ name: 'Id', type: 'id', column: 'id', length: 18, nillable: false });
}

/** Builds OwnerId for custom objects (not for custom settings, which have no owner). */
export function ownerField(): FieldSchema {
    return reference('OwnerId', 'User', 'Owner', true);
}

/** Builds SetupOwnerId, the hierarchy level a custom setting record applies to. */
export function setupOwnerField(): FieldSchema {
    return standardField({
        name: 'SetupOwnerId',
        type: 'reference',
        length: 18,
        referenceTo: ['Organization', 'Profile', 'User'],
        relationshipName: 'SetupOwner',
        createable: true,
        updateable: true,
        unique: true,
        nillable: true
    });
}

function writable(options: FieldOptions): FieldSchema {
    return standardField({ createable: true, updateable: true, ...options });
}

function object(
    name: string,
    keyPrefix: string,
    labelPlural: string,
    fields: FieldSchema[]
): ObjectSchema {
    return {
        name,
        label: name,
        labelPlural,
        keyPrefix,
        custom: false,
        customSetting: false,
        table: name.toLowerCase(),
        fields: [idField(), ...fields, ...auditFields()],
        validationRules: []
    };
}

/**
 * Builds the standard objects, with the key prefixes Salesforce uses for
 * them: 005 User, 00e Profile, 00D Organization.
 */
export function standardObjects(): ObjectSchema[] {
    const text = (name: string, length: number, required = false) =>
        writable({ name, type: 'string', length, required, nillable: !required });
    const user = object('User', '005', 'Users', [
        standardField({ name: 'Name', type: 'string', length: 121, nillable: false }),
        text('FirstName', 40),
        text('LastName', 80, true),
        { ...text('Username', 80, true), unique: true },
        writable({ name: 'Email', type: 'email', length: 128, required: true, nillable: false }),
        text('Alias', 8),
        writable({ name: 'IsActive', type: 'boolean', nillable: false, defaultValue: true }),
        reference('ProfileId', 'Profile', 'Profile', true),
        text('Title', 80),
        text('Department', 80),
        text('TimeZoneSidKey', 40),
        text('LocaleSidKey', 40),
        text('LanguageLocaleKey', 40),
        text('EmailEncodingKey', 40),
        standardField({
            name: 'UserType',
            type: 'picklist',
            length: 40,
            picklistValues: ['Standard']
        }),
        standardField({ name: 'LastLoginDate', type: 'datetime' })
    ]);
    const profile = object('Profile', '00e', 'Profiles', [
        text('Name', 255, true),
        standardField({
            name: 'UserType',
            type: 'picklist',
            length: 40,
            picklistValues: ['Standard']
        })
    ]);
    const organization = object('Organization', '00D', 'Organizations', [
        standardField({ name: 'Name', type: 'string', length: 80 }),
        standardField({ name: 'OrganizationType', type: 'picklist', length: 40 }),
        standardField({ name: 'IsSandbox', type: 'boolean', nillable: false, defaultValue: false }),
        standardField({ name: 'InstanceName', type: 'string', length: 5 }),
        standardField({ name: 'NamespacePrefix', type: 'string', length: 15 }),
        standardField({ name: 'TrialExpirationDate', type: 'datetime' }),
        standardField({ name: 'LanguageLocaleKey', type: 'string', length: 40 }),
        standardField({ name: 'DefaultLocaleSidKey', type: 'string', length: 40 }),
        standardField({ name: 'TimeZoneSidKey', type: 'string', length: 40 })
    ]);
    return [user, profile, organization];
}
