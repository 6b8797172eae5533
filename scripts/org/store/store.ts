/**
 * The local org's records in SQLite: create, read, update, delete and
 * upsert with the checks a Salesforce save runs (field access, types,
 * required fields, uniqueness, lookups, validation rules).
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { ApiError, invalidField, invalidType, multipleChoices, notFound } from '../errors';
import { computeFormulaFields, type RecordValues } from '../formulas';
import { normalizeId, recordId } from '../ids';
import { findObject } from '../schema/build';
import { addedColumnsDdl, quoteIdentifier as q, schemaDdl } from '../schema/storage';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types';
import {
    checkLookups,
    checkRequired,
    checkValidationRules,
    inputValues,
    type SaveContext
} from './saveChecks';
import { coerceValue, formatDateTime, fromColumn, toColumn } from './values';

/** Save settings: the saving user, and whether to run the checks that seeding skips for speed. */
export interface SaveOptions {
    userId?: string;
    /** Run validation rules and lookup existence checks (default true). */
    validate?: boolean;
    /** For upserts: update a matching record but never create one (default false). */
    updateOnly?: boolean;
}

/** Outcome of an upsert by external ID. */
export interface UpsertOutcome {
    id: string;
    created: boolean;
}

/** Owns the SQLite database of one local org. */
export class OrgStore implements SaveContext {
    readonly db: DatabaseSync;
    readonly schema: OrgSchema;
    /** The user that saves run as when no user is given: the org's admin user. */
    defaultUserId = '';
    private readonly statements = new Map<string, StatementSync>();
    private transactionDepth = 0;

    constructor(schema: OrgSchema, file = ':memory:') {
        this.schema = schema;
        this.db = openDataFile(file);
        for (const object of schema.objects) {
            const columns = this.db.prepare(`PRAGMA table_info(${q(object.table)})`).all() as {
                name: string;
            }[];
            if (columns.length > 0) {
                for (const statement of addedColumnsDdl(
                    object,
                    new Set(columns.map((column) => column.name))
                )) {
                    this.db.exec(statement);
                }
            }
        }
        for (const statement of schemaDdl(schema)) {
            this.db.exec(statement);
        }
    }

    /** Returns the object with this API name, or raises NOT_FOUND as the REST API does. */
    object(name: string): ObjectSchema {
        const object = findObject(this.schema, name);
        if (!object) {
            throw invalidType(name);
        }
        return object;
    }

    schemaOf(objectName: string): ObjectSchema | undefined {
        return findObject(this.schema, objectName);
    }

    /** Returns the field with this API name (case-insensitive), or raises INVALID_FIELD. */
    field(object: ObjectSchema, name: string): FieldSchema {
        const lower = name.toLowerCase();
        const field = object.fields.find((candidate) => candidate.name.toLowerCase() === lower);
        if (!field) {
            throw invalidField(object.name, name);
        }
        return field;
    }

    /** Prepares an SQL statement once and reuses it. */
    prepare(sql: string): StatementSync {
        let statement = this.statements.get(sql);
        if (!statement) {
            statement = this.db.prepare(sql);
            this.statements.set(sql, statement);
        }
        return statement;
    }

    /**
     * Runs `work` in a transaction, nested calls in savepoints, and rolls
     * back what it wrote when it throws.
     */
    transaction<T>(work: () => T): T {
        const savepoint = `local_org_${this.transactionDepth}`;
        if (this.transactionDepth === 0) {
            this.begin();
        } else {
            this.db.exec(`SAVEPOINT ${savepoint}`);
        }
        this.transactionDepth++;
        try {
            const result = work();
            this.transactionDepth--;
            this.db.exec(this.transactionDepth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
            return result;
        } catch (error) {
            this.transactionDepth--;
            if (this.transactionDepth === 0) {
                this.db.exec('ROLLBACK');
            } else {
                this.db.exec(`ROLLBACK TO ${savepoint}`);
                this.db.exec(`RELEASE ${savepoint}`);
            }
            throw error;
        }
    }

    /**
     * Runs one save in a transaction of its own, or inside the caller's
     * transaction when there is one, which then rolls it back on failure.
     */
    private atomic<T>(work: () => T): T {
        return this.transactionDepth > 0 ? work() : this.transaction(work);
    }

    /**
     * Starts a top-level transaction with the write lock taken at once, so
     * a data file that another connection holds fails here, before any
     * statement has run, and the request changes nothing.
     *
     * NOTE: this waits BUSY_TIMEOUT_MS for the whole data file, where
     * Salesforce locks single records. The 400 status of the error was not
     * checked against a real org.
     */
    private begin(): void {
        try {
            this.db.exec('BEGIN IMMEDIATE');
        } catch (error) {
            const code = (error as { errcode?: unknown } | null)?.errcode;
            if (code !== SQLITE_BUSY && code !== SQLITE_LOCKED) {
                throw error;
            }
            throw new ApiError(
                400,
                'UNABLE_TO_LOCK_ROW',
                `unable to obtain exclusive access to this record: another connection held the data file for more than ${BUSY_TIMEOUT_MS} ms. Retry the request.`
            );
        }
    }

    /**
     * Takes the next number of a sequence in one statement, with no cache
     * in memory, so two servers on one data file never hand out the same ID.
     */
    private nextSequence(name: string): number {
        const row = this.prepare(
            'INSERT INTO "_sequence" ("name", "next") VALUES (?, 2) ON CONFLICT("name") DO UPDATE SET "next" = "next" + 1 RETURNING "next" - 1 AS "taken"'
        ).get(name) as { taken: number | bigint };
        return Number(row.taken);
    }

    /** Builds a new 18-character record ID with the object's key prefix. */
    newId(object: ObjectSchema): string {
        return recordId(object.keyPrefix, this.nextSequence(`id:${object.name}`));
    }

    /** Reads one record in record form (API names, booleans), or null. */
    read(objectName: string, id: string): RecordValues | null {
        const object = this.object(objectName);
        const normalized = normalizeId(id);
        if (!normalized) {
            return null;
        }
        const row = this.prepare(`SELECT * FROM ${q(object.table)} WHERE "id" = ?`).get(
            normalized
        ) as Record<string, unknown> | undefined;
        return row ? this.fromRow(object, row) : null;
    }

    /** Converts an SQLite row of `SELECT *` into record form. */
    fromRow(object: ObjectSchema, row: Record<string, unknown>): RecordValues {
        const values: RecordValues = {};
        for (const field of object.fields) {
            values[field.name] = fromColumn(field, row[field.column]);
        }
        return values;
    }

    /** Reads one record with its formula fields computed. */
    readComputed(objectName: string, id: string): RecordValues | null {
        const values = this.read(objectName, id);
        if (values) {
            computeFormulaFields(this.object(objectName), values, this);
        }
        return values;
    }

    /** Computes one formula field of a stored record; null when the record does not exist. */
    formulaValue(objectName: string, fieldName: string, id: string): unknown {
        const object = this.object(objectName);
        const values = this.read(object.name, id);
        if (!values) {
            return null;
        }
        const field = this.field(object, fieldName);
        computeFormulaFields(object, values, this, new Set([field.name]));
        return values[field.name];
    }

    /**
     * Returns the IDs of records whose field equals the value, as an upsert
     * match does: at most `limit`, and the default of 2 is enough to tell
     * one match from several.
     */
    findIdsByField(objectName: string, fieldName: string, value: unknown, limit = 2): string[] {
        const object = this.object(objectName);
        const field = this.field(object, fieldName);
        const collation = field.caseSensitive ? ' COLLATE BINARY' : '';
        const sql = `SELECT "id" FROM ${q(object.table)} WHERE ${q(field.column)}${collation} = ? LIMIT ?`;
        const rows = this.prepare(sql).all(toColumn(field, coerceValue(field, value)), limit) as {
            id: string;
        }[];
        return rows.map((row) => row.id);
    }

    orgDefault(settingName: string): RecordValues | null {
        const setting = this.object(settingName);
        const organizationId = this.organizationId();
        const row = this.prepare(`SELECT * FROM ${q(setting.table)} WHERE "setupownerid" = ?`).get(
            organizationId
        ) as Record<string, unknown> | undefined;
        return row ? this.fromRow(setting, row) : null;
    }

    related(field: FieldSchema, id: string): RecordValues | null {
        const target = field.referenceTo?.find(
            (name) => this.schemaOf(name)?.keyPrefix === id.slice(0, 3)
        );
        return target ? this.read(target, id) : null;
    }

    /** Returns the ID of the org's Organization record. */
    organizationId(): string {
        const row = this.prepare('SELECT "id" FROM "organization" LIMIT 1').get() as
            { id: string } | undefined;
        return row?.id ?? '';
    }

    private fillNewRecord(object: ObjectSchema, values: RecordValues, userId: string): void {
        const now = formatDateTime(new Date());
        for (const field of object.fields) {
            if (values[field.name] === undefined) {
                values[field.name] =
                    field.defaultValue ?? (field.type === 'boolean' ? false : null);
            }
            if (field.autoNumberFormat) {
                values[field.name] = formatAutoNumber(
                    field.autoNumberFormat,
                    this.nextSequence(`auto:${object.name}.${field.name}`)
                );
            }
        }
        values.Id = this.newId(object);
        values.IsDeleted = false;
        values.CreatedDate = now;
        values.LastModifiedDate = now;
        values.SystemModstamp = now;
        values.CreatedById = userId;
        values.LastModifiedById = userId;
        if (object.fields.some((field) => field.name === 'OwnerId') && !values.OwnerId) {
            values.OwnerId = userId;
        }
        if (object.customSetting && !values.SetupOwnerId) {
            // A hierarchy setting record owned by the Organization is the org default.
            values.SetupOwnerId = this.organizationId();
        }
    }

    private deriveFields(object: ObjectSchema, values: RecordValues): void {
        if (object.name === 'User') {
            values.UserType = values.UserType ?? 'Standard';
            values.Name = [values.FirstName, values.LastName]
                .filter((part) => typeof part === 'string' && part !== '')
                .join(' ');
        }
    }

    private write(object: ObjectSchema, values: RecordValues, mode: 'insert' | 'update'): void {
        // Formula columns are left out: their values are computed on read,
        // and a data file written when the field was a plain checkbox still
        // declares the column NOT NULL.
        const fields = object.fields.filter((field) => field.formula === undefined);
        const columnValues = fields.map((field) => toColumn(field, values[field.name]));
        const sql =
            mode === 'insert'
                ? `INSERT INTO ${q(object.table)} (${fields.map((field) => q(field.column)).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`
                : `UPDATE ${q(object.table)} SET ${fields.map((field) => `${q(field.column)} = ?`).join(', ')} WHERE "id" = ?`;
        const parameters = mode === 'insert' ? columnValues : [...columnValues, String(values.Id)];
        try {
            this.prepare(sql).run(...parameters);
        } catch (error) {
            throw this.translateConstraintError(object, values, error);
        }
    }

    private translateConstraintError(
        object: ObjectSchema,
        values: RecordValues,
        error: unknown
    ): unknown {
        const message = error instanceof Error ? error.message : String(error);
        const match = /UNIQUE constraint failed: [^.]+\.(\S+)/.exec(message);
        if (!match) {
            return error;
        }
        const field = object.fields.find((candidate) => candidate.column === match[1]);
        if (!field) {
            return error;
        }
        const existing = this.findIdsByField(object.name, field.name, values[field.name]).find(
            (id) => id !== values.Id
        );
        return new ApiError(
            400,
            'DUPLICATE_VALUE',
            `duplicate value found: ${field.name} duplicates value on record with id: ${existing ?? 'unknown'}`,
            [field.name]
        );
    }

    /** Inserts a record and returns its new ID. */
    insert(objectName: string, input: RecordValues, options: SaveOptions = {}): string {
        return this.atomic(() => this.insertRecord(objectName, input, options));
    }

    private insertRecord(objectName: string, input: RecordValues, options: SaveOptions): string {
        const object = this.object(objectName);
        const values = inputValues(this, object, input, true);
        const changed = Object.keys(values);
        const userId = options.userId ?? this.defaultUserId;
        this.fillNewRecord(object, values, userId);
        this.deriveFields(object, values);
        checkRequired(object, values);
        if (options.validate !== false) {
            checkLookups(this, object, values, changed);
            checkValidationRules(this, object, values, null);
        }
        this.write(object, values, 'insert');
        return String(values.Id);
    }

    /** Updates the given fields of a record. */
    update(objectName: string, id: string, input: RecordValues, options: SaveOptions = {}): void {
        this.atomic(() => this.updateRecord(objectName, id, input, options));
    }

    private updateRecord(
        objectName: string,
        id: string,
        input: RecordValues,
        options: SaveOptions
    ): void {
        const object = this.object(objectName);
        const prior = this.read(object.name, id);
        if (!prior) {
            throw notFound(`The requested resource does not exist: ${object.name} ${id}`);
        }
        const changes = inputValues(this, object, input, false);
        const values: RecordValues = { ...prior, ...changes };
        values.LastModifiedDate = formatDateTime(new Date());
        values.SystemModstamp = values.LastModifiedDate;
        values.LastModifiedById = options.userId ?? this.defaultUserId;
        this.deriveFields(object, values);
        checkRequired(object, values);
        if (options.validate !== false) {
            checkLookups(this, object, values, Object.keys(changes));
            checkValidationRules(this, object, values, prior);
        }
        this.write(object, values, 'update');
    }

    /** Deletes a record; raises NOT_FOUND when it does not exist. */
    remove(objectName: string, id: string): void {
        const object = this.object(objectName);
        const normalized = normalizeId(id);
        const result = normalized
            ? this.atomic(() =>
                  this.prepare(`DELETE FROM ${q(object.table)} WHERE "id" = ?`).run(normalized)
              )
            : { changes: 0 };
        if (Number(result.changes) === 0) {
            throw new ApiError(
                404,
                'NOT_FOUND',
                `The requested resource does not exist: ${object.name} ${id}`
            );
        }
    }

    /**
     * Creates or updates the record whose external ID field equals `externalId`
     * (REST API Developer Guide: Insert or Update (Upsert) a Record Using an
     * External ID). Several matches raise MULTIPLE_CHOICES (HTTP 300).
     */
    upsert(
        objectName: string,
        externalIdField: string,
        externalId: unknown,
        input: RecordValues,
        options: SaveOptions = {}
    ): UpsertOutcome {
        return this.atomic(() =>
            this.upsertRecord(objectName, externalIdField, externalId, input, options)
        );
    }

    private upsertRecord(
        objectName: string,
        externalIdField: string,
        externalId: unknown,
        input: RecordValues,
        options: SaveOptions
    ): UpsertOutcome {
        const object = this.object(objectName);
        const field = this.field(object, externalIdField);
        if (!field.externalId && field.name !== 'Id') {
            throw new ApiError(
                400,
                'INVALID_FIELD',
                `Field ${field.name} on ${object.name} is not an external ID field; upsert needs an external ID field or Id.`,
                [field.name]
            );
        }
        const given = Object.entries(input).find(
            ([key]) => key.toLowerCase() === field.name.toLowerCase()
        );
        if (given && given[1] !== externalId && String(given[1]) !== String(externalId)) {
            throw new ApiError(
                400,
                'INVALID_FIELD',
                `The external ID in the body (${String(given[1])}) differs from the one in the URL (${String(externalId)}).`,
                [field.name]
            );
        }
        const matches =
            field.name === 'Id'
                ? [this.existingId(object, externalId)]
                : this.findIdsByField(object.name, field.name, externalId);
        if (matches.length > 1) {
            const all = this.findIdsByField(object.name, field.name, externalId, 200);
            throw multipleChoices(object.name, field.name, externalId, all);
        }
        const body = Object.fromEntries(
            Object.entries(input).filter(([key]) => key.toLowerCase() !== field.name.toLowerCase())
        );
        const existing = matches[0];
        if (!existing && options.updateOnly) {
            throw notFound(
                `The requested resource does not exist: no ${object.name} record has ${field.name} = ${String(externalId)}, and updateOnly prevents creating one.`
            );
        }
        if (existing) {
            this.update(object.name, existing, body, options);
            return { id: existing, created: false };
        }
        const values = field.name === 'Id' ? body : { ...body, [field.name]: externalId };
        return { id: this.insert(object.name, values, options), created: true };
    }

    /**
     * Returns the 18-character ID of the record an upsert by Id names. Raises
     * MALFORMED_ID for a value that is not an ID of this object, and
     * NOT_FOUND when no record has it, because an upsert by Id never picks
     * the Id of a new record.
     *
     * NOTE: the REST API Developer Guide documents upsert by Id only for
     * creating with POST and no value. These two error responses follow the
     * record routes and were not checked against a real org.
     */
    private existingId(object: ObjectSchema, value: unknown): string {
        const id = typeof value === 'string' ? normalizeId(value) : null;
        if (!id || id.slice(0, 3) !== object.keyPrefix) {
            throw new ApiError(
                400,
                'MALFORMED_ID',
                `Id: id value of incorrect type: ${String(value)} is not a ${object.name} ID.`,
                ['Id']
            );
        }
        if (!this.read(object.name, id)) {
            throw notFound(
                `The requested resource does not exist: no ${object.name} record has Id ${id}.`
            );
        }
        return id;
    }

    /** Removes all records of an object; for tests. */
    clear(objectName: string): void {
        this.db.exec(`DELETE FROM ${q(this.object(objectName).table)}`);
    }

    /** Returns how many records an object holds. */
    count(objectName: string): number {
        const row = this.prepare(
            `SELECT COUNT(*) AS n FROM ${q(this.object(objectName).table)}`
        ).get() as { n: number };
        return Number(row.n);
    }

    /** Closes the database. */
    close(): void {
        this.db.close();
    }
}

/** Opens an SQLite file in WAL mode, or raises an Error that names the file and what to pass instead. */
/** SQLite result codes of a write that another connection blocks. */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

/**
 * How long a write waits for another connection to release the data file,
 * in milliseconds, before it fails with UNABLE_TO_LOCK_ROW.
 */
export const BUSY_TIMEOUT_MS = 2000;

function openDataFile(file: string): DatabaseSync {
    let db: DatabaseSync | undefined;
    try {
        db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
        db.exec('PRAGMA journal_mode = WAL');
        db.exec('PRAGMA synchronous = NORMAL');
        return db;
    } catch (error) {
        db?.close();
        // node:sqlite errors can come from another realm (Jest), so read the message field itself.
        const message = (error as { message?: unknown } | null)?.message;
        const reason = typeof message === 'string' ? message : String(error);
        throw new Error(
            `Cannot open the data file ${file}: ${reason}. Pass a new path, or an SQLite file that the local org wrote.`
        );
    }
}

/** Formats an auto number: `NUL-{000000}` and 42 give `NUL-000042`. */
export function formatAutoNumber(format: string, value: number): string {
    return format.replace(/\{(0+)\}/, (_, zeros: string) =>
        String(value).padStart(zeros.length, '0')
    );
}
