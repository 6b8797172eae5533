/**
 * `node dist/fake-natterbox.js`: runs the fake Natterbox server in the
 * foreground on 127.0.0.1 with the shipped sample subscriptions.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describePortInUse } from '../org/cli';
import { startFakeNatterbox, type FakeSubscription } from './fakeServer';

/** Default port, chosen apart from the local org (4010) and the preview (4020) so all three can run at once. */
const DEFAULT_PORT = 4030;

const HELP = `Usage: node dist/fake-natterbox.js [options]

Serves the assumed Natterbox subscriptions API (docs/natterbox-api.md) on 127.0.0.1.

Options:
  --port N               port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
  --subscriptions FILE   JSON export whose subscriptions the server returns
                         (default samples/natterbox-subscriptions.json)
  --client-id ID         accepted client id (default env NATTERBOX_CLIENT_ID, else local-client)
  --client-secret SECRET accepted client secret (default env NATTERBOX_CLIENT_SECRET, else local-secret)
  --help                 show this text`;

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: 'string', default: String(DEFAULT_PORT) },
            subscriptions: { type: 'string', default: 'samples/natterbox-subscriptions.json' },
            'client-id': { type: 'string' },
            'client-secret': { type: 'string' },
            help: { type: 'boolean', default: false }
        }
    });
    if (values.help) {
        console.log(HELP);
        return;
    }
    const file = JSON.parse(readFileSync(values.subscriptions, 'utf8')) as {
        subscriptions: FakeSubscription[];
    };

    const credentials = acceptedCredentials(values['client-id'], values['client-secret']);
    const port = Number(values.port);
    let server;
    try {
        server = await startFakeNatterbox({
            port,
            clientId: credentials.clientId,
            clientSecret: credentials.clientSecret,
            subscriptions: file.subscriptions
        });
    } catch (error) {
        const portInUse = describePortInUse(error, port);
        if (portInUse === undefined) {
            throw error;
        }
        console.error(`fake-natterbox: ${portInUse}`);
        process.exit(1);
    }

    console.log(
        `Fake Natterbox listening on ${server.baseUrl} with ${file.subscriptions.length} subscriptions.`
    );
    console.log('Use it with:');
    console.log(
        `  NATTERBOX_BASE_URL=${server.baseUrl} NATTERBOX_CLIENT_ID=${credentials.clientId} ` +
            `NATTERBOX_CLIENT_SECRET=${credentials.clientSecretHint} npm run sync -- --source natterbox`
    );
    console.log('Press Ctrl-C to stop.');
    const stop = () => {
        server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

/**
 * Returns the client id and secret the server accepts, and the text the
 * startup hint shows for the secret. The built-in default is shown as is, and
 * a secret from a flag or the environment only by where it came from, so the
 * hint never prints it.
 */
function acceptedCredentials(
    idFlag: string | undefined,
    secretFlag: string | undefined
): { clientId: string; clientSecret: string; clientSecretHint: string } {
    const envSecret = process.env.NATTERBOX_CLIENT_SECRET;
    let clientSecretHint = 'local-secret';
    if (secretFlag !== undefined) {
        clientSecretHint = '<the --client-secret value>';
    } else if (envSecret !== undefined) {
        clientSecretHint = '"$NATTERBOX_CLIENT_SECRET"';
    }
    return {
        clientId: idFlag ?? process.env.NATTERBOX_CLIENT_ID ?? 'local-client',
        clientSecret: secretFlag ?? envSecret ?? 'local-secret',
        clientSecretHint
    };
}

main().catch((error: Error) => {
    console.error(`fake-natterbox: ${error.message}`);
    process.exit(1);
});
