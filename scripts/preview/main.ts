/**
 * `npm run preview`: serves the components in a browser page against a
 * local org. Without an instance URL, a local org starts in-process with
 * the sample seed. SF_INSTANCE_URL and SF_ACCESS_TOKEN work in place of the
 * flags; `--help` lists them.
 */
import { parseArgs } from 'node:util';
import { describePortInUse } from '../org/cli';
import { PreviewOptionsError, startPreview } from './index';

const defaultPort = 4020;

const usage = `Usage: npm run preview -- [--port N] [--instance-url URL --access-token TOKEN]

  --port N              TCP port on 127.0.0.1 for the page (default ${defaultPort}; 0 picks a free port)
  --instance-url URL    base URL of a running local org (default: start one with the sample seed)
  --access-token TOKEN  access token for that org (or SF_ACCESS_TOKEN)
  --api-version V       Salesforce API version the page requests (default 64.0)`;

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            port: { type: 'string' },
            'instance-url': { type: 'string' },
            'access-token': { type: 'string' },
            'api-version': { type: 'string' },
            help: { type: 'boolean', short: 'h' }
        }
    });
    if (values.help) {
        console.log(usage);
        return 0;
    }
    const port = values.port === undefined ? defaultPort : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`Invalid --port ${values.port}: use a TCP port from 0 to 65535.\n\n${usage}`);
        return 2;
    }

    console.error(
        'preview: building the components (about 25 s the first time, cached afterwards)'
    );
    let preview;
    try {
        preview = await startPreview({
            port,
            instanceUrl: values['instance-url'] ?? process.env.SF_INSTANCE_URL,
            accessToken: values['access-token'] ?? process.env.SF_ACCESS_TOKEN,
            apiVersion: values['api-version']
        });
    } catch (error) {
        const portInUse = describePortInUse(error, port);
        if (portInUse === undefined) {
            throw error;
        }
        console.error(`preview: ${portInUse}`);
        return 1;
    }
    const source = preview.org
        ? 'an in-process local org with the sample seed'
        : preview.instanceUrl;
    console.log(`Preview: ${preview.url} (data from ${source})`);
    console.log(`  User record page: ${preview.url}?page=user`);
    console.log(`  Licensing admin:  ${preview.url}?page=admin`);
    console.log('Press Ctrl-C to stop.');

    await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
    });
    await preview.close();
    return 0;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        if (error instanceof PreviewOptionsError) {
            console.error(`preview: ${error.message}\n\n${usage}`);
            process.exit(2);
        }
        console.error('preview: failed to start:', error);
        process.exit(1);
    }
);
