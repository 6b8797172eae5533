// Ambient types for the Lightning Data Service modules that write records
// and read object metadata ("lightning/uiRecordApi" and
// "lightning/uiObjectInfoApi" in the LWC reference), limited to the members
// this package calls.
declare module 'lightning/uiRecordApi' {
    /** The record input of createRecord: an object API name and field values. */
    export interface RecordInputForCreate {
        apiName: string;
        fields: Record<string, unknown>;
    }

    /** The record input of updateRecord: field values that include Id. */
    export interface RecordInputForUpdate {
        fields: { Id: string } & Record<string, unknown>;
    }

    /** A record as User Interface API returns it. */
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        fields: Record<string, { value: unknown; displayValue: string | null }>;
    }

    export function createRecord(recordInput: RecordInputForCreate): Promise<RecordRepresentation>;
    export function updateRecord(recordInput: RecordInputForUpdate): Promise<RecordRepresentation>;
}

declare module 'lightning/uiObjectInfoApi' {
    import type { WireAdapterConstructor } from 'lwc';

    /** One field of an object's metadata. */
    export interface FieldInfo {
        apiName: string;
        label: string;
        createable: boolean;
        updateable: boolean;
    }

    /** An object's metadata for the running user, including access rights. */
    export interface ObjectInfo {
        apiName: string;
        label: string;
        createable: boolean;
        updateable: boolean;
        deletable: boolean;
        queryable: boolean;
        fields: Record<string, FieldInfo>;
    }

    /** The value the getObjectInfo wire adapter provisions. */
    export interface ObjectInfoResult {
        data?: ObjectInfo;
        error?: unknown;
    }

    export const getObjectInfo: WireAdapterConstructor<
        { objectApiName: string | { objectApiName: string } },
        ObjectInfoResult
    >;
}

declare module 'lightning/platformShowToastEvent' {
    /** The detail of a toast. */
    export interface ToastDetail {
        title: string;
        message?: string;
        variant?: 'info' | 'success' | 'warning' | 'error';
        mode?: 'dismissible' | 'pester' | 'sticky';
    }

    export class ShowToastEvent extends CustomEvent<ToastDetail> {
        constructor(toast: ToastDetail);
    }
}

declare module '@salesforce/schema/*' {
    /** An object or field reference; the platform checks it on deploy. */
    const reference: { objectApiName: string; fieldApiName?: string };
    export default reference;
}

declare module '@salesforce/user/Id' {
    /** The running user's Id, or null for a guest. */
    const userId: string | null;
    export default userId;
}
