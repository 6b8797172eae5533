/**
 * Errors in the shape the REST API returns them: a JSON array of
 * `{ errorCode, message, fields }` (REST API Developer Guide: Status Codes
 * and Error Responses).
 */

/** One entry of a REST error body or of a per-record `errors` array. */
export interface ApiErrorBody {
    errorCode: string;
    message: string;
    fields: string[];
}

/** A failure that the server returns to the client as a REST error. */
export class ApiError extends Error {
    readonly status: number;
    readonly errorCode: string;
    readonly fields: string[];

    constructor(status: number, errorCode: string, message: string, fields: string[] = []) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields;
    }

    /** Returns the error as one entry of a REST error array. */
    toBody(): ApiErrorBody {
        return { errorCode: this.errorCode, message: this.message, fields: this.fields };
    }
}

/** Builds a 404 NOT_FOUND error for a record or resource that does not exist. */
export function notFound(message: string): ApiError {
    return new ApiError(404, 'NOT_FOUND', message);
}

/** Builds a 400 INVALID_FIELD error for a field name the object does not have. */
export function invalidField(objectName: string, fieldName: string): ApiError {
    return new ApiError(
        400,
        'INVALID_FIELD',
        `No such column '${fieldName}' on sobject of type ${objectName}`,
        [fieldName]
    );
}

/** Builds a 404 NOT_FOUND error for an sObject type the org does not have. */
export function invalidType(objectName: string): ApiError {
    return new ApiError(
        404,
        'NOT_FOUND',
        `The requested resource does not exist: sObject type '${objectName}' is not supported.`
    );
}
