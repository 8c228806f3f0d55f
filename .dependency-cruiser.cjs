/**
 * Import boundaries (npm run check:boundaries): the layout of DESIGN.md, enforced. Type-only imports count too
 * (tsPreCompilationDeps), because a cycle of types is still a cycle a reader has to untangle.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: split the shared part into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-inward',
      severity: 'error',
      comment: 'src/core is the foundation: it never imports the composition root, the control planes or a vendor.',
      from: { path: '^src/core/' },
      to: { path: '^src/(app\\.ts$|app/|admin/|dashboard/|vendors/)' },
    },
    {
      name: 'vendor-keeps-to-itself',
      severity: 'error',
      comment: 'One vendor never imports another: what they share belongs in src/core.',
      from: { path: '^src/vendors/([^/]+)/' },
      to: { path: '^src/vendors/', pathNot: ['^src/vendors/$1/', '^src/vendors/registry\\.ts$'] },
    },
    {
      name: 'control-planes-know-no-vendor',
      severity: 'error',
      comment: 'Admin API and dashboard loop over the registry handed to them; they import no vendor.',
      from: { path: '^src/(admin|dashboard)/' },
      to: { path: '^src/vendors/' },
    },
    {
      name: 'only-shells-import-app',
      severity: 'error',
      comment: 'app.ts is the composition root: only the shells (server, cli, index, generate) import it.',
      from: { path: '^src/', pathNot: '^src/(app|server|cli|index|generate)\\.ts$' },
      to: { path: '^src/app\\.ts$' },
    },
    {
      name: 'app-steps-stay-behind-app',
      comment: 'src/app/ holds the steps of buildApp: only app.ts and the other steps import them.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/app\\.ts$', '^src/app/'] },
      to: { path: '^src/app/' },
    },
    {
      name: 'config-imports-no-vendor',
      severity: 'error',
      comment: 'config.ts (and its config-*.ts parts) merges vendor settings from the list it is given; it imports no vendor and no core module.',
      from: { path: '^src/config[-a-z]*\\.ts$' },
      to: { path: '^src/(core|vendors)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a typo, or a dependency missing from package.json).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
