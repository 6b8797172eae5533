/**
 * Browser implementation of `lightning/uiRecordApi` for the preview,
 * following the "lightning/uiRecordApi" reference: createRecord and
 * updateRecord send the UI API requests "Create a Record"
 * (`POST /ui-api/records`) and "Update a Record"
 * (`PATCH /ui-api/records/{recordId}`) and resolve with the record the org
 * returns, deleteRecord sends "Delete a Record", and getRecord is a wire
 * adapter over "Get a Record".
 */
import { callDataApi } from './transport';
import { FetchingWireAdapter } from './wireAdapter';

/** Record input of createRecord. */
export interface RecordInputForCreate {
    apiName: string;
    fields: Record<string, unknown>;
}

/** Record input of updateRecord: the fields include Id. */
export interface RecordInputForUpdate {
    fields: Record<string, unknown>;
}

interface FieldValue {
    value: unknown;
    displayValue: string | null;
}

/** A record as the UI API returns it. */
export interface RecordRepresentation {
    id: string;
    apiName: string;
    fields: Record<string, FieldValue>;
}

/** Creates a record and resolves with it; rejects with the UI API error response. */
export async function createRecord(
    recordInput: RecordInputForCreate
): Promise<RecordRepresentation> {
    return (await callDataApi('POST', 'ui-api/records', recordInput)) as RecordRepresentation;
}

/** Updates the record named by `fields.Id` and resolves with it; rejects with the UI API error response. */
export async function updateRecord(
    recordInput: RecordInputForUpdate
): Promise<RecordRepresentation> {
    const { Id: recordId, ...fields } = recordInput.fields;
    if (typeof recordId !== 'string' || recordId === '') {
        throw new Error('updateRecord needs fields.Id: the Id of the record to update.');
    }
    const path = `ui-api/records/${encodeURIComponent(recordId)}`;
    return (await callDataApi('PATCH', path, { fields })) as RecordRepresentation;
}

/** Deletes a record ("Delete a Record", `DELETE /ui-api/records/{recordId}`). */
export async function deleteRecord(recordId: string): Promise<void> {
    await callDataApi('DELETE', `ui-api/records/${encodeURIComponent(recordId)}`);
}

/** Resolves at once: the preview keeps no record cache to mark stale. */
export function notifyRecordUpdateAvailable(): Promise<void> {
    return Promise.resolve();
}

type FieldReference = string | { objectApiName?: string; fieldApiName: string };

function fieldPath(field: FieldReference): string[] {
    const name = typeof field === 'string' ? field : field.fieldApiName;
    const parts = name.split('.');
    // `Object.Field` names carry the object first, as schema imports do.
    return parts.length > 1 ? parts.slice(1) : parts;
}

function readField(
    record: RecordRepresentation | undefined,
    field: FieldReference
): FieldValue | undefined {
    let fields = record?.fields;
    const path = fieldPath(field);
    for (const [index, name] of path.entries()) {
        const entry = fields?.[name];
        if (index === path.length - 1) {
            return entry;
        }
        fields = (entry?.value as RecordRepresentation | null | undefined)?.fields;
    }
    return undefined;
}

/** Returns a field's value from a record that getRecord provisioned. */
export function getFieldValue(
    record: RecordRepresentation | undefined,
    field: FieldReference
): unknown {
    return readField(record, field)?.value;
}

/** Returns a field's display value from a record that getRecord provisioned. */
export function getFieldDisplayValue(
    record: RecordRepresentation | undefined,
    field: FieldReference
): string | null | undefined {
    return readField(record, field)?.displayValue;
}

interface GetRecordConfig {
    recordId?: string;
    fields?: FieldReference[];
    optionalFields?: FieldReference[];
}

function qualifiedName(field: FieldReference): string {
    return typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
}

/** The `getRecord` wire adapter: provisions `{ data, error }` for one record. */
export class getRecord extends FetchingWireAdapter<GetRecordConfig> {
    protected isComplete(config: GetRecordConfig): boolean {
        return Boolean(config.recordId);
    }

    protected async fetchValue(config: GetRecordConfig): Promise<unknown> {
        const query = new URLSearchParams();
        if (config.fields?.length) {
            query.set('fields', config.fields.map(qualifiedName).join(','));
        }
        if (config.optionalFields?.length) {
            query.set('optionalFields', config.optionalFields.map(qualifiedName).join(','));
        }
        const path = `ui-api/records/${encodeURIComponent(config.recordId ?? '')}?${query.toString()}`;
        try {
            return { data: await callDataApi('GET', path), error: undefined };
        } catch (error) {
            return { data: undefined, error };
        }
    }
}
