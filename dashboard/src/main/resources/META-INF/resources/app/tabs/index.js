// The tabs, in the order of the navigation. A tab is {id, title, role, filters, intro, render(view)}: role is the least role
// that may use it (the navigation hides it from others), filters which global filters its endpoints take ('sales',
// 'anomaly' or 'none'). To add a tab, write a module like these and list it here (docs/dashboard.md, "Adding a tab").
import overview from './overview.js';
import cohorts from './cohorts.js';
import customers from './customers.js';
import ltv from './ltv.js';
import products from './products.js';
import geography from './geography.js';
import forecast from './forecast.js';
import anomalies from './anomalies.js';
import live from './live.js';
import admin from './admin.js';

export const TABS = [overview, cohorts, customers, ltv, products, geography, forecast, anomalies, live, admin];
