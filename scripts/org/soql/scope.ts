/**
 * Name resolution for one query: turns SOQL field paths such as
 * `User__r.Profile.Name` into SQLite column references, adding one LEFT JOIN
 * per relationship it walks (SOQL and SOSL Reference: "Relationship
 * Queries"). Names are matched case-insensitively, as SOQL does, and only
 * through the schema, so no text of the query reaches the SQL as an
 * identifier.
 */
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types';
import { invalidFieldUse, unknownField, unknownRelationship, unsupportedFeature } from './errors';

/** Salesforce allows at most five levels of parent relationships in one field path. */
const MAX_RELATIONSHIP_DEPTH = 5;

/** A relationship the query walks: one LEFT JOIN from the parent step's table. */
export interface JoinStep {
    /** Relationship name as the schema spells it, for example `User__r`. */
    relationshipName: string;
    /** The object the relationship points to. */
    object: ObjectSchema;
    /** SQL alias of the joined table. */
    alias: string;
    /** Lower-case path from the base object, for example `user__r.profile`. */
    key: string;
}

/** The clause a field is used in, because formula and long text fields are only allowed in SELECT. */
export type FieldUsage = 'select' | 'filter' | 'order' | 'group' | 'aggregate';

/** A field path resolved against the schema. */
export interface ResolvedField {
    /** The object that owns the field. */
    object: ObjectSchema;
    field: FieldSchema;
    /** Relationships walked from the base object, empty for the base object's own fields. */
    steps: JoinStep[];
    /** SQL alias of the table that contains the column. */
    tableAlias: string;
    /** Lower-case dotted path, used to compare fields from different clauses. */
    key: string;
}

/**
 * Long Text Area fields (more than 255 characters) cannot be filtered (SOQL
 * and SOSL Reference: "fieldExpression Syntax"), sorted or grouped.
 */
const LONG_TEXT_THRESHOLD = 255;

/** Quotes a SQL identifier that comes from the schema, rejecting names SQLite would misread. */
export function quoteIdentifier(name: string): string {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new Error(
            `Schema name '${name}' is not a plain SQL identifier. Use letters, digits and _ only.`
        );
    }
    return `"${name}"`;
}

/** Returns the SQL column reference of a resolved field, for example `"t1"."isactive"`. */
export function columnSql(resolved: ResolvedField): string {
    return `${quoteIdentifier(resolved.tableAlias)}.${quoteIdentifier(resolved.field.column)}`;
}

/** Finds a field by API name, case-insensitively. `Id` exists on every object. */
export function findField(object: ObjectSchema, name: string): FieldSchema | undefined {
    const lower = name.toLowerCase();
    const field = object.fields.find((candidate) => candidate.name.toLowerCase() === lower);
    if (field || lower !== 'id') {
        return field;
    }
    return {
        name: 'Id',
        label: 'Record ID',
        type: 'id',
        column: 'id',
        required: false,
        unique: true,
        externalId: false,
        length: 18,
        createable: false,
        updateable: false,
        nillable: false
    };
}

/** Finds an object by API name, case-insensitively. */
export function findObjectByName(schema: OrgSchema, name: string): ObjectSchema | undefined {
    const lower = name.toLowerCase();
    return schema.objects.find((candidate) => candidate.name.toLowerCase() === lower);
}

/** The tables and joins of one query, built up while its clauses are resolved. */
export class QueryScope {
    readonly baseAlias = 't0';
    private readonly joins: JoinStep[] = [];
    private readonly joinsByKey = new Map<string, JoinStep>();
    private readonly joinColumns = new Map<string, string>();

    constructor(
        private readonly schema: OrgSchema,
        readonly base: ObjectSchema,
        private readonly sObjectAlias?: string
    ) {}

    /**
     * Resolves a dotted field path from the query, joining each parent
     * relationship on the way. Raises INVALID_FIELD for a name the schema
     * does not have, and rejects uses that the field type does not allow.
     */
    resolve(path: string[], usage: FieldUsage): ResolvedField {
        const segments = this.withoutObjectPrefix(path);
        if (segments.length - 1 > MAX_RELATIONSHIP_DEPTH) {
            throw unsupportedFeature(
                `more than ${MAX_RELATIONSHIP_DEPTH} levels of parent relationships ('${path.join('.')}')`
            );
        }

        let object = this.base;
        let tableAlias = this.baseAlias;
        const steps: JoinStep[] = [];
        for (const relationshipName of segments.slice(0, -1)) {
            const step = this.join(object, tableAlias, steps, relationshipName);
            steps.push(step);
            object = step.object;
            tableAlias = step.alias;
        }

        const fieldName = segments[segments.length - 1] ?? '';
        const field = findField(object, fieldName);
        if (!field) {
            throw unknownField(fieldName, object.name);
        }
        checkUsage(object, field, usage);

        const key = [...steps.map((step) => step.relationshipName), field.name]
            .join('.')
            .toLowerCase();
        return { object, field, steps, tableAlias, key };
    }

    /** Returns the LEFT JOIN clauses for every relationship resolved so far. */
    joinSql(): string {
        return this.joins
            .map((step) => {
                const parentColumn = this.joinColumns.get(step.key) ?? '';
                const table = quoteIdentifier(step.object.table);
                const alias = quoteIdentifier(step.alias);
                return ` LEFT JOIN ${table} AS ${alias} ON ${alias}."id" = ${parentColumn}`;
            })
            .join('');
    }

    /** Strips a leading `Alias.` or `ObjectName.` that SOQL allows before field names. */
    private withoutObjectPrefix(path: string[]): string[] {
        const first = path[0]?.toLowerCase();
        if (path.length < 2 || first === undefined) {
            return path;
        }
        if (this.sObjectAlias && first === this.sObjectAlias.toLowerCase()) {
            return path.slice(1);
        }
        const isRelationship = this.base.fields.some(
            (field) => field.relationshipName?.toLowerCase() === first
        );
        if (!isRelationship && first === this.base.name.toLowerCase()) {
            return path.slice(1);
        }
        return path;
    }

    private join(
        object: ObjectSchema,
        tableAlias: string,
        previous: JoinStep[],
        relationshipName: string
    ): JoinStep {
        const lookup = object.fields.find(
            (field) =>
                field.type === 'reference' &&
                field.relationshipName?.toLowerCase() === relationshipName.toLowerCase()
        );
        if (!lookup?.relationshipName) {
            throw unknownRelationship(relationshipName, object.name);
        }

        const key = [...previous.map((step) => step.relationshipName), lookup.relationshipName]
            .join('.')
            .toLowerCase();
        const existing = this.joinsByKey.get(key);
        if (existing) {
            return existing;
        }

        const step: JoinStep = {
            relationshipName: lookup.relationshipName,
            object: this.targetOf(object, lookup),
            alias: `t${this.joins.length + 1}`,
            key
        };
        this.joins.push(step);
        this.joinsByKey.set(key, step);
        this.joinColumns.set(
            key,
            `${quoteIdentifier(tableAlias)}.${quoteIdentifier(lookup.column)}`
        );
        return step;
    }

    private targetOf(object: ObjectSchema, lookup: FieldSchema): ObjectSchema {
        const targets = lookup.referenceTo ?? [];
        if (targets.length > 1) {
            // Polymorphic lookups need TYPEOF or the Name object in Salesforce, and this engine has neither.
            throw unsupportedFeature(
                `walking the polymorphic relationship '${lookup.relationshipName}' of ` +
                    `'${object.name}', which can point to ${targets.join(', ')}`
            );
        }
        const target = targets[0] ? findObjectByName(this.schema, targets[0]) : undefined;
        if (!target) {
            throw unsupportedFeature(
                `the relationship '${lookup.relationshipName}' of '${object.name}', because its ` +
                    `target object '${targets[0] ?? '(none)'}' is not in the local org's schema`
            );
        }
        return target;
    }
}

function checkUsage(object: ObjectSchema, field: FieldSchema, usage: FieldUsage): void {
    if (usage === 'select') {
        return;
    }
    const fullName = `${object.name}.${field.name}`;
    if (field.formula !== undefined) {
        // Storage keeps formula columns NULL because the server computes formulas after the query.
        throw unsupportedFeature(
            `filtering, sorting, grouping or aggregating on the formula field '${fullName}'`
        );
    }
    if (field.type === 'textarea' && (field.length ?? 0) > LONG_TEXT_THRESHOLD) {
        throw invalidFieldUse(
            fullName,
            'a long text area field cannot be filtered, sorted, grouped or aggregated. ' +
                'Select it instead and filter the records in code.'
        );
    }
}
