/** The preview's HTML page. */

/** Settings the page hands to the browser code (scripts/preview/platform/transport.ts reads them). */
export interface PageSettings {
    apiVersion: string;
    accessToken: string;
    userId: string | null;
}

/** Renders the page: SLDS loaded globally, a header with the two pages, and the bundle. */
export function renderPage(settings: PageSettings): string {
    // `<` is escaped so that no value can close the script element early.
    const settingsJson = JSON.stringify(settings).replace(/</g, '\\u003c');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Natterbox Licensing preview</title>
<link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css">
<script type="application/json" id="preview-settings">${settingsJson}</script>
<script type="module" src="/app/app.js"></script>
</head>
<body class="slds-scope">
<header class="slds-page-header">
  <div class="slds-page-header__row">
    <div class="slds-page-header__col-title">
      <h1 class="slds-page-header__title">Natterbox Licensing preview</h1>
    </div>
  </div>
</header>
<nav class="slds-tabs_default slds-p-horizontal_medium" aria-label="Pages">
  <ul class="slds-tabs_default__nav">
    <li class="slds-tabs_default__item" data-page="user"><a class="slds-tabs_default__link" href="/?page=user">User record page</a></li>
    <li class="slds-tabs_default__item" data-page="admin"><a class="slds-tabs_default__link" href="/?page=admin">Licensing admin</a></li>
  </ul>
</nav>
<main id="app" class="slds-p-around_medium"></main>
</body>
</html>
`;
}
