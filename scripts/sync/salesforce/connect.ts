/**
 * Opens a jsforce connection to the org in one of three ways: the Salesforce
 * CLI's stored auth (`--target-org`), an access token from the environment,
 * or the OAuth 2.0 JWT bearer flow for unattended runs.
 */
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Connection } from 'jsforce';
import { InvalidOptionsError, SyncError, EXIT_CODES } from '../errors';
import type { Logger } from '../log';

/** The job's auth method, built by the command from flags and environment variables. */
export type OrgAuth =
    | { kind: 'target-org'; aliasOrUsername: string }
    | {
          kind: 'access-token';
          instanceUrl: string;
          accessToken: string;
          /** With a refresh token and a client id, jsforce refreshes an expired session. */
          refreshToken?: string;
          clientId?: string;
          clientSecret?: string;
      }
    | {
          kind: 'jwt';
          clientId: string;
          username: string;
          privateKey: string;
          /** Login URL the token request goes to, for example `https://login.salesforce.com`. */
          loginUrl: string;
          /** The JWT `aud` claim; defaults to the login URL. */
          audience?: string;
      };

/** An open connection, with a description of it that is safe to log. */
export interface OrgConnection {
    conn: Connection;
    /** For example `access token` or `JWT bearer as ops@example.com`. */
    authDescription: string;
    /** The organisation ID when the auth flow returned it. */
    orgId?: string;
}

/** Reads a PEM private key for the JWT flow; raises InvalidOptionsError when it cannot. */
export function readPrivateKey(path: string): string {
    try {
        return readFileSync(path, 'utf8');
    } catch (error) {
        throw new InvalidOptionsError(
            `The JWT key file ${path} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). ` +
                'Pass the path of the PEM private key of the connected app certificate with --jwt-key-file.'
        );
    }
}

/** Opens a connection with the given auth and API version, registering every secret with the logger. */
export async function openConnection(
    auth: OrgAuth,
    apiVersion: string,
    logger: Logger
): Promise<OrgConnection> {
    switch (auth.kind) {
        case 'target-org':
            return openTargetOrg(auth.aliasOrUsername, apiVersion, logger);
        case 'access-token':
            return openWithAccessToken(auth, apiVersion, logger);
        case 'jwt':
            return openWithJwt(auth, apiVersion, logger);
    }
}

async function openTargetOrg(
    aliasOrUsername: string,
    apiVersion: string,
    logger: Logger
): Promise<OrgConnection> {
    // @salesforce/core is large; load it only for this auth method.
    const { Org } = await import('@salesforce/core');
    let org;
    try {
        org = await Org.create({ aliasOrUsername });
    } catch (error) {
        // An alias without stored auth is an auth failure (exit 1), like a rejected token.
        const reason = (error as Error).message.replace(/[.\s]+$/, '');
        throw new SyncError(
            `No Salesforce CLI auth was found for --target-org ${aliasOrUsername}: ${reason}. ` +
                'Log in first, for example with sf org login jwt or sf org login web --alias NAME.',
            EXIT_CODES.failed
        );
    }
    const conn = org.getConnection(apiVersion) as unknown as Connection;
    logger.addSecret(conn.accessToken ?? undefined);
    logger.addSecret(conn.refreshToken ?? undefined);
    return {
        conn,
        authDescription: `Salesforce CLI auth ${aliasOrUsername}`,
        orgId: org.getOrgId()
    };
}

function openWithAccessToken(
    auth: Extract<OrgAuth, { kind: 'access-token' }>,
    apiVersion: string,
    logger: Logger
): OrgConnection {
    logger.addSecret(auth.accessToken);
    logger.addSecret(auth.refreshToken);
    logger.addSecret(auth.clientSecret);
    const canRefresh = auth.refreshToken !== undefined && auth.clientId !== undefined;
    const conn = new Connection({
        instanceUrl: auth.instanceUrl,
        accessToken: auth.accessToken,
        version: apiVersion,
        ...(canRefresh
            ? {
                  refreshToken: auth.refreshToken,
                  oauth2: {
                      clientId: auth.clientId,
                      clientSecret: auth.clientSecret,
                      loginUrl: auth.instanceUrl
                  }
              }
            : {})
    });
    conn.on('refresh', (accessToken: string) => {
        logger.addSecret(accessToken);
        logger.info('The session expired and was refreshed with the refresh token.');
    });
    return {
        conn,
        authDescription: canRefresh ? 'access token with refresh token' : 'access token',
        orgId: orgIdFromAccessToken(auth.accessToken)
    };
}

async function openWithJwt(
    auth: Extract<OrgAuth, { kind: 'jwt' }>,
    apiVersion: string,
    logger: Logger
): Promise<OrgConnection> {
    logger.addSecret(auth.privateKey);
    const first = await requestJwtToken(auth, logger);
    const conn = new Connection({
        instanceUrl: first.instanceUrl,
        accessToken: first.accessToken,
        version: apiVersion,
        // An expired session is renewed by a new JWT bearer exchange, as the flow has no refresh token.
        refreshFn: (_conn, callback) => {
            requestJwtToken(auth, logger).then(
                (token) => {
                    logger.info(
                        'The session expired; a new one was obtained with the JWT bearer flow.'
                    );
                    callback(null, token.accessToken);
                },
                (error: Error) => callback(error)
            );
        }
    });
    return { conn, authDescription: `JWT bearer as ${auth.username}`, orgId: first.orgId };
}

interface JwtToken {
    accessToken: string;
    instanceUrl: string;
    orgId?: string;
}

/**
 * Exchanges a signed JWT for an access token.
 * Follows "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration" (Salesforce Help):
 * claims iss (client id), sub (username), aud (login URL) and exp, signed RS256.
 */
async function requestJwtToken(
    auth: Extract<OrgAuth, { kind: 'jwt' }>,
    logger: Logger
): Promise<JwtToken> {
    const assertion = signJwt(auth);
    logger.addSecret(assertion);
    const loginUrl = auth.loginUrl.replace(/\/+$/, '');
    let response: Response;
    try {
        response = await fetch(`${loginUrl}/services/oauth2/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
                assertion
            }).toString(),
            redirect: 'manual',
            signal: AbortSignal.timeout(JWT_TOKEN_TIMEOUT_MS)
        });
    } catch (error) {
        throw new SyncError(
            `The JWT bearer token request to ${loginUrl} failed (${describeFetchFailure(error)}). ` +
                'Check --instance-url (or SF_LOGIN_URL) and that the login server is reachable.',
            EXIT_CODES.failed
        );
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (
        !response.ok ||
        typeof body.access_token !== 'string' ||
        typeof body.instance_url !== 'string'
    ) {
        throw new SyncError(
            `The JWT bearer token request to ${loginUrl} failed (${response.status} ${String(body.error ?? '')}: ` +
                `${String(body.error_description ?? 'no description')}). Check --client-id, --username, the key ` +
                'and that the connected app has the certificate and the user pre-authorised.',
            EXIT_CODES.failed
        );
    }
    logger.addSecret(body.access_token);
    return {
        accessToken: body.access_token,
        instanceUrl: body.instance_url,
        orgId: typeof body.id === 'string' ? /\/id\/(00D\w+)\//.exec(body.id)?.[1] : undefined
    };
}

/** Time the JWT token request may take, response included. */
const JWT_TOKEN_TIMEOUT_MS = 30_000;

function describeFetchFailure(error: unknown): string {
    if ((error as { name?: unknown }).name === 'TimeoutError') {
        return `no response within ${JWT_TOKEN_TIMEOUT_MS / 1000} s`;
    }
    // undici's "fetch failed" names the reason only in its cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
}

function signJwt(auth: Extract<OrgAuth, { kind: 'jwt' }>): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = encode({ alg: 'RS256', typ: 'JWT' });
    const claims = encode({
        iss: auth.clientId,
        sub: auth.username,
        aud: auth.audience ?? auth.loginUrl.replace(/\/+$/, ''),
        // Salesforce accepts an expiry at most 3 minutes ahead.
        exp: Math.floor(Date.now() / 1000) + 180
    });
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${claims}`);
    let signature: string;
    try {
        signature = signer.sign(auth.privateKey).toString('base64url');
    } catch (error) {
        throw new InvalidOptionsError(
            `The JWT key could not sign the assertion (${(error as Error).message}). Pass an RSA private key in PEM format.`
        );
    }
    return `${header}.${claims}.${signature}`;
}

/**
 * Reads the organisation ID from a Salesforce session ID, whose part before
 * `!` is the 15-character organisation ID. Returns undefined for tokens of
 * another shape.
 */
function orgIdFromAccessToken(accessToken: string): string | undefined {
    const prefix = accessToken.split('!')[0] ?? '';
    return /^00D[A-Za-z0-9]{12}$/.test(prefix) ? prefix : undefined;
}
