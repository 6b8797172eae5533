/**
 * Assembles the OrgSchema: the standard objects plus the project's custom
 * objects and custom settings read from DX source metadata.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readObjectsDirectory, type CustomObjectSource } from './metadata';
import { auditFields, idField, ownerField, setupOwnerField, standardObjects } from './systemFields';
import type { ObjectSchema, OrgSchema } from './types';

/**
 * Builds the schema of one custom object. Key prefixes of custom objects
 * start with `a` in Salesforce; here they are `a00`, `a01`, ... in the
 * order of the objects' API names, so they are stable for a given metadata
 * folder but not across folders.
 */
function customObject(source: CustomObjectSource, index: number): ObjectSchema {
    const keyPrefix = `a${index.toString(36).padStart(2, '0')}`;
    const ownership = source.customSetting ? setupOwnerField() : ownerField();
    return {
        name: source.name,
        label: source.label,
        labelPlural: source.labelPlural,
        keyPrefix,
        custom: true,
        customSetting: source.customSetting,
        table: source.name.toLowerCase(),
        fields: [idField(), ownership, source.nameField, ...source.fields, ...auditFields()],
        validationRules: source.validationRules
    };
}

/** Builds an OrgSchema from custom object sources; exported for tests that build schemas in memory. */
export function buildOrgSchema(sources: CustomObjectSource[]): OrgSchema {
    return { objects: [...standardObjects(), ...sources.map(customObject)] };
}

/**
 * Loads the schema from a DX project folder (`<root>/force-app/main/default/objects`)
 * or from an `objects` folder itself.
 */
export function loadOrgSchema(folder: string): OrgSchema {
    const projectObjects = path.join(folder, 'force-app', 'main', 'default', 'objects');
    const objectsFolder = existsSync(projectObjects) ? projectObjects : folder;
    return buildOrgSchema(readObjectsDirectory(objectsFolder));
}

/** Finds an object by API name, case-insensitively as Salesforce does. */
export function findObject(schema: OrgSchema, name: string): ObjectSchema | undefined {
    const lower = name.toLowerCase();
    return schema.objects.find((candidate) => candidate.name.toLowerCase() === lower);
}
