/** French messages of the lock screen. */
import type { FrenchMessages } from './translate.ts';

export const lockFr = {
  'lock.title': 'Poste verrouillé',
  'lock.intro': 'Choisissez votre profil et saisissez votre phrase secrète pour ouvrir la base chiffrée.',
  'lock.profile': 'Profil',
  'lock.passphrase': 'Phrase secrète',
  'lock.submit': 'Déverrouiller',
  'lock.busy': 'Vérification de la phrase secrète…',
  'lock.noProfiles': 'Aucun profil actif sur ce poste. Adressez-vous à votre superviseur.',
  'lock.reason.idle': "Le poste a été verrouillé automatiquement après une période d'inactivité.",
  'lock.reason.os-lock': 'Le poste a été verrouillé en même temps que la session du système.',
  'lock.reason.suspend': 'Le poste a été verrouillé avant la mise en veille.',
} satisfies FrenchMessages;
