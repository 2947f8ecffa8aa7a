/** The domain labels in Arabic (see labels.fr.ts). */
export { labelsAr } from '../../../shared/labels/domain.ar.ts';
