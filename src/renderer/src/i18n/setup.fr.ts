/** French messages of the first-run setup screen. */
import type { FrenchMessages } from './translate.ts';

export const setupFr = {
  'setup.title': 'Première mise en service',
  'setup.intro':
    'Créez le premier profil de ce poste. Il aura le rôle de superviseur et pourra ensuite créer les profils des autres analystes.',
  'setup.passphraseWarning':
    'Cette phrase secrète protège la base chiffrée du poste et ne peut pas être récupérée : sans elle, les données sont perdues.',
  'setup.locale': 'Langue du profil',
  'setup.submit': 'Créer le profil superviseur',
  'setup.busy': 'Création de la base chiffrée…',
} satisfies FrenchMessages;
