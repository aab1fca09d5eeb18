/**
 * The pages' names of the warning kinds (dashboards/ui/labels.ts), handed on to what cli/ composes: the
 * digest e-mail of `sentinel start` and `sentinel digest send` names kinds as the pages do, and cli/ may
 * not import dashboards/ (docs/architecture.md).
 */
export { WARNING_KINDS } from '../dashboards/ui/labels.js';
