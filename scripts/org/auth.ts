/**
 * Access tokens, refresh tokens and the OAuth 2.0 JWT bearer flow of the
 * local org.
 */
import { createPublicKey, randomBytes, verify, X509Certificate, type KeyObject } from 'node:crypto';

/** An OAuth error, sent as `{ error, error_description }` with HTTP 400 (Salesforce Help: "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration"). */
export class OAuthError extends Error {
    readonly error: string;

    constructor(error: string, description: string) {
        super(description);
        this.name = 'OAuthError';
        this.error = error;
    }
}

/** The JWT claims Salesforce's JWT bearer flow reads. */
export interface JwtClaims {
    iss?: string;
    sub?: string;
    aud?: string | string[];
    exp?: number;
}

/** Builds a token in Salesforce's shape: the 15-character org ID, `!`, then random characters. */
export function newToken(organizationId: string): string {
    return `${organizationId.slice(0, 15)}!${randomBytes(36).toString('base64url')}`;
}

/** Reads a PEM public key or X.509 certificate. */
export function readPublicKey(pem: string): KeyObject {
    if (pem.includes('BEGIN CERTIFICATE')) {
        return new X509Certificate(pem).publicKey;
    }
    return createPublicKey(pem);
}

function decodeJson(part: string, what: string): Record<string, unknown> {
    try {
        return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<
            string,
            unknown
        >;
    } catch {
        throw new OAuthError(
            'invalid_grant',
            `invalid assertion: the JWT ${what} is not base64url JSON`
        );
    }
}

/**
 * Checks a JWT bearer assertion: RS256 signature against `publicKey` when
 * one is configured, `exp` not passed, `sub` present. Returns the claims.
 * Salesforce allows the assertion up to its `exp`; no extra clock skew is
 * granted here.
 */
export function verifyJwtAssertion(
    assertion: string,
    publicKey: KeyObject | undefined,
    now = Date.now()
): JwtClaims {
    const parts = assertion.split('.');
    if (parts.length !== 3) {
        throw new OAuthError(
            'invalid_grant',
            'invalid assertion: a JWT has three dot-separated parts'
        );
    }
    const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
    const header = decodeJson(headerPart, 'header');
    if (header.alg !== 'RS256') {
        throw new OAuthError(
            'invalid_grant',
            `invalid assertion: alg must be RS256, got ${String(header.alg)}`
        );
    }
    if (publicKey) {
        const signed = Buffer.from(`${headerPart}.${payloadPart}`);
        const valid = verify(
            'RSA-SHA256',
            signed,
            publicKey,
            Buffer.from(signaturePart, 'base64url')
        );
        if (!valid) {
            throw new OAuthError(
                'invalid_grant',
                'invalid assertion: the signature does not match the configured certificate'
            );
        }
    }
    const claims = decodeJson(payloadPart, 'payload') as JwtClaims;
    // NOTE: `aud` is not checked. Salesforce requires the login URL there,
    // which has no equivalent for a server on 127.0.0.1.
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < now) {
        throw new OAuthError(
            'invalid_grant',
            'expired authorization code: the JWT exp claim is missing or in the past'
        );
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') {
        throw new OAuthError(
            'invalid_grant',
            'invalid assertion: the JWT sub claim must be the username'
        );
    }
    return claims;
}

/** The session a token belongs to. */
export interface Session {
    userId: string;
}

/** Holds the valid access tokens and refresh tokens of the org. */
export class TokenRegistry {
    private readonly accessTokens = new Map<string, Session>();
    private readonly refreshTokens = new Map<string, Session>();

    /** Registers an access token for a user. */
    addAccessToken(token: string, session: Session): void {
        this.accessTokens.set(token, session);
    }

    /** Registers a refresh token for a user. */
    addRefreshToken(token: string, session: Session): void {
        this.refreshTokens.set(token, session);
    }

    /** Returns the session of an access token, or undefined. */
    session(accessToken: string): Session | undefined {
        return this.accessTokens.get(accessToken);
    }

    /** Returns the session of a refresh token, or undefined. */
    refreshSession(refreshToken: string): Session | undefined {
        return this.refreshTokens.get(refreshToken);
    }

    /** Invalidates an access token, as when a session expires. */
    revoke(accessToken: string): void {
        this.accessTokens.delete(accessToken);
    }
}
