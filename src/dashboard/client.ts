/**
 * The dashboard's browser script, served as /__dashboard/app.js. Plain ES2020, no dependencies, no build step. It
 * polls the control plane about once a second (clock, jobs, scenarios, journal; charts when the clock moved; vendor
 * panels less often), asking each only for what changed, starts exports through each vendor's own API from the forms,
 * draws the world's charts and the jobs' timeline as inline SVG, and writes copyable curl and fetch snippets for each
 * flow with this page's origin. Kept in TypeScript strings so the compiled server carries it (the build copies nothing
 * but compiled sources); each part lives in its own file under client/, and all run in one function scope.
 */
import { BASE_JS } from './client/base.js';
import { CHARTS_JS } from './client/charts.js';
import { CONTROLS_JS } from './client/controls.js';
import { FORMS_JS } from './client/forms.js';
import { JOBS_JS } from './client/jobs.js';
import { JOURNAL_JS } from './client/journal.js';
import { LOOP_JS } from './client/loop.js';
import { PREVIEW_JS } from './client/preview-view.js';
import { REQUESTS_JS } from './client/requests.js';
import { SVG_JS } from './client/svg.js';
import { TIMELINE_JS } from './client/timeline.js';

export const CLIENT_JS = [
  '(function () {',
  BASE_JS,
  REQUESTS_JS,
  FORMS_JS,
  CONTROLS_JS,
  JOBS_JS,
  PREVIEW_JS,
  JOURNAL_JS,
  SVG_JS,
  CHARTS_JS,
  TIMELINE_JS,
  LOOP_JS,
  '})();\n',
].join('');
