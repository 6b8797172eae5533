/**
 * The OAuth 2.0 token endpoint: refresh token flow and JWT bearer flow
 * (Salesforce Help: "OAuth 2.0 Refresh Token Flow for Renewed Sessions",
 * "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration").
 */
import { createHmac } from 'node:crypto';
import { newToken, OAuthError, verifyJwtAssertion, type Session } from '../auth';
import type { OrgRuntime, RestReply } from '../http/types';
import type { KeyObject } from 'node:crypto';

/** Token endpoint settings from startOrg options. */
export interface OAuthSettings {
    /** Connected app consumer key; when set, `client_id` or the JWT `iss` must equal it. */
    clientId?: string;
    /** Public key or certificate that JWT assertions must be signed with. */
    jwtPublicKey?: KeyObject;
}

function tokenResponse(org: OrgRuntime, session: Session): RestReply {
    const accessToken = newToken(org.organizationId);
    org.tokens.addAccessToken(accessToken, session);
    const issuedAt = String(Date.now());
    const id = `${org.instanceUrl}/id/${org.organizationId}/${session.userId}`;
    const signature = createHmac('sha256', accessToken)
        .update(id + issuedAt)
        .digest('base64');
    return {
        status: 200,
        body: {
            access_token: accessToken,
            instance_url: org.instanceUrl,
            id,
            token_type: 'Bearer',
            issued_at: issuedAt,
            signature,
            scope: 'api refresh_token'
        }
    };
}

function checkClient(settings: OAuthSettings, clientId: string | null): void {
    if (settings.clientId !== undefined && clientId !== settings.clientId) {
        throw new OAuthError(
            'invalid_client_id',
            `client identifier invalid: ${clientId ?? '(none)'}`
        );
    }
}

function activeUserId(org: OrgRuntime, username: string): string {
    const [id] = org.store.findIdsByField('User', 'Username', username);
    const user = id ? org.store.read('User', id) : null;
    if (!id || !user || user.IsActive !== true) {
        throw new OAuthError(
            'invalid_grant',
            `user hasn't approved this consumer or is not an active user: ${username}`
        );
    }
    return id;
}

/** POST /services/oauth2/token with a form-encoded body. */
export function token(org: OrgRuntime, settings: OAuthSettings, form: URLSearchParams): RestReply {
    try {
        const grantType = form.get('grant_type');
        if (grantType === 'refresh_token') {
            checkClient(settings, form.get('client_id'));
            const session = org.tokens.refreshSession(form.get('refresh_token') ?? '');
            if (!session) {
                throw new OAuthError('invalid_grant', 'expired access/refresh token');
            }
            return tokenResponse(org, session);
        }
        if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
            const claims = verifyJwtAssertion(form.get('assertion') ?? '', settings.jwtPublicKey);
            checkClient(settings, claims.iss ?? null);
            return tokenResponse(org, { userId: activeUserId(org, claims.sub ?? '') });
        }
        throw new OAuthError(
            'unsupported_grant_type',
            `grant type not supported: ${grantType ?? '(none)'}; use refresh_token or urn:ietf:params:oauth:grant-type:jwt-bearer`
        );
    } catch (error) {
        if (error instanceof OAuthError) {
            return { status: 400, body: { error: error.error, error_description: error.message } };
        }
        throw error;
    }
}
