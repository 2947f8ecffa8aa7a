/** The domain labels (statuses, categories, reporter modes, platforms, regions) as a feature of the catalogue: shared with the core, which names them in referral dossiers. */
export { labelsFr } from '../../../shared/labels/domain.fr.ts';
