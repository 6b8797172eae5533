/**
 * Sends the browser preview's API requests to the local org. The preview
 * server forwards every `/services/` path to the org, so requests stay on
 * the page's own origin. The access token and API version come from a JSON
 * script element that the server writes into the page.
 */

/** Connection settings the preview page is served with. */
export interface PreviewSettings {
    apiVersion: string;
    accessToken: string;
    /** Id of the User the preview runs as, for `@salesforce/user/Id`. */
    userId: string | null;
}

/** Error that Lightning Data Service rejects with: the failed HTTP response and its JSON body. */
export interface FetchResponseError {
    status: number;
    statusText: string;
    ok: false;
    body: unknown;
    headers: Record<string, string>;
}

let cachedSettings: PreviewSettings | undefined;

/** Reads the settings from the page's `#preview-settings` element. */
export function readSettings(): PreviewSettings {
    if (cachedSettings) {
        return cachedSettings;
    }
    const element = document.getElementById('preview-settings');
    if (!element?.textContent) {
        throw new Error(
            'The preview page has no #preview-settings element: serve it through the preview server.'
        );
    }
    cachedSettings = JSON.parse(element.textContent) as PreviewSettings;
    return cachedSettings;
}

/**
 * Sends one request to `/services/data/vXX.X/<path>` and returns the parsed
 * JSON body. A response outside 2xx rejects with a FetchResponseError,
 * which is the shape Lightning Data Service gives components. A network
 * failure rejects with the fetch TypeError, as it does on the platform.
 */
export async function callDataApi(method: string, path: string, body?: unknown): Promise<unknown> {
    const settings = readSettings();
    const headers: Record<string, string> = {
        Authorization: `Bearer ${settings.accessToken}`,
        Accept: 'application/json'
    };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(`/services/data/v${settings.apiVersion}/${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const parsed = parseBody(text, response.ok);
    if (!response.ok) {
        const error: FetchResponseError = {
            status: response.status,
            statusText: response.statusText,
            ok: false,
            body: parsed,
            headers: Object.fromEntries(response.headers.entries())
        };
        throw error;
    }
    return parsed;
}

/**
 * Parses a response body as JSON. An error body that is not JSON, such as
 * the plain-text 502 that the preview server sends when the org is down, becomes
 * `{ message }` so that components show its text. A success body that is
 * not JSON still throws, because no caller could read it.
 */
function parseBody(text: string, ok: boolean): unknown {
    if (text === '') {
        return null;
    }
    try {
        return JSON.parse(text) as unknown;
    } catch (error) {
        if (ok) {
            throw error;
        }
        return { message: text };
    }
}
