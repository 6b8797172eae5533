import { existsSync } from 'node:fs';
import path from 'node:path';
import {
    ATTRIBUTE_PREFIX,
    children,
    DEFAULT_DIR,
    listFiles,
    readMetadata,
    text,
    texts,
    type XmlNode
} from './metadataFiles';

// Each custom component a FlexiPage places must be exposed for that page
// type, and for record pages, for that object. Without it the deploy fails
// with "Component is not supported on this page type". The targets follow
// the Lightning Web Components Developer Guide page "XML Configuration File
// Elements".

const TARGET_BY_PAGE_TYPE: Record<string, string> = {
    AppPage: 'lightning__AppPage',
    RecordPage: 'lightning__RecordPage',
    HomePage: 'lightning__HomePage'
};

interface Placement {
    page: string;
    pageType: string;
    sobjectType: string | undefined;
    component: string;
}

function placements(): Placement[] {
    return listFiles(path.join(DEFAULT_DIR, 'flexipages')).flatMap((file) => {
        const page = readMetadata(file);
        const components = children(page, 'flexiPageRegions')
            .flatMap((region) => children(region, 'itemInstances'))
            .map((item) => text(item.componentInstance as XmlNode, 'componentName') ?? '')
            // Custom components have no namespace or the default namespace c.
            .filter((name) => !name.includes(':') || name.startsWith('c:'))
            .map((name) => name.replace(/^c:/, ''));
        return components.map((component) => ({
            page: path.basename(file),
            pageType: text(page, 'type') ?? '',
            sobjectType: text(page, 'sobjectType'),
            component
        }));
    });
}

/** Reads the comma-separated `targets` attribute of a targetConfig. */
function configTargets(config: XmlNode): string[] {
    const value = config[`${ATTRIBUTE_PREFIX}targets`];
    return typeof value === 'string' ? value.split(',').map((target) => target.trim()) : [];
}

function bundleMeta(component: string): string {
    return path.join(DEFAULT_DIR, 'lwc', component, `${component}.js-meta.xml`);
}

const EXPECTED_PLACEMENTS = [
    'Natterbox_Licensing_Admin.flexipage-meta.xml: licenseAdmin',
    'Natterbox_User_Record_Page.flexipage-meta.xml: userLicensePanel'
];

describe('FlexiPages', () => {
    it('place the admin view and the user panel', () => {
        const found = placements().map((placement) => `${placement.page}: ${placement.component}`);
        expect(found.sort()).toEqual(EXPECTED_PLACEMENTS);
    });

    describe.each(placements())('$page placing $component', (placement) => {
        const metaFile = bundleMeta(placement.component);
        const bundleMissing = !existsSync(path.dirname(metaFile));
        // The components live in their own bundles, written separately from
        // the pages. Until a bundle folder exists there is nothing to check.
        const run = bundleMissing ? it.skip : it;

        run('uses an exposed component with a matching target', () => {
            expect({ metaFile, exists: existsSync(metaFile) }).toEqual({ metaFile, exists: true });
            const bundle = readMetadata(metaFile);
            expect(text(bundle, 'isExposed')).toBe('true');

            const target = TARGET_BY_PAGE_TYPE[placement.pageType];
            expect({ pageType: placement.pageType, target }).toEqual({
                pageType: placement.pageType,
                target: expect.any(String)
            });
            const targets = texts((bundle.targets as XmlNode | undefined) ?? {}, 'target');
            expect(targets).toContain(target);

            if (placement.sobjectType) {
                const configs = children(
                    (bundle.targetConfigs as XmlNode | undefined) ?? {},
                    'targetConfig'
                );
                const objects = configs
                    .filter((config) => configTargets(config).includes(target ?? ''))
                    .flatMap((config) =>
                        texts((config.objects as XmlNode | undefined) ?? {}, 'object')
                    );
                expect(objects).toEqual([placement.sobjectType]);
            }
        });
    });
});
