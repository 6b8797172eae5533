/**
 * The preview server without a browser or a build: page settings, static
 * files, the pass-through to the org, and option checks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PreviewOptionsError, startPreview } from '../../scripts/preview/index';
import { createPreviewHandler } from '../../scripts/preview/server';

interface SeenRequest {
    method: string;
    url: string;
    authorization: string | undefined;
    body: string;
}

let folder: string;
let upstream: Server;
let preview: Server;
let previewUrl: string;
const seen: SeenRequest[] = [];

function listen(server: Server): Promise<string> {
    return new Promise((resolve) => {
        server.listen(0, '127.0.0.1', () =>
            resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
        );
    });
}

function close(server: Server): Promise<void> {
    return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
    });
}

function readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
}

/** Sends a request with the path exactly as given, since fetch would normalize `..`. */
function getRaw(rawPath: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const url = new URL(previewUrl);
        const request = http.request(
            { host: url.hostname, port: url.port, path: rawPath },
            (response) => {
                response.resume();
                resolve(response.statusCode ?? 0);
            }
        );
        request.on('error', reject);
        request.end();
    });
}

beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'preview-server-'));
    mkdirSync(path.join(folder, 'bundle'));
    mkdirSync(path.join(folder, 'assets/styles'), { recursive: true });
    writeFileSync(path.join(folder, 'bundle/app.js'), 'export {};\n');
    writeFileSync(path.join(folder, 'assets/styles/slds.css'), 'body {}\n');
    writeFileSync(path.join(folder, 'secret.txt'), 'not served\n');

    upstream = http.createServer(async (request, response) => {
        seen.push({
            method: request.method ?? '',
            url: request.url ?? '',
            authorization: request.headers.authorization,
            body: await readBody(request)
        });
        response.writeHead(201, { 'Content-Type': 'application/json' });
        response.end('{"ok":true}');
    });
    const instanceUrl = await listen(upstream);

    preview = http.createServer(
        createPreviewHandler({
            bundleDir: path.join(folder, 'bundle'),
            sldsAssetsDir: path.join(folder, 'assets'),
            instanceUrl: new URL(instanceUrl),
            settings: {
                apiVersion: '64.0',
                accessToken: 'token</script>',
                userId: '005000000000001AAA'
            }
        })
    );
    previewUrl = await listen(preview);
});

afterAll(async () => {
    await close(preview);
    await close(upstream);
    rmSync(folder, { recursive: true, force: true });
});

describe('preview server', () => {
    it('writes escaped settings into the page', async () => {
        const response = await fetch(`${previewUrl}/`);
        const page = await response.text();

        expect(response.status).toBe(200);
        expect(page).toContain('"accessToken":"token\\u003c/script>"');
        expect(page).not.toContain('token</script>');
        expect(page).toContain('<script type="module" src="/app/app.js"></script>');
    });

    it('serves the bundle and the SLDS assets', async () => {
        const bundle = await fetch(`${previewUrl}/app/app.js`);
        const stylesheet = await fetch(`${previewUrl}/assets/styles/slds.css`);

        expect(bundle.status).toBe(200);
        expect(bundle.headers.get('content-type')).toContain('text/javascript');
        expect(stylesheet.status).toBe(200);
        expect(await stylesheet.text()).toBe('body {}\n');
    });

    it('rejects paths outside the served folders', async () => {
        expect(await getRaw('/app/../secret.txt')).toBe(404);
        expect(await getRaw('/app/..%2Fsecret.txt')).toBe(404);
        expect(await getRaw('/assets/..%2F..%2Fsecret.txt')).toBe(404);
    });

    it('forwards API requests unchanged', async () => {
        const response = await fetch(`${previewUrl}/services/data/v64.0/graphql?x=1`, {
            method: 'POST',
            headers: { Authorization: 'Bearer abc', 'Content-Type': 'application/json' },
            body: '{"query":"{ uiapi { query { User { edges { node { Id } } } } } }"}'
        });

        expect(response.status).toBe(201);
        expect(await response.json()).toEqual({ ok: true });
        expect(seen.at(-1)).toEqual({
            method: 'POST',
            url: '/services/data/v64.0/graphql?x=1',
            authorization: 'Bearer abc',
            body: '{"query":"{ uiapi { query { User { edges { node { Id } } } } } }"}'
        });
    });

    it('forwards only to the instance URL', async () => {
        // A second local server plays the other host that a request target
        // in absolute form, or one starting with `//`, names.
        const decoySeen: string[] = [];
        const decoy = http.createServer((request, response) => {
            decoySeen.push(request.url ?? '');
            response.end();
        });
        const decoyUrl = new URL(await listen(decoy));
        try {
            const absolute = await getRaw(`http://${decoyUrl.host}/services/data/v64.0/absolute`);
            const protocolRelative = await getRaw(
                `//${decoyUrl.host}/services/data/v64.0/relative`
            );

            expect(absolute).toBe(201);
            expect(protocolRelative).toBe(201);
            expect(decoySeen).toEqual([]);
            expect(seen.slice(-2).map((request) => request.url)).toEqual([
                '/services/data/v64.0/absolute',
                '/services/data/v64.0/relative'
            ]);
        } finally {
            await close(decoy);
        }
    });

    it('rejects a malformed escape in a path', async () => {
        expect(await getRaw('/app/%E0%A4%A')).toBe(400);
        expect(await getRaw('/app/app.js')).toBe(200);
    });
});

describe('startPreview options', () => {
    it('rejects an instance URL off this machine', async () => {
        await expect(
            startPreview({ instanceUrl: 'https://example.my.salesforce.com', accessToken: 'x' })
        ).rejects.toThrow(PreviewOptionsError);
    });

    it('rejects an instance URL without a token', async () => {
        await expect(startPreview({ instanceUrl: 'http://127.0.0.1:4010' })).rejects.toThrow(
            /both an instance URL and an access token/
        );
    });
});
