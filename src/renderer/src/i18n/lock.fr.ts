/** French messages of the lock screen. */
import type { FrenchMessages } from './translate.ts';

export const lockFr = {
  'lock.title': 'Poste verrouillé',
  'lock.intro': 'Saisissez votre nom de connexion et votre phrase secrète pour ouvrir la base chiffrée.',
  'lock.name': 'Nom de connexion',
  'lock.nameRequired': 'Saisissez votre nom de connexion.',
  'lock.passphrase': 'Phrase secrète',
  'lock.submit': 'Déverrouiller',
  'lock.busy': 'Vérification de la phrase secrète…',
  'lock.initial.title': 'Choisissez votre phrase secrète',
  'lock.initial.intro':
    '{name}, vous venez d’ouvrir le poste avec la phrase secrète remise par votre superviseur. Remplacez-la par une phrase secrète que vous seul connaissez : rien d’autre ne s’ouvre avant.',
  'lock.initial.next': 'Nouvelle phrase secrète',
  'lock.initial.confirm': 'Confirmer la nouvelle phrase secrète',
  'lock.initial.submit': 'Enregistrer et ouvrir',
  'lock.initial.cancel': 'Verrouiller',
  'lock.initial.busy': 'Enregistrement de la phrase secrète…',
  'lock.reason.idle': "Le poste a été verrouillé automatiquement après une période d'inactivité.",
  'lock.reason.os-lock': 'Le poste a été verrouillé en même temps que la session du système.',
  'lock.reason.suspend': 'Le poste a été verrouillé avant la mise en veille.',
} satisfies FrenchMessages;
