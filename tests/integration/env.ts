export { productionEnv, ROOT } from '../../scripts/lib/production.ts';
