/**
 * HTTP server of the browser preview: the page, the compiled bundle, the
 * Lightning Design System assets, and a pass-through of every `/services/`
 * request to the local org, so the page calls the org on its own origin
 * without needing CORS.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { renderPage, type PageSettings } from './page';

/** Options of the preview server: the folders it serves and the org it forwards API requests to. */
export interface PreviewServerOptions {
    /** Folder of the compiled bundle (`app.js` and its chunks). */
    bundleDir: string;
    /** Folder of the Lightning Design System's `assets`. */
    sldsAssetsDir: string;
    /** Base URL of the org that `/services/` requests go to; a loopback address. */
    instanceUrl: URL;
    settings: PageSettings;
}

const contentTypes: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.json': 'application/json'
};

/** Creates the preview's request handler. */
export function createPreviewHandler(
    options: PreviewServerOptions
): (request: IncomingMessage, response: ServerResponse) => void {
    const page = renderPage(options.settings);
    return (request, response) => {
        let url: URL;
        try {
            url = new URL(request.url ?? '/', 'http://preview.invalid');
        } catch {
            console.error(`preview: rejected the invalid request target ${request.url ?? ''}`);
            sendText(response, 400, `Invalid request target: ${request.url ?? ''}`);
            return;
        }
        if (url.pathname.startsWith('/services/')) {
            forwardToOrg(request, response, url, options.instanceUrl);
        } else if (url.pathname === '/' || url.pathname === '/index.html') {
            response.writeHead(200, {
                'Content-Type': 'text/html; charset=utf-8',
                'Cache-Control': 'no-store'
            });
            response.end(page);
        } else if (url.pathname === '/favicon.ico') {
            response.writeHead(204);
            response.end();
        } else if (url.pathname.startsWith('/app/')) {
            serveFile(response, options.bundleDir, url.pathname.slice('/app/'.length));
        } else if (url.pathname.startsWith('/assets/')) {
            serveFile(response, options.sldsAssetsDir, url.pathname.slice('/assets/'.length));
        } else {
            sendText(response, 404, `Not found: ${url.pathname}`);
        }
    };
}

function serveFile(response: ServerResponse, baseDir: string, relativePath: string): void {
    let decoded: string;
    try {
        decoded = decodeURIComponent(relativePath);
    } catch {
        // A malformed escape such as `%E0%A4` would otherwise throw out of the handler.
        console.error(`preview: rejected the path ${relativePath}: it has a malformed escape`);
        sendText(response, 400, `Invalid path: ${relativePath}`);
        return;
    }
    const file = path.resolve(baseDir, decoded);
    // Reject paths that climb out of the served folder.
    if (!file.startsWith(baseDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        sendText(response, 404, `Not found: ${relativePath}`);
        return;
    }
    response.writeHead(200, {
        'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream'
    });
    createReadStream(file).pipe(response);
}

/**
 * Forwards one request to the org unchanged and streams the org's response
 * back. Only the path and query of the request are kept: a request target
 * in absolute form (`http://host/services/...`) or starting with `//` names
 * another host, and the preview sends nothing off the instance URL.
 */
function forwardToOrg(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    instanceUrl: URL
): void {
    const target = new URL(`${instanceUrl.origin}${url.pathname}${url.search}`);
    const headers = { ...request.headers, host: target.host };
    const upstream = http.request(target, { method: request.method, headers }, (orgResponse) => {
        response.writeHead(orgResponse.statusCode ?? 502, orgResponse.headers);
        orgResponse.pipe(response);
    });
    upstream.on('error', (error) => {
        console.error(
            `preview: request ${request.method} ${target.pathname} to the org failed: ${error.message}`
        );
        if (!response.headersSent) {
            sendText(
                response,
                502,
                `The local org at ${instanceUrl.origin} did not answer: ${error.message}`
            );
        } else {
            response.destroy(error);
        }
    });
    request.pipe(upstream);
}

function sendText(response: ServerResponse, status: number, text: string): void {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(text);
}
