/**
 * The browser preview of the components: builds the bundle (or reuses the
 * cached build), and serves the page on 127.0.0.1 against a local org.
 * Without an instance URL and access token it starts a local org in-process
 * with the sample seed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startOrg, type LocalOrg } from '../org/org';
import { buildPreview, type PreviewBuild } from './build';
import { findProjectRoot } from '../lib/projectRoot';
import { createPreviewHandler } from './server';

/** Options of startPreview. */
export interface PreviewOptions {
    /** TCP port on 127.0.0.1; 0 picks a free one. */
    port?: number;
    /** Base URL of a running local org; a loopback address. Give it together with accessToken. */
    instanceUrl?: string;
    accessToken?: string;
    /** Salesforce API version the page requests, `64.0` by default. */
    apiVersion?: string;
}

/** A running preview. */
export interface Preview {
    /** Address of the page, for example `http://127.0.0.1:4020/`. */
    url: string;
    instanceUrl: string;
    accessToken: string;
    /** The in-process org, when the preview started one. */
    org: LocalOrg | undefined;
    build: PreviewBuild;
    /** Stops the server and the in-process org, if any. */
    close(): Promise<void>;
}

/** Raised when the preview options are invalid. */
export class PreviewOptionsError extends Error {
    override name = 'PreviewOptionsError';
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts the preview server, and a local org unless one is given. */
export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
    const apiVersion = options.apiVersion ?? '64.0';
    const target = await connectOrg(options);
    try {
        const build = await buildPreview();
        const userId = await readUserId(target.instanceUrl, target.accessToken);
        const handler = createPreviewHandler({
            bundleDir: build.outputDir,
            sldsAssetsDir: path.join(
                findProjectRoot(),
                'node_modules/@salesforce-ux/design-system/assets'
            ),
            instanceUrl: new URL(target.instanceUrl),
            settings: { apiVersion, accessToken: target.accessToken, userId }
        });
        const server = http.createServer(handler);
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(options.port ?? 0, '127.0.0.1', resolve);
        });
        const { port } = server.address() as AddressInfo;
        return {
            url: `http://127.0.0.1:${port}/`,
            instanceUrl: target.instanceUrl,
            accessToken: target.accessToken,
            org: target.org,
            build,
            close: async () => {
                server.closeAllConnections();
                await new Promise<void>((resolve) => server.close(() => resolve()));
                await target.org?.close();
            }
        };
    } catch (error) {
        await target.org?.close();
        throw error;
    }
}

interface OrgTarget {
    instanceUrl: string;
    accessToken: string;
    org: LocalOrg | undefined;
}

async function connectOrg(options: PreviewOptions): Promise<OrgTarget> {
    if (options.instanceUrl === undefined && options.accessToken === undefined) {
        const org = await startOrg({ port: 0, seed: 'sample' });
        return { instanceUrl: org.instanceUrl, accessToken: org.accessToken, org };
    }
    if (!options.instanceUrl || !options.accessToken) {
        throw new PreviewOptionsError(
            'Give both an instance URL and an access token, or neither to start a local org.'
        );
    }
    const url = new URL(options.instanceUrl);
    // The preview forwards the page's API requests with the token; it is
    // meant for the local org, so it never forwards them off this machine.
    if (url.protocol !== 'http:' || !loopbackHosts.has(url.hostname)) {
        throw new PreviewOptionsError(
            `Invalid instance URL ${options.instanceUrl}: the preview talks only to a local org on http://127.0.0.1 or http://localhost.`
        );
    }
    return { instanceUrl: url.origin, accessToken: options.accessToken, org: undefined };
}

/** Reads the Id of the token's user from the org's userinfo resource, for `@salesforce/user/Id`. */
async function readUserId(instanceUrl: string, accessToken: string): Promise<string | null> {
    const response = await fetch(new URL('/services/oauth2/userinfo', instanceUrl), {
        headers: { Authorization: `Bearer ${accessToken}` }
    });
    if (!response.ok) {
        throw new PreviewOptionsError(
            `The org at ${instanceUrl} rejected the access token (userinfo returned ${response.status}): pass a valid token.`
        );
    }
    const body = (await response.json()) as { user_id?: string };
    return body.user_id ?? null;
}
