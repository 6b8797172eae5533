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

/** Records that one external ID matched; a 300 response lists their URLs instead of errors. */
export interface MultipleChoices {
    objectName: string;
    ids: string[];
}

/** A failure that the server returns to the client as a REST error. */
export class ApiError extends Error {
    readonly status: number;
    readonly errorCode: string;
    readonly fields: string[];
    /** Set for MULTIPLE_CHOICES (HTTP 300). */
    choices?: MultipleChoices;

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

/**
 * Builds the 300 MULTIPLE_CHOICES error for an external ID that matches
 * several records (REST API Developer Guide: sObject Rows by External ID).
 */
export function multipleChoices(
    objectName: string,
    fieldName: string,
    value: unknown,
    ids: string[]
): ApiError {
    const error = new ApiError(
        300,
        'MULTIPLE_CHOICES',
        `More than one ${objectName} record has ${fieldName} = ${String(value)}; upsert by a unique external ID or by Id.`,
        [fieldName]
    );
    error.choices = { objectName, ids };
    return error;
}
